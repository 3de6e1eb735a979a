package kz.monetix.integration.chaos;

import kz.monetix.integration.support.Cluster;
import kz.monetix.integration.support.ErpRecorder;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.JMSException;
import kz.monetix.integration.json.Json;
import kz.monetix.integration.support.ErpJms;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Many customers at many checkouts, over HTTP like an ERP (some over JMS: order and code as persistent messages): they
 * order, read the code the operator sent (the simulator's phone), enter it, sometimes wrong first, sometimes never, and ask
 * for refunds. Every request is retried on another live instance when the one it reached is down, with the same orderId
 * or refundId, as an ERP must.
 */
final class Customers {

    /** What a customer does. */
    enum Kind { PAY, PAY_OVER_JMS, WRONG_CODE_FIRST, SILENT, DECLINED, REFUND_WHOLE, REFUND_IN_PARTS }

    /** One customer's purchase as the driver saw it. */
    static final class Flow {
        final String orderId;
        final Kind kind;
        final long amountMinor;
        volatile boolean accepted;
        /** Refunds the runtime accepted (202/200), in minor units, and the ones it refused as over the amount left. */
        volatile long refundsAcceptedMinor;
        volatile int refundsRefused;
        volatile String trouble;
        /** The customer walked away before the outcome (it settles later all the same: the invariants check that). */
        volatile boolean stoppedWaiting;

        Flow(String orderId, Kind kind, long amountMinor) {
            this.orderId = orderId;
            this.kind = kind;
            this.amountMinor = amountMinor;
        }
    }

    /** An answer of the runtime (status and JSON body, or null). */
    record Answer(int status, JsonNode body) {
    }

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private final Supplier<List<Integer>> liveRuntimes;
    private final int gatePort;
    /** Whether some customers' ERP talks JMS (to the instance's embedded broker; with several instances it would be an external one). */
    private final boolean overJms;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    final Map<String, Flow> flows = new ConcurrentHashMap<>();
    final List<String> troubles = Collections.synchronizedList(new ArrayList<>());

    Customers(Supplier<List<Integer>> liveRuntimes, int gatePort, boolean overJms) {
        this.liveRuntimes = liveRuntimes;
        this.gatePort = gatePort;
        this.overJms = overJms;
    }

    static Kind pick(int i) {
        int roll = Math.floorMod(i * 7919, 100);
        if (roll < 25) {
            return Kind.PAY;
        } else if (roll < 35) {
            return Kind.PAY_OVER_JMS;
        } else if (roll < 45) {
            return Kind.WRONG_CODE_FIRST;
        } else if (roll < 55) {
            return Kind.SILENT;
        } else if (roll < 65) {
            return Kind.DECLINED;
        } else if (roll < 80) {
            return Kind.REFUND_WHOLE;
        }
        return Kind.REFUND_IN_PARTS;
    }

    /** Plays one customer to the end of what they do (the outcome may come later, by timers). */
    void play(String orderId, Kind chosen) {
        Kind kind = chosen == Kind.PAY_OVER_JMS && !overJms ? Kind.PAY : chosen;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long amountMinor = random.nextLong(1_000, 900_000) * 100 + random.nextInt(100);
        Flow flow = new Flow(orderId, kind, amountMinor);
        flows.put(orderId, flow);
        try {
            String phone = phone(kind);
            if (kind == Kind.PAY_OVER_JMS) {
                sentOverJms("erp.payment.orders", order(orderId, amountMinor, phone));
            } else {
                Answer created = retried("POST", "/api/v1/payments", order(orderId, amountMinor, phone));
                if (created.status() != 202 && created.status() != 200) {
                    throw new IllegalStateException("order answered " + created.status() + ": " + created.body());
                }
            }
            flow.accepted = true;
            if (kind == Kind.SILENT) {
                return;
            }
            String outcome = enterCode(flow, kind == Kind.WRONG_CODE_FIRST);
            flow.stoppedWaiting = outcome == null;
            if ("success".equals(outcome) && (kind == Kind.REFUND_WHOLE || kind == Kind.REFUND_IN_PARTS)) {
                refund(flow);
            }
        } catch (Exception e) {
            flow.trouble = e.toString();
            troubles.add(orderId + ": " + e);
        }
    }

    /**
     * Waits for the prompt, enters the code (a wrong one first if asked) until the payment is final; returns its status,
     * or null when the customer stopped waiting (a slow flow is a figure, not an error).
     */
    private String enterCode(Flow flow, boolean wrongFirst) throws Exception {
        boolean wrongDone = !wrongFirst;
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            String status = statusOf(flow.orderId);
            if ("unknown:404".equals(status)) {
                Thread.sleep(150); // a JMS order not consumed yet
                continue;
            }
            if (!"awaiting_otp".equals(status) && !"processing".equals(status)) {
                return status;
            }
            String otp = "awaiting_otp".equals(status) ? otpOnPhone(flow.orderId) : null;
            if (otp == null) {
                Thread.sleep(150);
                continue;
            }
            String code = wrongDone ? otp : ("000000".equals(otp) ? "111111" : "000000");
            if (flow.kind == Kind.PAY_OVER_JMS) {
                sentOverJms("erp.payment.otp", "{\"orderId\":\"" + flow.orderId + "\",\"code\":\"" + code + "\"}");
                awaitMovedOn(flow.orderId);
                continue;
            }
            Answer sent = retried("POST", "/api/v1/payments/" + flow.orderId + "/otp", "{\"code\":\"" + code + "\"}");
            if (sent.status() == 202) {
                wrongDone = true;
                // the answer comes by callback: wait until the payment moves on from this prompt
                Thread.sleep(300);
            } else {
                Thread.sleep(200);
            }
        }
        return null;
    }

    /** After a code sent over JMS (no answer comes back): until the payment is no longer awaiting this code, at most 3 s. */
    private void awaitMovedOn(String orderId) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (System.nanoTime() < until && "awaiting_otp".equals(statusOf(orderId))) {
            Thread.sleep(100);
        }
    }

    /** A persistent message on a live instance's embedded broker (sent once it is stored), retried while none is up. */
    private void sentOverJms(String queue, String body) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            for (int port : liveRuntimes.get()) {
                try (ErpJms jms = new ErpJms("tcp://127.0.0.1:" + (port + 1000))) {
                    jms.send(queue, jms.text(body));
                    return;
                } catch (JMSException e) {
                    last = e;
                }
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("no broker took the message for " + queue, last);
    }

    private void refund(Flow flow) throws Exception {
        List<String> bodies = flow.kind == Kind.REFUND_WHOLE
                ? List.of("{\"refundId\":\"R-1\"}")
                : List.of(refundBody("R-1", flow.amountMinor * 3 / 10), refundBody("R-2", flow.amountMinor * 3 / 10),
                        refundBody("R-3", flow.amountMinor / 2));
        for (String body : bodies) {
            Answer answer = retried("POST", "/api/v1/payments/" + flow.orderId + "/refunds", body);
            if (answer.status() == 202 || answer.status() == 200) {
                JsonNode amount = answer.body() == null ? null : answer.body().path("amount");
                flow.refundsAcceptedMinor += amount == null || amount.isMissingNode() ? 0
                        : new BigDecimal(amount.asText()).movePointRight(2).longValueExact();
            } else if (answer.status() == 409) {
                flow.refundsRefused++;
            } else {
                throw new IllegalStateException("refund answered " + answer.status() + ": " + answer.body());
            }
        }
    }

    private static String refundBody(String refundId, long minor) {
        return "{\"refundId\":\"" + refundId + "\",\"amount\":\"" + BigDecimal.valueOf(minor, 2).toPlainString() + "\"}";
    }

    String statusOf(String orderId) throws Exception {
        Answer view = retried("GET", "/api/v1/payments/" + orderId, null);
        return view.status() == 200 ? view.body().path("status").asText() : "unknown:" + view.status();
    }

    Answer view(String orderId) throws Exception {
        return retried("GET", "/api/v1/payments/" + orderId, null);
    }

    /** The code on the customer's phone (the simulator's record); null when none came yet. */
    private String otpOnPhone(String orderId) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatePort + "/sandbox/payments/" + orderId + "/otp"))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return answer.statusCode() == 200 ? Json.parseOrNull(answer.body().getBytes()).path("otp").asText(null) : null;
    }

    /** One request, on a live instance; when none answers, the same request again on another, until one does. */
    Answer retried(String method, String path, String body) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            List<Integer> live = liveRuntimes.get();
            if (!live.isEmpty()) {
                int port = live.get(ThreadLocalRandom.current().nextInt(live.size()));
                try {
                    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                            .timeout(Duration.ofSeconds(15)).header("X-Api-Key", Cluster.API_KEY);
                    request = body == null ? request.GET()
                            : request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
                    HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                    if (response.statusCode() < 500 && response.statusCode() != 429) {
                        return new Answer(response.statusCode(), Json.parseOrNull(response.body()));
                    }
                    last = new IllegalStateException("answered " + response.statusCode());
                } catch (IOException e) {
                    last = e;
                }
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(method + " " + path + " found no instance that answered", last);
    }

    private static String phone(Kind kind) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String prefix = List.of("7700", "7701", "7705", "7707", "7747", "7771").get(random.nextInt(6));
        String middle = String.format("%02d", random.nextInt(100));
        String last5 = kind == Kind.DECLINED ? "20105" : Integer.toString(random.nextInt(30_000, 99_999));
        return prefix + middle + last5;
    }

    private static String order(String orderId, long amountMinor, String phone) {
        return """
                {"orderId":"%s","amount":"%s","currency":"KZT","phone":"%s",
                 "customer":{"id":"C-%s","firstName":"Aigerim","lastName":"Chaos","email":"buyer@example.kz","ipAddress":"203.0.113.7"}}
                """.formatted(orderId, BigDecimal.valueOf(amountMinor, 2).toPlainString(), phone, orderId);
    }
}
