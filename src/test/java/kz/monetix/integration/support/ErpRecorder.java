package kz.monetix.integration.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import kz.monetix.integration.erp.EventSignature;
import kz.monetix.integration.json.Json;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The ERP's webhook as the chaos suite and the benchmark play it, in the test's own process: it records every delivery it
 * accepts with its arrival time (the record the chaos invariants are checked against), refuses a share of them with 503
 * and can go down for a while.
 */
public final class ErpRecorder implements AutoCloseable {

    /** One accepted delivery, as it arrived. */
    public record Delivery(String eventId, String orderId, String type, String status, String refundId, String body, boolean signatureValid,
                           long arrivedMicros) {
    }

    private final int port;
    private final double refusalShare;
    private final String secret;
    private final List<Delivery> accepted = new ArrayList<>();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong outages = new AtomicLong();
    private final ExecutorService handlers = Executors.newFixedThreadPool(16);
    private volatile HttpServer server;
    private volatile Consumer<Delivery> listener = delivery -> { };

    public ErpRecorder(int port, double refusalShare, String secret) throws IOException {
        this.port = port;
        this.refusalShare = refusalShare;
        this.secret = secret;
        up();
    }

    public String url() {
        return "http://127.0.0.1:" + port + "/erp/events";
    }

    private synchronized void up() throws IOException {
        HttpServer started = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
        started.createContext("/erp/events", this::receive);
        started.setExecutor(handlers);
        started.start();
        server = started;
    }

    /** Stops listening for {@code length} (connections refused), then comes back; returns at once. */
    public void outage(Duration length) {
        outages.incrementAndGet();
        synchronized (this) {
            server.stop(0);
        }
        Thread back = new Thread(() -> {
            try {
                Thread.sleep(length.toMillis());
                up();
            } catch (InterruptedException | IOException e) {
                throw new IllegalStateException("the ERP recorder could not come back", e);
            }
        }, "erp-outage");
        back.setDaemon(true);
        back.start();
    }

    /** Epoch microseconds: the clock of arrival times, and of the load generator's own timestamps compared with them. */
    public static long nowMicros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            long arrivedMicros = nowMicros();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (ThreadLocalRandom.current().nextDouble() < refusalShare) {
                refused.incrementAndGet();
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            JsonNode event = Json.parseOrNull(body);
            String signature = exchange.getRequestHeaders().getFirst("X-Signature");
            Delivery delivery = new Delivery(exchange.getRequestHeaders().getFirst("X-Event-Id"),
                    event == null ? null : event.path("orderId").asText(null), event == null ? null : event.path("type").asText(null),
                    event == null ? null : event.path("status").asText(null), event == null ? null : event.path("refundId").asText(null),
                    new String(body, StandardCharsets.UTF_8), signature != null && EventSignature.matches(secret, body, signature),
                    arrivedMicros);
            synchronized (accepted) {
                accepted.add(delivery);
            }
            listener.accept(delivery);
            exchange.sendResponseHeaders(204, -1);
        }
    }

    /** Called with each accepted delivery, on the thread that received it (the ERP acting on the event). */
    public void onDelivery(Consumer<Delivery> listener) {
        this.listener = listener;
    }

    public List<Delivery> accepted() {
        synchronized (accepted) {
            return List.copyOf(accepted);
        }
    }

    public long refused() {
        return refused.get();
    }

    public long outages() {
        return outages.get();
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}
