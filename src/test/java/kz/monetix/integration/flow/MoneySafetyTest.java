package kz.monetix.integration.flow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import kz.monetix.integration.gate.GateSigner;
import kz.monetix.integration.json.Json;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static kz.monetix.integration.support.Erp.awaitEvents;
import static kz.monetix.integration.support.Erp.awaitStatus;
import static kz.monetix.integration.support.Erp.count;
import static kz.monetix.integration.support.Erp.create;
import static kz.monetix.integration.support.Erp.eventTypes;
import static kz.monetix.integration.support.Erp.events;
import static kz.monetix.integration.support.Erp.newOrderId;
import static kz.monetix.integration.support.Erp.order;
import static kz.monetix.integration.support.Erp.sandboxOtp;
import static kz.monetix.integration.support.Erp.submitOtp;
import static kz.monetix.integration.support.Erp.view;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        RestAssured.get("/q/metrics").then().body(containsString("monetix_callbacks_mismatched_total"));
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
        RestAssured.get("/q/metrics").then().body(containsString("monetix_payments_failure_overturned_total"));
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
}
