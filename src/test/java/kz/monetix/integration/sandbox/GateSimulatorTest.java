package kz.monetix.integration.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import kz.monetix.integration.gate.GateResult;
import kz.monetix.integration.gate.GateSigner;
import kz.monetix.integration.json.Json;
import kz.monetix.integration.gate.MonetixConfig;
import kz.monetix.integration.support.CallbackRecorder;
import kz.monetix.integration.support.GateClient;
import kz.monetix.integration.support.GateRequests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Drives every simulator endpoint over real HTTP with the product's own Gate client, and every magic
 * value of the README table. Callbacks go to a recorder via {@code general.merchant_callback_url}.
 */
@QuarkusTest
class GateSimulatorTest {

    static CallbackRecorder recorder;

    @Inject
    CamelContext camel;
    @Inject
    ProducerTemplate producer;
    GateClient client;
    @Inject
    GateSigner signer;
    @Inject
    MonetixConfig config;
    @Inject
    SandboxConfig sandbox;

    @BeforeAll
    static void startRecorder() throws Exception {
        recorder = new CallbackRecorder();
    }

    @AfterAll
    static void stopRecorder() {
        recorder.close();
    }

    @BeforeEach
    void client() {
        client = new GateClient(producer);
    }

    GateRequests requests() {
        return new GateRequests(camel, config.projectId(), Optional.of(recorder.url()));
    }

    static String newPaymentId() {
        return "sim-" + UUID.randomUUID();
    }

    GateResult sale(String paymentId, String phone, long amount) {
        return client.post(GateRequests.SALE, requests().sale(paymentId,
                new GateRequests.Customer("c-1", "198.51.100.47", "Aigerim", "Nurlanova", "a@example.kz"), phone, amount, "KZT", "Invoice"));
    }

    List<JsonNode> awaitCallbacks(String paymentId, int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> recorder.forPayment(paymentId).size() >= count);
        List<JsonNode> callbacks = recorder.forPayment(paymentId);
        callbacks.forEach(c -> assertEquals(GateSigner.Match.BYTE_ORDER, signer.verify(c), "every callback is signed"));
        return callbacks;
    }

    static String otpOf(String paymentId) {
        return RestAssured.get("/sandbox/payments/{id}/otp", paymentId).then().statusCode(200).extract().path("otp");
    }

    @Test
    void rejectsMissingAndWrongSignaturesLikeThePlatform() {
        ObjectNode body = requests().status("x");
        RestAssured.given().contentType("application/json").body(Json.text(body)).post("/sandbox/gate" + GateRequests.STATUS)
                .then().statusCode(400).body("code", equalTo("3262"));
        body.with("general").put("signature", "AAAA");
        RestAssured.given().contentType("application/json").body(Json.text(body)).post("/sandbox/gate" + GateRequests.STATUS)
                .then().statusCode(400).body("code", equalTo("3261"));
        GateResult signedButUnknown = client.post(GateRequests.STATUS, requests().status("does-not-exist"));
        assertEquals(GateResult.Outcome.REJECTED, signedButUnknown.outcome());
        assertEquals("3061", signedButUnknown.code());
    }

    @Test
    void happyPathWithAWrongCodeFirst() {
        String id = newPaymentId();
        GateResult accepted = sale(id, "77011234567", 100000);
        assertTrue(accepted.accepted(), accepted.toString());
        assertEquals(GateResult.Outcome.REJECTED, sale(id, "77011234567", 100000).outcome(), "same payment_id twice");
        assertEquals("3041", sale(id, "77011234567", 100000).code());

        JsonNode prompt = awaitCallbacks(id, 1).get(0);
        assertEquals("awaiting clarification", prompt.at("/payment/status").asText());
        assertEquals("KCELL", prompt.at("/account/type").asText());
        String otp = otpOf(id);
        assertEquals(6, otp.length());

        String wrong = otp.equals("000000") ? "111111" : "000000";
        assertTrue(client.post(GateRequests.CLARIFICATION, requests().clarification(id, wrong)).accepted());
        JsonNode reAsk = awaitCallbacks(id, 2).get(1);
        assertEquals("awaiting clarification", reAsk.at("/operation/status").asText());

        assertTrue(client.post(GateRequests.CLARIFICATION, requests().clarification(id, otp)).accepted());
        JsonNode success = awaitCallbacks(id, 3).get(2);
        assertEquals("success", success.at("/payment/status").asText());
        assertEquals("0", success.at("/operation/code").asText());
        assertEquals(100000, success.at("/payment/sum/amount").asLong());

        GateResult status = client.post(GateRequests.STATUS, requests().status(id));
        assertTrue(status.accepted());
        assertEquals("success", status.body().at("/payment/status").asText());
        assertEquals(GateSigner.Match.BYTE_ORDER, signer.verify(status.body()), "status responses are signed");
        assertEquals(1, status.body().path("operations").size(), "one sale operation");
        kz.monetix.integration.gate.GateCallback reported = kz.monetix.integration.gate.GateCallback.of(status.body());
        assertEquals("success", reported.operationStatus());
        assertEquals("0", reported.code());
        assertEquals("3060", client.post(GateRequests.CLARIFICATION, requests().clarification(id, otp)).code(), "no code after the end");
    }

    @Test
    void phoneEndingInADeclineCodeIsDeclinedWithThatCodeAfterTheRightOtp() {
        String id = newPaymentId();
        assertTrue(sale(id, "77011120105", 250000).accepted());
        awaitCallbacks(id, 1);
        client.post(GateRequests.CLARIFICATION, requests().clarification(id, otpOf(id)));
        JsonNode decline = awaitCallbacks(id, 2).get(1);
        assertEquals("decline", decline.at("/payment/status").asText());
        assertEquals("20105", decline.at("/operation/code").asText());
    }

    @Test
    void threeWrongCodesDecline() {
        String id = newPaymentId();
        sale(id, "77071234567", 1000);
        awaitCallbacks(id, 1);
        String wrong = otpOf(id).equals("000000") ? "111111" : "000000";
        for (int i = 1; i <= 3; i++) {
            client.post(GateRequests.CLARIFICATION, requests().clarification(id, wrong));
            awaitCallbacks(id, i + 1);
        }
        JsonNode last = recorder.forPayment(id).get(3);
        assertEquals("decline", last.at("/payment/status").asText());
        assertEquals("20104", last.at("/operation/code").asText());
        assertEquals("TELE2", last.at("/account/type").asText());
    }

    @Test
    void silentOperatorDeliversNoCodeAndResendsFollowThePlatformRules() {
        String id = newPaymentId();
        sale(id, "77051299999", 1000);
        awaitCallbacks(id, 1);
        RestAssured.get("/sandbox/payments/{id}/otp", id).then().statusCode(404);

        GateResult early = client.post(GateRequests.RESEND, requests().resend(id, "198.51.100.47"));
        assertEquals("3060", early.code(), "not before the OTP expired");
        for (int resend = 1; resend <= 3; resend++) {
            await().pollDelay(sandbox.otpLifetimeOf("KCELL")).atMost(Duration.ofSeconds(10)).until(() -> true);
            assertTrue(client.post(GateRequests.RESEND, requests().resend(id, "198.51.100.47")).accepted(), "resend " + resend);
            awaitCallbacks(id, 1 + resend);
        }
        await().pollDelay(sandbox.otpLifetimeOf("KCELL")).atMost(Duration.ofSeconds(10)).until(() -> true);
        assertEquals("3060", client.post(GateRequests.RESEND, requests().resend(id, "198.51.100.47")).code(), "at most 3 resends");
    }

    @Test
    void refundsFullAndPartialWithThePlatformChecks() {
        String id = newPaymentId();
        sale(id, "77771234567", 100000);
        awaitCallbacks(id, 1);
        client.post(GateRequests.CLARIFICATION, requests().clarification(id, otpOf(id)));
        awaitCallbacks(id, 2);

        assertEquals("3287", client.post(GateRequests.REFUND, amountWithoutCurrency(id)).code());
        assertEquals("3283", client.post(GateRequests.REFUND, requests().refund(id, 100001L, "KZT", null, "r0", null)).code());
        assertTrue(client.post(GateRequests.REFUND, requests().refund(id, 40000L, "KZT", "part", "r1", "198.51.100.47")).accepted());
        JsonNode partial = awaitCallbacks(id, 3).get(2);
        assertEquals("refund", partial.at("/operation/type").asText());
        assertEquals("partially refunded", partial.at("/payment/status").asText());
        assertEquals(60000, partial.at("/payment/sum/amount").asLong());
        assertEquals("r1", partial.at("/operation/merchant_refund_id").asText(), "the refund operation names our merchant_refund_id");
        assertEquals("3230", client.post(GateRequests.REFUND, requests().refund(id, 100L, "KZT", null, "r1", null)).code(),
                "a merchant_refund_id is accepted once");

        assertTrue(client.post(GateRequests.REFUND, requests().refund(id, null, null, "rest", "r2", null)).accepted());
        JsonNode full = awaitCallbacks(id, 4).get(3);
        assertEquals("refunded", full.at("/payment/status").asText());
        assertEquals(0, full.at("/payment/sum/amount").asLong());
    }

    private ObjectNode amountWithoutCurrency(String id) {
        ObjectNode body = requests().refund(id, 100L, "KZT", null, "r", null);
        ((ObjectNode) body.get("payment")).remove("currency");
        return body;
    }

    @Test
    void refundDeclinedMagicAmount() {
        String id = newPaymentId();
        sale(id, "77771234567", SandboxMagic.REFUND_DECLINED);
        awaitCallbacks(id, 1);
        client.post(GateRequests.CLARIFICATION, requests().clarification(id, otpOf(id)));
        awaitCallbacks(id, 2);
        assertTrue(client.post(GateRequests.REFUND, requests().refund(id, null, null, null, "r1", null)).accepted());
        JsonNode declined = awaitCallbacks(id, 3).get(2);
        assertEquals("decline", declined.at("/operation/status").asText());
        assertEquals("20706", declined.at("/operation/code").asText());
        assertEquals("success", declined.at("/payment/status").asText());
    }

    @Test
    void operatorsList() {
        GateResult result = client.post(GateRequests.OPERATORS, requests().operators());
        assertTrue(result.accepted());
        assertEquals(5, result.body().path("operators").size());
        assertEquals("ACTIV", result.body().at("/operators/0/id").asText());
    }

    @Test
    void gate5xxIsAnUnknownOutcomeAndRegistersNothing() {
        String id = newPaymentId();
        GateResult result = sale(id, "77011234567", SandboxMagic.GATE_5XX);
        assertEquals(GateResult.Outcome.UNKNOWN, result.outcome());
        assertEquals(500, result.httpStatus());
        assertEquals("3061", client.post(GateRequests.STATUS, requests().status(id)).code());
    }

    @Test
    void rejectedSaleMagicAmount() {
        GateResult result = sale(newPaymentId(), "77011234567", SandboxMagic.SALE_REJECTED);
        assertEquals(GateResult.Outcome.REJECTED, result.outcome());
        assertEquals("3023", result.code());
    }

    @Test
    void gateTimeoutIsAnUnknownOutcomeButThePaymentGoesOn() {
        String id = newPaymentId();
        GateResult result = sale(id, "77011234567", SandboxMagic.GATE_TIMEOUT);
        assertEquals(GateResult.Outcome.UNKNOWN, result.outcome());
        assertEquals(0, result.httpStatus());
        awaitCallbacks(id, 1);
        assertEquals("awaiting clarification", client.post(GateRequests.STATUS, requests().status(id)).body().at("/payment/status").asText());
    }

    @Test
    void duplicatedCallbacks() {
        String id = newPaymentId();
        sale(id, "77011234567", SandboxMagic.DUPLICATE_CALLBACKS);
        List<JsonNode> twice = awaitCallbacks(id, 2);
        assertEquals(twice.get(0), twice.get(1));
    }

    @Test
    void outOfOrderCallbacksDeliverAStalePromptAfterTheResult() {
        String id = newPaymentId();
        sale(id, "77011234567", SandboxMagic.OUT_OF_ORDER_CALLBACKS);
        awaitCallbacks(id, 1);
        client.post(GateRequests.CLARIFICATION, requests().clarification(id, otpOf(id)));
        List<JsonNode> callbacks = awaitCallbacks(id, 3);
        assertEquals("success", callbacks.get(1).at("/payment/status").asText());
        assertEquals("awaiting clarification", callbacks.get(2).at("/payment/status").asText());
        assertEquals("success", client.post(GateRequests.STATUS, requests().status(id)).body().at("/payment/status").asText());
    }

    @Test
    void badSignatureCallbackComesFirst() {
        String id = newPaymentId();
        sale(id, "77011234567", SandboxMagic.BAD_SIGNATURE_FIRST);
        await().atMost(Duration.ofSeconds(10)).until(() -> recorder.forPayment(id).size() >= 2);
        List<JsonNode> callbacks = recorder.forPayment(id);
        assertEquals(null, signer.verify(callbacks.get(0)));
        assertEquals(GateSigner.Match.BYTE_ORDER, signer.verify(callbacks.get(1)));
    }

    @Test
    void misleadingStatusAfterResendWhileStatusTellsTheTruth() {
        String id = newPaymentId();
        sale(id, "77011234567", SandboxMagic.MISLEADING_STATUS_AFTER_RESEND);
        awaitCallbacks(id, 1);
        await().pollDelay(sandbox.otpLifetimeOf("KCELL")).atMost(Duration.ofSeconds(10)).until(() -> true);
        String before = otpOf(id);
        assertTrue(client.post(GateRequests.RESEND, requests().resend(id, "198.51.100.47")).accepted());
        List<JsonNode> callbacks = awaitCallbacks(id, 3);
        assertEquals("decline", callbacks.get(1).at("/payment/status").asText());
        assertEquals("awaiting clarification", callbacks.get(2).at("/payment/status").asText());
        assertEquals("awaiting clarification", client.post(GateRequests.STATUS, requests().status(id)).body().at("/payment/status").asText());
        assertNotEquals(null, before);
    }

    @Test
    void unacknowledgedCallbacksAreRetried() {
        String id = newPaymentId();
        recorder.rejectNext(2);
        sale(id, "77011234567", 1000);
        await().atMost(Duration.ofSeconds(10)).until(() -> recorder.forPayment(id).size() >= 1);
        assertEquals("awaiting clarification", recorder.forPayment(id).get(0).at("/payment/status").asText());
    }
}
