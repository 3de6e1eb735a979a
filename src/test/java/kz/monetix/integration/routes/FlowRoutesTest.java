package kz.monetix.integration.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import kz.monetix.integration.api.ApiProblem;
import kz.monetix.integration.gate.GateBulkhead;
import kz.monetix.integration.gate.GateCallback;
import kz.monetix.integration.gate.GateResult;
import kz.monetix.integration.json.Json;
import kz.monetix.integration.otp.OtpSessions;
import kz.monetix.integration.payment.EventOutbox;
import kz.monetix.integration.payment.GateReport;
import kz.monetix.integration.payment.Payment;
import kz.monetix.integration.payment.PaymentStore;
import kz.monetix.integration.payment.SaleOutcomes;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.quarkus.test.CamelQuarkusTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.apache.camel.builder.RouteBuilder;

import java.net.SocketTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.Map;

import static org.apache.camel.builder.Builder.constant;
import static org.apache.camel.builder.Builder.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every branch of the flow routes (routes/*.yaml), with Camel Test: the steps that touch the database or the Gate
 * are replaced by AdviceWith, and what each branch hands on is caught by mock endpoints.
 */
@QuarkusTest
@TestProfile(RouteTestProfile.class)
class FlowRoutesTest extends CamelQuarkusTestSupport {

    static final String KIND = "testKind";
    private static boolean advised;

    @BeforeEach
    void adviseOnce() throws Exception {
        if (advised) {
            return;
        }
        advised = true;
        // callbacks: the verified report comes from the test; branches end in mocks
        AdviceWith.adviceWith(context, "monetix-callback", route -> {
            route.replaceFromWith("direct:test-callback");
            route.weaveById("verify-callback").replace().process(e -> {
                if (e.getMessage().getBody() == null) {
                    throw new ApiProblem(403, "Forbidden", "the signature is missing or invalid");
                }
            });
            route.weaveById("to-otp-prompt").replace().to("mock:otp-prompt");
            route.weaveById("to-payment-result").replace().to("mock:payment-result");
            route.weaveById("apply-refund-result").replace().to("mock:refund-result");
            route.weaveById("record-other-status").replace().to("mock:other-status");
            route.weaveById("record-mismatch").replace().to("mock:mismatched");
            route.weaveById("record-duplicate").replace().to("mock:duplicate-callback");
        });
        AdviceWith.adviceWith(context, "otp-prompt", route -> {
            route.weaveById("prompt-kind").replace().setBody(header(KIND));
            route.weaveById("start-new-otp").replace().to("mock:new-otp");
            route.weaveById("ask-for-code-again").replace().to("mock:ask-again");
            route.weaveById("ignore-prompt").replace().to("mock:duplicate-prompt");
        });
        AdviceWith.adviceWith(context, "payment-timers", route -> {
            route.replaceFromWith("direct:test-timers");
            route.weaveById("due-timers").replace().setBody(header("due"));
            for (String action : List.of("send-sale", "otp-deadline", "reconcile", "send-refunds", "check-refunds")) {
                route.weaveByToUri("direct:" + action).replace().to("mock:" + action);
            }
        });
        AdviceWith.adviceWith(context, "otp-deadline", route -> {
            route.weaveById("deadline-decision").replace().setBody(header(KIND));
            route.weaveById("resend-facts").replace().setBody(constant(Json.MAPPER.createObjectNode()));
            route.weaveByToUri("direct:otp-resend").replace().to("mock:otp-resend");
        });
        AdviceWith.adviceWith(context, "send-sale", route -> {
            route.weaveById("claim-sale").replace().setBody(header("claimed"));
            route.weaveById("post-sale").replace().to("mock:gate-sale");
            route.weaveById("record-sale-accepted").replace().to("mock:sale-accepted");
            route.weaveById("record-sale-rejected").replace().to("mock:sale-rejected");
            route.weaveById("record-sale-unknown").replace().to("mock:sale-unknown");
        });
        AdviceWith.adviceWith(context, "gate-call", route -> route.weaveById("post-to-gate").replace().process(e -> {
            // the route drops every header before the POST: the stubbed answer travels as exchange properties
            if (e.getProperty("stubAnswer") == null) {
                throw new SocketTimeoutException("Read timed out");
            }
            e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, e.getProperty("stubStatus"));
            e.getMessage().setBody(e.getProperty("stubAnswer", String.class));
        }));
        AdviceWith.adviceWith(context, "erp-deliver", route -> {
            route.weaveById("claim-attempt").replace().setBody(constant(true));
            route.weaveById("post-to-erp").replace().process(e -> {
                if (e.getProperty("erpDown") != null) {
                    throw new java.net.ConnectException("Connection refused");
                }
            }).to("mock:erp");
            route.weaveById("record-delivered").replace().to("mock:delivered");
        });
    }

    /** The branch taken gets {@code count} messages, every other branch none. */
    <K> void expectOnly(Map<K, String> branches, K taken, int count) {
        branches.forEach((k, uri) -> getMockEndpoint(uri).expectedMessageCount(k == taken ? count : 0));
    }

    static GateReport report(SaleOutcomes.Kind kind) {
        return new GateReport("order-1", new GateCallback("order-1", null, "sale", null, null, "r-1", null, null, null, null, null, null, null, null),
                kind, "callback", false, "fingerprint-1");
    }

    @ParameterizedTest
    @EnumSource(SaleOutcomes.Kind.class)
    void callbackBranchesOnItsKind(SaleOutcomes.Kind kind) throws Exception {
        Map<SaleOutcomes.Kind, String> branch = Map.of(SaleOutcomes.Kind.OTP_REQUIRED, "mock:otp-prompt",
                SaleOutcomes.Kind.PAYMENT_FINAL, "mock:payment-result", SaleOutcomes.Kind.REFUND_RESULT, "mock:refund-result",
                SaleOutcomes.Kind.OTHER, "mock:other-status", SaleOutcomes.Kind.MISMATCHED, "mock:mismatched",
                SaleOutcomes.Kind.DUPLICATE, "mock:duplicate-callback");
        expectOnly(branch, kind, 1);
        Exchange reply = template.send("direct:test-callback", e -> e.getMessage().setBody(report(kind)));
        MockEndpoint.assertIsSatisfied(context);
        assertEquals(200, reply.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class));
        assertEquals("order-1", reply.getProperty("orderId"));
    }

    @Test
    void callbackThatFailsVerificationIsAProblemAndGoesNowhere() throws Exception {
        List.of("mock:otp-prompt", "mock:payment-result", "mock:refund-result", "mock:other-status", "mock:mismatched",
                        "mock:duplicate-callback")
                .forEach(uri -> getMockEndpoint(uri).expectedMessageCount(0));
        Exchange reply = template.send("direct:test-callback", e -> e.getMessage().setBody(null));
        MockEndpoint.assertIsSatisfied(context);
        assertEquals(403, reply.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class));
        assertEquals("application/problem+json", reply.getMessage().getHeader(Exchange.CONTENT_TYPE));
    }

    @ParameterizedTest
    @EnumSource(OtpSessions.PromptKind.class)
    void otpPromptBranchesOnWhatThePaymentAwaits(OtpSessions.PromptKind kind) throws Exception {
        getMockEndpoint("mock:new-otp").expectedMessageCount(kind == OtpSessions.PromptKind.NEW_OTP ? 1 : 0);
        getMockEndpoint("mock:ask-again").expectedMessageCount(kind == OtpSessions.PromptKind.ASK_AGAIN ? 1 : 0);
        getMockEndpoint("mock:duplicate-prompt").expectedMessageCount(kind == OtpSessions.PromptKind.DUPLICATE ? 1 : 0);
        template.send("direct:otp-prompt", e -> {
            e.getMessage().setBody(report(SaleOutcomes.Kind.OTP_REQUIRED));
            e.getMessage().setHeader(KIND, kind);
        });
        MockEndpoint.assertIsSatisfied(context);
    }

    @ParameterizedTest
    @EnumSource(Payment.DueAction.class)
    void eachDueTimerGoesToItsAction(Payment.DueAction action) throws Exception {
        Map<Payment.DueAction, String> routes = Map.of(Payment.DueAction.SEND_SALE, "mock:send-sale",
                Payment.DueAction.OTP_EXPIRY, "mock:otp-deadline", Payment.DueAction.RECONCILE, "mock:reconcile",
                Payment.DueAction.SEND_REFUNDS, "mock:send-refunds", Payment.DueAction.CHECK_REFUNDS, "mock:check-refunds");
        expectOnly(routes, action, 2);
        getMockEndpoint(routes.get(action)).expectedPropertyValuesReceivedInAnyOrder("orderId", List.of("t-1", "t-2"));
        template.sendBodyAndHeader("direct:test-timers", null, "due",
                List.of(new PaymentStore.DueTimer("t-1", action), new PaymentStore.DueTimer("t-2", action)));
        MockEndpoint.assertIsSatisfied(context);
    }

    @ParameterizedTest
    @EnumSource(OtpSessions.DeadlineOutcome.class)
    void otpDeadlineResendsOnlyWhenAResendWasClaimed(OtpSessions.DeadlineOutcome outcome) throws Exception {
        getMockEndpoint("mock:otp-resend").expectedMessageCount(outcome == OtpSessions.DeadlineOutcome.RESEND ? 1 : 0);
        Exchange done = template.send("direct:otp-deadline", e -> {
            e.setProperty("orderId", "order-1");
            e.getMessage().setHeader(KIND, outcome);
        });
        assertNull(done.getException());
        MockEndpoint.assertIsSatisfied(context);
    }

    static ObjectNode saleFacts() {
        ObjectNode facts = Json.MAPPER.createObjectNode().put("projectId", 1234).put("paymentId", "p-1").put("amount", 100000)
                .put("currency", "KZT").put("phone", "77011234567");
        facts.putObject("customer").put("id", "c").put("ipAddress", "198.51.100.47").put("firstName", "A").put("lastName", "B")
                .put("email", "a@example.kz");
        return facts;
    }

    @ParameterizedTest
    @EnumSource(GateResult.Outcome.class)
    void saleMapsTheOrderAndBranchesOnTheGateAnswer(GateResult.Outcome outcome) throws Exception {
        MockEndpoint gate = getMockEndpoint("mock:gate-sale");
        gate.expectedMessageCount(1);
        gate.whenAnyExchangeReceived(e -> e.getMessage().setBody(new GateResult(outcome, 200, null, null, null, null, false)));
        getMockEndpoint("mock:sale-accepted").expectedMessageCount(outcome == GateResult.Outcome.ACCEPTED ? 1 : 0);
        getMockEndpoint("mock:sale-rejected").expectedMessageCount(outcome == GateResult.Outcome.REJECTED ? 1 : 0);
        getMockEndpoint("mock:sale-unknown").expectedMessageCount(outcome == GateResult.Outcome.UNKNOWN ? 1 : 0);
        template.send("direct:send-sale", e -> {
            e.setProperty("orderId", "order-1");
            e.getMessage().setHeader("claimed", saleFacts());
        });
        MockEndpoint.assertIsSatisfied(context);
        JsonNode sent = gate.getReceivedExchanges().get(0).getMessage().getBody(JsonNode.class);
        assertEquals(100000, sent.at("/payment/amount").longValue(), "the sale mapping ran: minor units, as an integer");
        assertEquals("77011234567", sent.at("/account/number").asText());
        assertEquals("/v2/payment/mobile/sale", gate.getReceivedExchanges().get(0).getProperty("gatePath"));
    }

    @Test
    void saleNotClaimedSendsNothing() throws Exception {
        getMockEndpoint("mock:gate-sale").expectedMessageCount(0);
        template.send("direct:send-sale", e -> e.setProperty("orderId", "order-1"));
        MockEndpoint.assertIsSatisfied(context);
    }

    GateResult gateCall(Integer status, String answer) {
        return template.send("direct:gate-call", e -> {
            e.setProperty("gatePath", "/v2/payment/status");
            ObjectNode request = Json.MAPPER.createObjectNode();
            request.putObject("general").put("project_id", 1).put("payment_id", "p");
            e.getMessage().setBody(request);
            if (answer != null) {
                e.setProperty("stubStatus", status);
                e.setProperty("stubAnswer", answer);
            }
        }).getMessage().getBody(GateResult.class);
    }

    @Test
    void gateCallClassifiesEveryAnswer() {
        assertEquals(GateResult.Outcome.ACCEPTED, gateCall(200, "{\"status\":\"success\",\"request_id\":\"r\"}").outcome());
        GateResult rejected = gateCall(400, "{\"status\":\"error\",\"code\":\"3061\"}");
        assertEquals(GateResult.Outcome.REJECTED, rejected.outcome());
        assertEquals("3061", rejected.code());
        assertEquals(GateResult.Outcome.UNKNOWN, gateCall(502, "<html>bad gateway</html>").outcome(), "5xx: outcome unknown");
        assertEquals(GateResult.Outcome.UNKNOWN, gateCall(200, "{\"status\":\"success\",\"signature\":\"forged\"}").outcome(),
                "an answer whose signature does not verify is not trusted");
        assertEquals(GateResult.Outcome.UNKNOWN, gateCall(200, "<html>ok</html>").outcome(), "2xx that is no JSON: unknown");
        assertEquals(GateResult.Outcome.UNKNOWN, gateCall(429, "Too Many Requests").outcome(), "a proxy's 429: unknown");
        GateResult timedOut = gateCall(null, null);
        assertEquals(GateResult.Outcome.UNKNOWN, timedOut.outcome(), "no answer: unknown, never resent");
        assertEquals("SocketTimeoutException: Read timed out", timedOut.message());
    }

    static EventOutbox.Event event() {
        return new EventOutbox.Event(-1, "e-1", "order-1", "payment.succeeded", "{\"eventId\":\"e-1\"}", EventOutbox.State.PENDING,
                0, 0, Long.MAX_VALUE, null, 0, EventOutbox.Channel.HTTP);
    }

    @Test
    void deliveryCarriesTheEventIdAndSignatureAndRecordsSuccess() throws Exception {
        MockEndpoint erp = getMockEndpoint("mock:erp");
        erp.expectedHeaderReceived("X-Event-Id", "e-1");
        erp.expectedBodiesReceived("{\"eventId\":\"e-1\"}");
        getMockEndpoint("mock:delivered").expectedMessageCount(1);
        template.sendBody("direct:erp-deliver", event());
        MockEndpoint.assertIsSatisfied(context);
        assertEquals(44, erp.getReceivedExchanges().get(0).getMessage().getHeader("X-Signature", String.class).length(),
                "Base64 HMAC-SHA256");
    }

    @Test
    void failedDeliveryIsRecordedForALaterAttemptNotDelivered() throws Exception {
        getMockEndpoint("mock:delivered").expectedMessageCount(0);
        Exchange done = template.send("direct:erp-deliver", e -> {
            e.setProperty("erpDown", true);
            e.getMessage().setBody(event());
        });
        MockEndpoint.assertIsSatisfied(context);
        assertNull(done.getException(), "handled by the erp-delivery policy (backoff), not thrown");
    }

    @Test
    void theGateBulkheadQueuesOneMoreForAWhileAndTurnsAwayTheRestAtOnce() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:test-bulkhead").routeId("test-bulkhead").errorHandler(noErrorHandler())
                        .to("direct:gate-bulkhead")
                        .process(e -> {
                            if (e.getProperty("hold") != null) {
                                inside.countDown();
                                release.await(10, TimeUnit.SECONDS);
                            }
                        });
            }
        });
        Thread holder = new Thread(() -> template.send("direct:test-bulkhead", e -> e.setProperty("hold", true)));
        holder.start();
        assertTrue(inside.await(10, TimeUnit.SECONDS));

        long started = System.nanoTime();
        Exchange turnedAway = template.send("direct:test-bulkhead", e -> e.getMessage().setBody("second"));
        long waitedMillis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(turnedAway.getException() instanceof GateBulkhead.GateBusyException, String.valueOf(turnedAway.getException()));
        assertTrue(waitedMillis >= 250 && waitedMillis < 2_000, "waited monetix.gate.api-wait (300 ms) for a place: " + waitedMillis + " ms");

        CompletableFuture<Exchange> waiting = CompletableFuture.supplyAsync(
                () -> template.send("direct:test-bulkhead", e -> e.getMessage().setBody("third")));
        Thread.sleep(100);
        started = System.nanoTime();
        Exchange queueFull = template.send("direct:test-bulkhead", e -> e.getMessage().setBody("fourth"));
        assertTrue(queueFull.getException() instanceof GateBulkhead.GateBusyException, String.valueOf(queueFull.getException()));
        assertTrue((System.nanoTime() - started) / 1_000_000 < 150, "the queue (monetix.gate.api-queue = 1) is full: turned away at once");
        release.countDown();
        holder.join(10_000);
        assertNull(waiting.get(10, TimeUnit.SECONDS).getException(), "the third waited and took the place the first gave back");
        assertNull(template.send("direct:test-bulkhead", e -> e.getMessage().setBody("fifth")).getException(), "the places came back");
    }
}
