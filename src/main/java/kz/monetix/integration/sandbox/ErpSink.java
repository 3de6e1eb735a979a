package kz.monetix.integration.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import kz.monetix.integration.erp.EventSignature;
import kz.monetix.integration.json.Json;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in ERP webhook for demos and tests: records every event delivery (with whether its
 * {@code X-Signature} verified) and can be told to fail the next N deliveries.
 */
@ApplicationScoped
public class ErpSink {

    /** Deliveries kept for the demo and tests; the oldest are dropped beyond this many. */
    static final int KEPT = 10_000;

    private final List<ObjectNode> received = new ArrayList<>();
    private final AtomicInteger failuresToServe = new AtomicInteger();
    private final Map<String, Long> slowOrders = new ConcurrentHashMap<>();
    private final Optional<String> secret;

    public ErpSink(@ConfigProperty(name = "erp.events.secret") Optional<String> secret) {
        this.secret = secret;
    }

    /** Records a delivery; answers 503 while failures are pending, else 204 (late, for an order made slow). */
    public int receive(byte[] body, String eventId, String signature) throws InterruptedException {
        if (failuresToServe.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return 503;
        }
        JsonNode event = Json.parseOrNull(body);
        Long pause = event == null ? null : slowOrders.get(event.path("orderId").asText(""));
        if (pause != null) {
            Thread.sleep(pause);
        }
        ObjectNode record = Json.MAPPER.createObjectNode();
        record.put("eventId", eventId);
        record.put("signatureValid", secret.isPresent() && signature != null
                && EventSignature.matches(secret.get(), body, signature));
        record.set("event", event);
        synchronized (received) {
            received.add(record);
            if (received.size() > KEPT) {
                received.remove(0);
            }
        }
        return 204;
    }

    public ArrayNode list(String orderId) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        synchronized (received) {
            received.stream()
                    .filter(r -> orderId == null || orderId.equals(r.at("/event/orderId").asText(null)))
                    .forEach(out::add);
        }
        return out;
    }

    public void failNext(int count) {
        failuresToServe.set(Math.max(0, count));
    }

    /** Deliveries of this order's events take {@code millis} (0: no more), like one slow ERP endpoint. */
    public void slow(String orderId, long millis) {
        if (millis <= 0) {
            slowOrders.remove(orderId);
        } else {
            slowOrders.put(orderId, millis);
        }
    }
}
