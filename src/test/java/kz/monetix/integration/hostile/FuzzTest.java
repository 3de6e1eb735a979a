package kz.monetix.integration.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import kz.monetix.integration.gate.GateSigner;
import kz.monetix.integration.json.Json;
import kz.monetix.integration.payment.Store;
import kz.monetix.integration.support.Erp;
import kz.monetix.integration.support.LogScan;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;

import static kz.monetix.integration.support.Erp.paidOrder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fuzz suite (issue "Hostile input"): generated bad inputs across every endpoint, in batches. Each input must get an
 * answer below 500 and change nothing in the store; after each batch a normal purchase still goes through; at the end
 * the log holds no secret, OTP code or full phone number. It prints its counts. Its own database (a fresh data.dir),
 * so that nothing else moves the store's counts. {@code -Dfuzz.inputs=N} per endpoint (default 100).
 */
@QuarkusTest
@TestProfile(FuzzTest.OwnStore.class)
class FuzzTest {

    public static class OwnStore implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("data.dir", "./target/fuzz-data-" + System.nanoTime());
        }
    }

    static final int PER_ENDPOINT = Integer.getInteger("fuzz.inputs", 100);
    static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());

    /** One bad request: how to send it. */
    record Input(String method, String path, String contentType, byte[] body, Map<String, String> headers) {
    }

    @Inject
    Store store;

    @Inject
    GateSigner signer;

    final Random random = new Random(SEED);
    /** HTTP/1.1, as the ERPs and Monetix speak it (no h2c upgrade). */
    final HttpClient http = http11();

    static HttpClient http11() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @Test
    void badInputsGetNo5xxAndChangeNothing() throws Exception {
        String paid = paidOrder("fuzz-paid", "77011234593", "10.00"); // a finished order, the target of path-based inputs
        Erp.awaitEvents(paid, 2);
        Map<String, Function<String, Input>> endpoints = new LinkedHashMap<>();
        endpoints.put("POST /api/v1/payments", id -> erp("POST", "/api/v1/payments", badJson(order(id))));
        endpoints.put("POST /api/v1/payments/{id}/otp", id -> erp("POST", "/api/v1/payments/" + oddId(paid) + "/otp",
                badJson(Json.MAPPER.createObjectNode().put("code", "123456"))));
        endpoints.put("POST /api/v1/payments/{id}/otp/resend", id -> erp("POST", "/api/v1/payments/" + oddId(paid) + "/otp/resend",
                badJson(Json.MAPPER.createObjectNode())));
        endpoints.put("POST /api/v1/payments/{id}/refunds", id -> erp("POST", "/api/v1/payments/" + paid + "/refunds",
                badJson(Json.MAPPER.createObjectNode().put("refundId", "R-" + id).put("amount", "1.00"))));
        endpoints.put("GET /api/v1/payments/{id}", id -> erp("GET", "/api/v1/payments/" + oddId(id), null));
        endpoints.put("GET /api/v1/payments?status=", id -> erp("GET", "/api/v1/payments?status=" + oddQuery(), null));
        endpoints.put("GET /api/v1/events?status=&orderId=", id -> erp("GET", "/api/v1/events?status=" + oddQuery() + "&orderId="
                + oddQuery(), null));
        endpoints.put("POST /api/v1/events/{id}/replay", id -> erp("POST", "/api/v1/events/" + oddId(id) + "/replay", null));
        endpoints.put("POST /api/v1/events/{id}/skip", id -> erp("POST", "/api/v1/events/" + oddId(id) + "/skip", null));
        endpoints.put("POST /api/v1/events/replay?status=", id -> erp("POST", "/api/v1/events/replay?status=" + oddQuery(), null));
        endpoints.put("GET /api/v1/operators", id -> withBadAccess(new Input("GET", "/api/v1/operators", null, null, new TreeMap<>())));
        endpoints.put("POST /callbacks/monetix", id -> callback(paid));

        Map<String, Map<Integer, Integer>> statuses = new TreeMap<>();
        int sent = 0;
        for (Map.Entry<String, Function<String, Input>> endpoint : endpoints.entrySet()) {
            List<Long> before = counts();
            for (int i = 0; i < PER_ENDPOINT; i++) {
                Input input = endpoint.getValue().apply("fz" + SEED % 100000 + "-" + sent);
                int status = send(input);
                statuses.computeIfAbsent(endpoint.getKey(), k -> new TreeMap<>()).merge(status, 1, Integer::sum);
                assertTrue(status < 500, endpoint.getKey() + " answered " + status + " (seed " + SEED + ") to " + describe(input));
                sent++;
            }
            assertEquals(before, counts(), endpoint.getKey() + ": bad inputs changed the store (seed " + SEED + ")");
            // the runtime still serves a normal purchase
            Erp.awaitEvents(paidOrder("fuzz-ok", "77011234594", "10.00"), 2);
        }
        System.out.printf("fuzz: %d bad inputs over %d endpoints (seed %d), no 5xx, no state change; statuses per endpoint:%n",
                sent, endpoints.size(), SEED);
        statuses.forEach((endpoint, counts) -> System.out.printf("  %-40s %s%n", endpoint, counts));
        assertTrue(sent >= 1000, "at least 1,000 inputs: " + sent);
        assertEquals(List.of(), LogScan.leaks(Erp.SEEN_OTPS, Erp.SEEN_PHONES));
    }

    /** Rows of every table an input could touch. */
    List<Long> counts() {
        return store.inTransaction(c -> {
            List<Long> counts = new ArrayList<>();
            for (String table : List.of("payment", "payment_history", "refund", "erp_event", "callback_seen")) {
                try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM " + table); ResultSet r = s.executeQuery()) {
                    r.next();
                    counts.add(r.getLong(1));
                }
            }
            return counts;
        });
    }

    /** Sent with the JDK's client: raw bytes and any media type, nothing "fixed" on the way. */
    int send(Input input) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + input.path()))
                .timeout(Duration.ofSeconds(10))
                .method(input.method(), input.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(input.body()));
        input.headers().forEach(request::header);
        if (input.contentType() != null) {
            request.header("Content-Type", input.contentType());
        }
        boolean hugeHeader = input.headers().values().stream().anyMatch(v -> v.length() > 16_000);
        for (int attempt = 1; ; attempt++) {
            try {
                // a connection the server closed (over an oversized header or URI) is not reused
                HttpClient client = hugeHeader || attempt > 1 ? http11() : http;
                return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                if (hugeHeader) {
                    return 431; // the HTTP layer may close such a connection instead of answering
                }
                if (attempt > 1) {
                    throw new AssertionError("no answer to " + describe(input) + " (seed " + SEED + ")", e);
                }
            }
        }
    }

    // ---- generators --------------------------------------------------------------------------------

    Input erp(String method, String path, byte[] body) {
        Map<String, String> headers = new TreeMap<>();
        headers.put("X-Api-Key", "sandbox-erp-key");
        String contentType = body == null ? null : pick(List.of("application/json", "application/json", "application/json",
                "text/plain", "application/xml", "application/x-www-form-urlencoded", "application/json; charset=latin1"));
        Input input = new Input(method, path, contentType, body, headers);
        return random.nextInt(8) == 0 ? withBadAccess(input) : input;
    }

    /** No key, a wrong key, the key in the URL, or a huge header. */
    Input withBadAccess(Input input) {
        Map<String, String> headers = new TreeMap<>();
        String path = input.path();
        switch (random.nextInt(4)) {
            case 0 -> { }
            case 1 -> headers.put("X-Api-Key", "wrong-" + random.nextInt());
            case 2 -> path = path + (path.contains("?") ? "&" : "?") + "X-Api-Key=sandbox-erp-key";
            default -> headers.put("X-Api-Key", "k".repeat(20_000 + random.nextInt(20_000)));
        }
        return new Input(input.method(), path, input.contentType(), input.body(), headers);
    }

    ObjectNode order(String id) {
        ObjectNode order = (ObjectNode) Json.parseOrNull(Erp.order(id, "77011234595", "10.00").getBytes(StandardCharsets.UTF_8));
        return order;
    }

    /** A valid body made bad: truncated, oversized, deeply nested, duplicate keys, wrong types, not JSON at all. */
    byte[] badJson(ObjectNode valid) {
        String text = valid.toString();
        String bad = switch (random.nextInt(9)) {
            case 0 -> text.substring(0, random.nextInt(text.length()));
            case 1 -> text.substring(0, text.length() - 1) + ",\"padding\":\"" + "x".repeat(70_000 + random.nextInt(100_000)) + "\"}";
            case 2 -> "{\"a\":" + "[".repeat(40 + random.nextInt(2000)) + "]".repeat(10) + "}";
            case 3 -> text.substring(0, text.length() - 1) + "," + firstField(text) + "}";
            case 4 -> wrongTypes(valid).toString();
            case 5 -> "{\"amount\":1e" + (1000 + random.nextInt(1_000_000_000)) + "}";
            case 6 -> new String(randomBytes(1 + random.nextInt(300)), StandardCharsets.ISO_8859_1);
            case 7 -> "[" + text + "]";
            default -> "";
        };
        return bad.getBytes(StandardCharsets.UTF_8);
    }

    String firstField(String text) {
        int colon = text.indexOf(':');
        int comma = text.indexOf(',');
        return text.substring(1, comma > colon ? comma : text.length() - 1);
    }

    /** Every field of the body replaced by a value of another type. */
    JsonNode wrongTypes(ObjectNode valid) {
        ObjectNode bad = Json.MAPPER.createObjectNode();
        Iterator<String> names = valid.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            switch (random.nextInt(6)) {
                case 0 -> bad.putNull(name);
                case 1 -> bad.put(name, random.nextLong());
                case 2 -> bad.put(name, random.nextBoolean());
                case 3 -> bad.putArray(name).add(1).add("x");
                case 4 -> bad.putObject(name).put("nested", "x".repeat(random.nextInt(20_000)));
                default -> bad.put(name, random.nextDouble() * 1e300);
            }
        }
        return bad;
    }

    String oddId(String fallback) {
        return switch (random.nextInt(7)) {
            case 0 -> "x".repeat(65 + random.nextInt(3000));
            case 1 -> "%2e%2e%2f%2e%2e%2fetc";
            case 2 -> "%00" + fallback;
            case 3 -> "%D0%B7%D0%B0%D0%BA%D0%B0%D0%B7-%F0%9F%92%B8";
            case 4 -> "a%20b%22%3C%3E";
            case 5 -> "%27%3B%20DROP%20TABLE%20payment%3B--";
            default -> fallback;
        };
    }

    String oddQuery() {
        return pick(List.of("", "%00", "DEAD", "review_required%27", "x".repeat(5000), "%E2%80%AE", "pending&status=dead", "%25", "%FF%FE"));
    }

    Input callback(String paid) {
        ObjectNode callback = Json.MAPPER.createObjectNode();
        callback.put("project_id", 1234);
        ObjectNode payment = callback.putObject("payment").put("id", random.nextBoolean() ? paid : "fz-" + random.nextInt())
                .put("status", pick(List.of("success", "decline", "awaiting clarification", "refunded")));
        payment.putObject("sum").put("amount", 1000).put("currency", "KZT");
        callback.putObject("operation").put("type", pick(List.of("sale", "refund"))).put("status", "success").put("code", "0")
                .put("request_id", "r-" + random.nextInt()).putObject("sum_initial").put("amount", 1000);
        byte[] body;
        switch (random.nextInt(6)) {
            case 0 -> body = callback.toString().getBytes(StandardCharsets.UTF_8); // no signature
            case 1 -> {
                ObjectNode other = callback.deepCopy().put("project_id", 1);
                callback.put("signature", signer.sign(other)); // the signature of other content
                body = callback.toString().getBytes(StandardCharsets.UTF_8);
            }
            case 2 -> {
                callback.put("signature", Long.toString(random.nextLong(), 36) + "==");
                body = callback.toString().getBytes(StandardCharsets.UTF_8);
            }
            case 3 -> {
                callback.putObject("general").put("signature", "A".repeat(88));
                body = callback.toString().getBytes(StandardCharsets.UTF_8);
            }
            default -> body = badJson(callback);
        }
        return new Input("POST", "/callbacks/monetix", pick(List.of("application/json", "text/plain", "application/json")), body,
                new TreeMap<>());
    }

    String describe(Input input) {
        String body = input.body() == null ? "" : new String(input.body(), StandardCharsets.UTF_8);
        return input.method() + " " + abbreviate(input.path()) + " [" + input.contentType() + "] " + abbreviate(body);
    }

    static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "… (" + text.length() + " chars)";
    }

    byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

}
