package kz.monetix.integration.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import kz.monetix.integration.erp.EventSignature;
import kz.monetix.integration.json.Json;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ERP's webhook as the chaos suite plays it, in the suite's own process: it records every delivery it accepts (the
 * record the invariants are checked against), refuses a share of them with 503 and can go down for a while.
 */
final class ErpRecorder implements AutoCloseable {

    /** One accepted delivery, as it arrived. */
    record Delivery(String eventId, String orderId, String type, String status, String refundId, String body, boolean signatureValid) {
    }

    private final int port;
    private final double refusalShare;
    private final String secret;
    private final List<Delivery> accepted = new ArrayList<>();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong outages = new AtomicLong();
    private final ExecutorService handlers = Executors.newFixedThreadPool(16);
    private volatile HttpServer server;

    ErpRecorder(int port, double refusalShare, String secret) throws IOException {
        this.port = port;
        this.refusalShare = refusalShare;
        this.secret = secret;
        up();
    }

    String url() {
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
    void outage(Duration length) {
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

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
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
                    new String(body, StandardCharsets.UTF_8), signature != null && EventSignature.matches(secret, body, signature));
            synchronized (accepted) {
                accepted.add(delivery);
            }
            exchange.sendResponseHeaders(204, -1);
        }
    }

    List<Delivery> accepted() {
        synchronized (accepted) {
            return List.copyOf(accepted);
        }
    }

    long refused() {
        return refused.get();
    }

    long outages() {
        return outages.get();
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}
