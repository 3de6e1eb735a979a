package kz.monetix.integration.flow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import kz.monetix.integration.gate.GateSigner;
import kz.monetix.integration.json.Json;
import kz.monetix.integration.payment.Payment;
import kz.monetix.integration.payment.PaymentLedger;
import kz.monetix.integration.payment.Refund;
import kz.monetix.integration.payment.RefundStore;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static kz.monetix.integration.support.Erp.api;
import static kz.monetix.integration.support.Erp.awaitEvents;
import static kz.monetix.integration.support.Erp.awaitStatus;
import static kz.monetix.integration.support.Erp.count;
import static kz.monetix.integration.support.Erp.create;
import static kz.monetix.integration.support.Erp.eventTypes;
import static kz.monetix.integration.support.Erp.events;
import static kz.monetix.integration.support.Erp.newOrderId;
import static kz.monetix.integration.support.Erp.order;
import static kz.monetix.integration.support.Erp.paidOrder;
import static kz.monetix.integration.support.Erp.sandboxOtp;
import static kz.monetix.integration.support.Erp.submitOtp;
import static kz.monetix.integration.support.Erp.view;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static kz.monetix.integration.support.Erp.management;

/** Answers and callbacks that must not settle a payment, over HTTP against the simulator (issue "Money safety"). */
@QuarkusTest
class MoneySafetyTest {

    @Inject
    GateSigner signer;

    @Test
    void aProxys429IsAnUnknownOutcomeNotAFailure() {
        String orderId = newOrderId("proxy429");
        create(order(orderId, "77011234581", "500.11")).then().statusCode(202);
        awaitStatus(orderId, "awaiting_otp");
        submitOtp(orderId, sandboxOtp(orderId)).then().statusCode(202);
        awaitStatus(orderId, "success");
        String history = view(orderId).getString("history");
        assertTrue(history.contains("purchase outcome unknown"), history);
        assertTrue(!history.contains("3041"), "the HTTP client did not send the sale again after the 429: " + history);
        assertEquals(0, count(eventTypes(orderId), "payment.failed"), "the charge was never reported as failed");
    }

    @Test
    void anUnsignedStatusAnswerNeverSettlesAPayment() {
        String orderId = newOrderId("unsigned");
        create(order(orderId, "77011234582", "500.10")).then().statusCode(202);
        awaitStatus(orderId, "awaiting_otp");
        submitOtp(orderId, sandboxOtp(orderId)).then().statusCode(202);
        // the result callback is lost; the runtime asks for the status, and the answer is not signed
        await().atMost(Duration.ofSeconds(40)).until(() -> view(orderId).getString("history").contains("not signed by Monetix"));
        assertEquals("awaiting_otp", view(orderId).getString("status"));
        assertEquals(0, count(eventTypes(orderId), "payment.succeeded"));
    }

    ObjectNode signedCallback(String orderId, long sumMinor, String currency, long projectId) {
        ObjectNode callback = Json.MAPPER.createObjectNode();
        callback.put("project_id", projectId);
        ObjectNode payment = callback.putObject("payment").put("id", orderId).put("status", "success");
        payment.putObject("sum").put("amount", sumMinor).put("currency", currency);
        callback.putObject("operation").put("type", "sale").put("status", "success").put("code", "0");
        callback.put("signature", signer.sign(callback));
        return callback;
    }

    @Test
    void aCallbackThatContradictsThePaymentChangesNothing() {
        String orderId = newOrderId("mismatch");
        create(order(orderId, "77011234583", "10.00")).then().statusCode(202);
        awaitStatus(orderId, "awaiting_otp");
        for (ObjectNode callback : new ObjectNode[] {signedCallback(orderId, 999_900, "KZT", 1234),
                signedCallback(orderId, 1000, "USD", 1234), signedCallback(orderId, 1000, "KZT", 9999)}) {
            RestAssured.given().contentType("application/json").body(callback.toString()).post("/callbacks/monetix").then().statusCode(200);
        }
        assertEquals("awaiting_otp", view(orderId).getString("status"));
        String history = view(orderId).getString("history");
        assertTrue(history.contains("amount 9999.00, the payment's is 10.00"), history);
        assertTrue(history.contains("currency USD"), history);
        assertTrue(history.contains("project 9999"), history);
        management().get("/q/metrics").then().body(containsString("monetix_callbacks_mismatched_total"));
        RestAssured.given().contentType("application/json").body(signedCallback(orderId, 1000, "KZT", 1234).toString())
                .post("/callbacks/monetix").then().statusCode(200);
        awaitStatus(orderId, "success");
    }

    @Test
    void aSuccessAfterAnInferredFailureOverturnsItAndSaysSo() {
        String orderId = newOrderId("overturn");
        create(order(orderId, "77011234584", "500.01")).then().statusCode(202); // Gate 5xx, then "not found"
        awaitStatus(orderId, "failed");
        awaitEvents(orderId, 1);
        String failedEventId = (String) events(orderId).get(0).get("eventId");
        RestAssured.given().contentType("application/json").body(signedCallback(orderId, 50001, "KZT", 1234).toString())
                .post("/callbacks/monetix").then().statusCode(200);
        awaitStatus(orderId, "success");
        awaitEvents(orderId, 2);
        Map<?, ?> succeeded = (Map<?, ?>) events(orderId).get(1).get("event");
        assertEquals("payment.succeeded", succeeded.get("type"));
        assertEquals(failedEventId, succeeded.get("corrects"));
        management().get("/q/metrics").then().body(containsString("monetix_payments_failure_overturned_total"));
    }

    @Test
    void aFailureMonetixReportedStaysFailed() {
        String orderId = newOrderId("reported");
        create(order(orderId, "77011234585", "500.08")).then().statusCode(202); // rejected at once, code 3023
        awaitStatus(orderId, "failed");
        RestAssured.given().contentType("application/json").body(signedCallback(orderId, 50008, "KZT", 1234).toString())
                .post("/callbacks/monetix").then().statusCode(200);
        assertEquals("failed", view(orderId).getString("status"));
        assertTrue(view(orderId).getString("history").contains("ignored, payment is already failed"));
    }

    static void refund(String orderId, String body) {
        api().contentType("application/json").body(body).post("/api/v1/payments/{id}/refunds", orderId).then().statusCode(202);
    }

    @Test
    void aRefundWithoutAnswerOrCallbackIsSettledByStatusNotByAmountAndADashboardRefundIsItsOwn() {
        String orderId = paidOrder("refundlost", "77011234586", "500.12"); // refund answers time out, their callbacks are lost
        refund(orderId, "{\"refundId\":\"R-1\",\"amount\":\"100.00\"}");
        await().atMost(Duration.ofSeconds(10)).until(() -> view(orderId).getString("history").contains("sent to Monetix /v2/payment/mobile/refund"));
        // meanwhile somebody refunds the same amount in the Monetix Dashboard: its callback must not settle R-1
        RestAssured.given().queryParam("amount", 10000).post("/sandbox/payments/{id}/dashboard-refund", orderId).then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> view(orderId).getList("refunds").size() == 2
                && view(orderId).getList("refunds.status").stream().allMatch("success"::equals));
        JsonPath done = view(orderId);
        assertEquals("partially_refunded", done.getString("status"));
        assertEquals(List.of("erp", "monetix"), done.getList("refunds.origin"));
        assertEquals(List.of("100.00", "100.00"), done.getList("refunds.amount"));
        String history = done.getString("history");
        assertEquals(1, history.split("sent to Monetix /v2/payment/mobile/refund").length - 1, "R-1 sent once: " + history);
        assertTrue(history.contains("refund R-1: success (status request)"), history);
        awaitEvents(orderId, 4);
        List<Map<?, ?>> refunds = events(orderId).stream().<Map<?, ?>>map(e -> (Map<?, ?>) e.get("event"))
                .filter(e -> "refund.succeeded".equals(e.get("type"))).toList();
        assertEquals(2, refunds.size());
        assertEquals("R-1", refunds.stream().filter(e -> "erp".equals(e.get("origin"))).findFirst().orElseThrow().get("refundId"));
        assertTrue(refunds.stream().anyMatch(e -> "monetix".equals(e.get("origin"))), refunds.toString());
        management().get("/q/metrics").then().body(containsString("monetix_refunds_made_elsewhere_total"));
        // the ERP can still refund what remains, and no more
        api().contentType("application/json").body("{\"refundId\":\"R-2\",\"amount\":\"300.13\"}")
                .post("/api/v1/payments/{id}/refunds", orderId).then().statusCode(409);
    }

    @Inject
    PaymentLedger ledger;

    @Inject
    RefundStore refundStore;

    @Test
    void aRefundClaimedWhenTheProcessDiedIsCheckedAndSentOnce() {
        String orderId = paidOrder("refundcrash", "77011234587", "20.00");
        // the state a crash leaves behind: the refund claimed (SENDING) and its request never made
        ledger.change(orderId, change -> {
            Payment p = change.payment();
            refundStore.insert(change.connection(), new Refund(orderId, "R-1", p.paymentId() + "-refund-R-1", 500, null,
                    Refund.State.SENDING, null, null, null, change.now(), change.now(), Refund.Origin.ERP));
            change.set(p.withDue(change.now(), Payment.DueAction.CHECK_REFUNDS, 0));
            return null;
        });
        awaitStatus(orderId, "partially_refunded");
        String history = view(orderId).getString("history");
        assertTrue(history.contains("Monetix does not know it after"), history);
        assertEquals(1, history.split("sent to Monetix /v2/payment/mobile/refund").length - 1, history);
        assertEquals("success", view(orderId).getString("refunds[0].status"));
    }

    @Test
    void aReplayedPromptWhileTheCodeIsCheckedIsNotAWrongCode() {
        String orderId = newOrderId("replay");
        create(order(orderId, "77011234588", "500.13")).then().statusCode(202); // the prompt is replayed when the code arrives
        awaitStatus(orderId, "awaiting_otp");
        submitOtp(orderId, sandboxOtp(orderId)).then().statusCode(202);
        awaitStatus(orderId, "success");
        awaitEvents(orderId, 2);
        await().atMost(Duration.ofSeconds(5)).until(() -> view(orderId).getString("history").contains("the same callback again"));
        assertEquals(List.of("payment.otp_required", "payment.succeeded"), eventTypes(orderId));
    }
}
