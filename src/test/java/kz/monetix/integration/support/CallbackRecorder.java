package kz.monetix.integration.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import kz.monetix.integration.json.Json;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP endpoint on loopback that records the callbacks a test points the simulator at. */
public final class CallbackRecorder implements AutoCloseable {

    private final HttpServer server;
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger rejectNext = new AtomicInteger();

    public CallbackRecorder() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/callbacks", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = rejectNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 503 : 200;
            if (status == 200) {
                received.add(Json.parseOrNull(body));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/callbacks";
    }

    public List<JsonNode> received() {
        return received;
    }

    public List<JsonNode> forPayment(String paymentId) {
        return received.stream().filter(c -> paymentId.equals(c.at("/payment/id").asText())).toList();
    }

    /** Answer 503 to the next {@code count} callbacks, like an unavailable merchant. */
    public void rejectNext(int count) {
        rejectNext.set(count);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
