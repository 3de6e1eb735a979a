package kz.monetix.integration.flow;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import kz.monetix.integration.support.Erp;
import kz.monetix.integration.support.LogScan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static kz.monetix.integration.support.Erp.api;
import static kz.monetix.integration.support.Erp.awaitEvents;
import static kz.monetix.integration.support.Erp.awaitStatus;
import static kz.monetix.integration.support.Erp.count;
import static kz.monetix.integration.support.Erp.create;
import static kz.monetix.integration.support.Erp.eventTypes;
import static kz.monetix.integration.support.Erp.newOrderId;
import static kz.monetix.integration.support.Erp.order;
import static kz.monetix.integration.support.Erp.sandboxOtp;
import static kz.monetix.integration.support.Erp.submitOtp;
import static kz.monetix.integration.support.Erp.view;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static kz.monetix.integration.support.Erp.management;

/** Black-box purchase flows over real HTTP: ERP API in, Gate simulator, callbacks, sandbox ERP sink out. */
@QuarkusTest
class PurchaseFlowTest {

    @jakarta.inject.Inject
    kz.monetix.integration.gate.GateSigner signer;

    /** Starts an order and waits until the customer was asked for a code. */
    static String startAndAwaitOtp(String prefix, String phone, String amount) {
        String orderId = newOrderId(prefix);
        create(order(orderId, phone, amount)).then().statusCode(202)
                .body("orderId", equalTo(orderId)).body("paymentId", equalTo(orderId)).body("status", equalTo("processing"));
        awaitStatus(orderId, "awaiting_otp");
        return orderId;
    }

    @Test
    void happyPathToSuccessWithSignedEventsAndHistory() {
        String orderId = startAndAwaitOtp("happy", "77011234567", "1000.00");
        JsonPath waiting = view(orderId);
        assertEquals("7701*****67", waiting.getString("phoneMasked"));
        assertEquals("1000.00", waiting.getString("amount"));
        assertEquals(3, waiting.getInt("otp.resendsLeft"));
        assertTrue(waiting.getString("otp.expiresAt").endsWith("Z"));

        submitOtp(orderId, sandboxOtp(orderId)).then().statusCode(202);
        awaitStatus(orderId, "success");
        awaitEvents(orderId, 2);
        List<Map<String, Object>> events = Erp.events(orderId);
        assertEquals(List.of("payment.otp_required", "payment.succeeded"), eventTypes(orderId));
        for (Map<String, Object> delivery : events) {
            assertEquals(true, delivery.get("signatureValid"), "X-Signature verifies with erp.events.secret");
            Map<?, ?> event = (Map<?, ?>) delivery.get("event");
            assertEquals(delivery.get("eventId"), event.get("eventId"), "X-Event-Id is the event's id");
            assertEquals("1000.00", event.get("amount"));
            assertEquals("KZT", event.get("currency"));
        }
        Map<?, ?> otpRequired = (Map<?, ?>) events.get(0).get("event");
        assertEquals(3, ((Map<?, ?>) otpRequired.get("otp")).get("resendsLeft"));
        Map<?, ?> succeeded = (Map<?, ?>) events.get(1).get("event");
        assertEquals("success", succeeded.get("status"));
        assertEquals("0", succeeded.get("code"));
        assertEquals("KCELL", succeeded.get("operator"), "the operator the platform reports");

        JsonPath done = view(orderId);
        assertTrue(done.getList("history").size() >= 5);
        assertTrue(done.getString("history").contains("purchase accepted"));
        submitOtp(orderId, "123456").then().statusCode(409);
    }

    @Test
    void declineCodeEndsDeclined() {
        String orderId = startAndAwaitOtp("decline", "77011120105", "250.00");
        submitOtp(orderId, sandboxOtp(orderId)).then().statusCode(202);
        awaitStatus(orderId, "declined");
        awaitEvents(orderId, 2);
        Map<?, ?> declined = (Map<?, ?>) Erp.events(orderId).get(1).get("event");
        assertEquals("payment.declined", declined.get("type"));
        assertEquals("20105", declined.get("code"));
        assertEquals("20105", view(orderId).getString("code"));
    }

    @Test
    void wrongCodeIsAskedAgainThenRightCodeSucceeds() {
        String orderId = startAndAwaitOtp("wrong", "77021234567", "10.00");
        String right = sandboxOtp(orderId);
        submitOtp(orderId, Erp.wrongOtp(right)).then().statusCode(202);
        awaitEvents(orderId, 2);
        assertEquals(List.of("payment.otp_required", "payment.otp_required"), eventTypes(orderId));
        submitOtp(orderId, right).then().statusCode(202);
        awaitStatus(orderId, "success");
        awaitEvents(orderId, 3);
        assertEquals("payment.succeeded", eventTypes(orderId).get(2));
    }

    @Test
    void tooManyCodesForOneOtpAre429() {
        String orderId = startAndAwaitOtp("brute", "77021234568", "10.00");
        String wrong = Erp.wrongOtp(sandboxOtp(orderId));
        for (int i = 1; i <= 2; i++) {
            submitOtp(orderId, wrong).then().statusCode(202);
            awaitEvents(orderId, i + 1);
        }
        submitOtp(orderId, wrong).then().statusCode(429).contentType("application/problem+json");
        assertEquals("awaiting_otp", view(orderId).getString("status"));
    }

    @Test
    void paymentPageOrderGetsASignedLinkAndNoGateSale() {
        String orderId = newOrderId("page");
        String link = api().contentType("application/json").body("""
                {"orderId":"%s","amount":"99.90","currency":"KZT","channel":"payment_page","operator":"BEELINE",
                 "customer":{"id":"C-7","firstName":"Aigerim","lastName":"Nurlanova","email":"a@example.kz"}}""".formatted(orderId))
                .post("/api/v1/payments").then().statusCode(201).body("status", equalTo("processing"))
                .extract().path("paymentPageUrl");
        assertTrue(link.contains("force_payment_method=mobile"), link);
        assertTrue(link.contains("payment_amount=9990"), link);
        assertTrue(link.contains("payment_methods_options=%7B%22enable_mobile_service%22%3A1%2C%22selected_operator%22%3A%22BEELINE%22%7D"), link);
        assertTrue(link.contains("&signature="), link);
        RestAssured.given().urlEncodingEnabled(false).get(link).then().statusCode(200).body("signatureValid", equalTo(true)).body("amount", equalTo(9990))
                .body("method", equalTo("mobile")).body("operator", equalTo("BEELINE"));
        RestAssured.given().urlEncodingEnabled(false).get(link.replace("payment_amount=9990", "payment_amount=1")).then().statusCode(400)
                .body("signatureValid", equalTo(false));
        pause(500);
        assertTrue(!view(orderId).getString("history").contains("purchase sent"), "the page, not the Gate API, takes the payment");
        // nobody paid on the page: status requests find nothing, and the order does not hang for ever
        awaitStatus(orderId, "failed");
        assertTrue(view(orderId).getString("history").contains("never registered"));
    }

    @Test
    void paymentPageOrdersNeedTheCustomerTheSeedRequires() {
        api().contentType("application/json").body("""
                {"orderId":"%s","amount":"99.90","currency":"KZT","channel":"payment_page","customer":{"id":"C-7"}}"""
                .formatted(newOrderId("pagefields"))).post("/api/v1/payments").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItems("customer.firstName", "customer.lastName", "customer.email"));
    }

    @Test
    void noCodeLeadsToThreeResendsSpacedByTheExpiryThenOtpExpired() {
        String orderId = startAndAwaitOtp("silent", "77051299999", "10.00");
        awaitEvents(orderId, 5);
        List<Map<String, Object>> events = Erp.events(orderId);
        List<String> types = eventTypes(orderId);
        assertEquals(List.of("payment.otp_required", "payment.otp_required", "payment.otp_required", "payment.otp_required",
                "payment.otp_expired"), types);
        for (int i = 1; i < 4; i++) {
            long previous = occurred(events.get(i - 1));
            long next = occurred(events.get(i));
            assertTrue(next - previous >= 3000, "a new OTP only after the previous one expired (" + (next - previous) + " ms)");
            assertEquals(3 - i, ((Map<?, ?>) ((Map<?, ?>) events.get(i).get("event")).get("otp")).get("resendsLeft"));
        }
        assertEquals("awaiting_otp", view(orderId).getString("status"), "the platform's final callback closes it");
        api().post("/api/v1/payments/{id}/otp/resend", orderId).then().statusCode(429);
        assertEquals(3, view(orderId).getString("history").split("new OTP requested").length - 1);
    }

    private static long occurred(Map<String, Object> delivery) {
        return java.time.Instant.parse((String) ((Map<?, ?>) delivery.get("event")).get("occurredAt")).toEpochMilli();
    }

    @Test
    void erpResendIsRefusedWhileTheOtpIsValid() {
        String orderId = startAndAwaitOtp("early", "77011234569", "10.00");
        api().post("/api/v1/payments/{id}/otp/resend", orderId).then().statusCode(429)
                .contentType("application/problem+json");
        api().post("/api/v1/payments/{id}/otp/resend", "no-such-order").then().statusCode(404);
    }

    @Test
    void duplicatedCallbacksChangeNothing() {
        String orderId = startAndAwaitOtp("dup", "77011234560", "500.03");
        submitOtp(orderId, sandboxOtp(orderId)).then().statusCode(202);
        awaitStatus(orderId, "success");
        awaitEvents(orderId, 2);
        pause(1500);
        List<String> types = eventTypes(orderId);
        assertEquals(1, count(types, "payment.otp_required"), types.toString());
        assertEquals(1, count(types, "payment.succeeded"), types.toString());
        assertTrue(view(orderId).getString("history").contains("ignored"));
    }

    @Test
    void lateOutOfOrderPromptAfterTheResultChangesNothing() {
        String orderId = startAndAwaitOtp("late", "77011234561", "500.04");
        submitOtp(orderId, sandboxOtp(orderId)).then().statusCode(202);
        awaitStatus(orderId, "success");
        // the stale prompt is either a byte-for-byte replay of the first one, or a prompt of its own after the result
        org.awaitility.Awaitility.await().until(() -> view(orderId).getString("history").contains("OTP prompt after the result")
                || view(orderId).getString("history").contains("the same callback again"));
        assertEquals("success", view(orderId).getString("status"));
        assertEquals(List.of("payment.otp_required", "payment.succeeded"), eventTypes(orderId));
    }

    @Test
    void callbacksWithBadSignatureAre403AndChangeNothing() {
        String orderId = startAndAwaitOtp("badsig", "77011234562", "500.05");
        JsonPath before = view(orderId);
        String forged = """
                {"project_id":1234,"payment":{"id":"%s","status":"success"},"operation":{"type":"sale","status":"success","code":"0"},
                 "signature":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=="}""".formatted(orderId);
        RestAssured.given().contentType("application/json").body(forged).post("/callbacks/monetix").then().statusCode(403);
        RestAssured.given().contentType("application/json").body(forged.replaceAll(",\\s*\"signature\":\"[^\"]*\"", ""))
                .post("/callbacks/monetix").then().statusCode(403);
        // not JSON at all: a 400 (Monetix must not retry garbage), before any signature work
        RestAssured.given().contentType("application/json").body("not json").post("/callbacks/monetix").then().statusCode(400);
        JsonPath after = view(orderId);
        assertEquals(before.getString("status"), after.getString("status"));
        assertEquals(before.getList("history").size(), after.getList("history").size());
        // the simulator's own forged first delivery was refused too, and the genuine one went through
        submitOtp(orderId, sandboxOtp(orderId)).then().statusCode(202);
        awaitStatus(orderId, "success");
    }

    @Test
    void signedCallbackForAnUnknownPaymentIsRefusedSoThatThePlatformRetries() {
        var callback = kz.monetix.integration.json.Json.MAPPER.createObjectNode();
        callback.putObject("payment").put("id", "never-ordered-" + System.nanoTime()).put("status", "success");
        callback.putObject("operation").put("type", "sale").put("status", "success").put("code", "0");
        callback.put("signature", signer.sign(callback));
        RestAssured.given().contentType("application/json").body(callback.toString()).post("/callbacks/monetix").then().statusCode(404);
    }

    @Test
    void unknownStatusIsKeptCountedAndChangesNothing() {
        String orderId = startAndAwaitOtp("unknown", "77011234574", "10.00");
        var callback = kz.monetix.integration.json.Json.MAPPER.createObjectNode();
        callback.put("project_id", 1234);
        callback.putObject("payment").put("id", orderId).put("status", "awaiting redirect result");
        callback.putObject("operation").put("type", "sale").put("status", "something new").put("code", "12345");
        callback.put("signature", signer.sign(callback));
        RestAssured.given().contentType("application/json").body(callback.toString()).post("/callbacks/monetix").then().statusCode(200);
        JsonPath after = view(orderId);
        assertEquals("awaiting_otp", after.getString("status"));
        assertTrue(after.getString("history").contains("awaiting redirect result"));
        management().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("monetix_callbacks_unrecognised_total{status=\"awaiting redirect result\"}"));
    }

    @Test
    void eventsCanBeListedAndOnlyDeadOnesReplayed() {
        api().get("/api/v1/events").then().statusCode(200).body("events", org.hamcrest.Matchers.notNullValue());
        api().queryParam("status", "nonsense").get("/api/v1/events").then().statusCode(400);
        api().post("/api/v1/events/{id}/replay", "no-such-event").then().statusCode(404);
        String orderId = startAndAwaitOtp("replay", "77011234572", "10.00");
        awaitEvents(orderId, 1);
        String delivered = (String) Erp.events(orderId).get(0).get("eventId");
        api().post("/api/v1/events/{id}/replay", delivered).then().statusCode(409);
    }

    @Test
    void misleadingStatusAfterAResendIsCheckedAgainstTheStatusRequest() {
        String orderId = startAndAwaitOtp("mislead", "77011234563", "500.06");
        // no code: the runtime resends by itself after the expiry; the platform then sends a false "decline"
        awaitEvents(orderId, 2);
        org.awaitility.Awaitility.await().until(() -> view(orderId).getString("history").contains("statuses during resends may be wrong"));
        assertEquals("awaiting_otp", view(orderId).getString("status"));
        submitOtp(orderId, sandboxOtp(orderId)).then().statusCode(202);
        awaitStatus(orderId, "success");
        assertEquals(0, count(eventTypes(orderId), "payment.declined"));
    }

    @Test
    void gate5xxIsReconciledToFailed() {
        String orderId = newOrderId("g5xx");
        create(order(orderId, "77011234564", "500.01")).then().statusCode(202);
        awaitStatus(orderId, "failed");
        awaitEvents(orderId, 1);
        assertEquals(List.of("payment.failed"), eventTypes(orderId));
        assertTrue(view(orderId).getString("history").contains("never registered"));
    }

    @Test
    void lostPromptAfterAResendIsRecoveredByAStatusRequest() {
        String orderId = startAndAwaitOtp("lostprompt", "77011234576", "500.09");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> view(orderId).getString("history").contains("status request: OTP sent to the customer"));
        awaitEvents(orderId, 2);
        assertEquals(List.of("payment.otp_required", "payment.otp_required"), eventTypes(orderId));
        submitOtp(orderId, sandboxOtp(orderId)).then().statusCode(202);
        awaitStatus(orderId, "success");
    }

    @Test
    void saleRejectedByTheGateFailsAtOnce() {
        String orderId = newOrderId("rejected");
        create(order(orderId, "77011234575", "500.08")).then().statusCode(202);
        awaitStatus(orderId, "failed");
        awaitEvents(orderId, 1);
        Map<?, ?> failed = (Map<?, ?>) Erp.events(orderId).get(0).get("event");
        assertEquals("payment.failed", failed.get("type"));
        assertEquals("3023", failed.get("code"));
    }

    @Test
    void gateTimeoutIsReconciledAndThePaymentGoesOn() {
        String orderId = newOrderId("gtimeout");
        create(order(orderId, "77011234565", "500.02")).then().statusCode(202);
        awaitStatus(orderId, "awaiting_otp");
        submitOtp(orderId, sandboxOtp(orderId)).then().statusCode(202);
        awaitStatus(orderId, "success");
        org.awaitility.Awaitility.await().until(() -> view(orderId).getString("history").contains("outcome unknown"));
        String history = view(orderId).getString("history");
        assertEquals(1, history.split("purchase sent").length - 1, "one purchase, never resent");
    }

    @Test
    void erpSinkFailingSeveralTimesGetsTheSameEventLater() {
        RestAssured.given().queryParam("count", 4).post("/sandbox/erp/failures").then().statusCode(204);
        String orderId = startAndAwaitOtp("erpdown", "77011234566", "10.00");
        awaitEvents(orderId, 1);
        Map<String, Object> delivery = Erp.events(orderId).get(0);
        String eventId = (String) delivery.get("eventId");
        List<Map<String, Object>> pending = api().queryParam("status", "delivered").queryParam("orderId", orderId)
                .get("/api/v1/events").then().statusCode(200)
                .extract().jsonPath().getList("events");
        Map<String, Object> stored = pending.stream().filter(e -> eventId.equals(e.get("eventId"))).findFirst().orElseThrow();
        assertTrue((Integer) stored.get("attempts") >= 2, "delivered after failed attempts: " + stored);
        assertEquals(1, Erp.events(orderId).stream().filter(e -> eventId.equals(e.get("eventId"))).count(),
                "delivered once it succeeded, not again");
    }

    @AfterAll
    static void logsHoldNoOtpSecretOrFullPhoneNumber() throws Exception {
        assertTrue(java.nio.file.Files.size(LogScan.LOG) > 0);
        assertEquals(List.of(), LogScan.leaks(Erp.SEEN_OTPS, Erp.SEEN_PHONES));
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
