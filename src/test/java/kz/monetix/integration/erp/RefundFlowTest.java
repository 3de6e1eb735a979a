package kz.monetix.integration.erp;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import kz.monetix.integration.support.Erp;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static kz.monetix.integration.support.Erp.api;
import static kz.monetix.integration.support.Erp.awaitStatus;
import static kz.monetix.integration.support.Erp.eventTypes;
import static kz.monetix.integration.support.Erp.paidOrder;
import static kz.monetix.integration.support.Erp.view;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Refunds and the operator list over HTTP against the simulator. */
@QuarkusTest
class RefundFlowTest {

    static Response refund(String orderId, String body) {
        return api().contentType("application/json").body(body).post("/api/v1/payments/{id}/refunds", orderId);
    }

    static Map<?, ?> lastEvent(String orderId) {
        List<Map<String, Object>> events = Erp.events(orderId);
        return (Map<?, ?>) events.get(events.size() - 1).get("event");
    }

    @Test
    void partialThenFullRefundWithIdempotentReplays() {
        String orderId = paidOrder("refund", "77011234580", "1000.00");
        refund(orderId, "{\"refundId\":\"R-1\",\"amount\":\"400.00\",\"description\":\"returned item\"}").then().statusCode(202)
                .body("refundId", equalTo("R-1")).body("amount", equalTo("400.00")).body("status", equalTo("processing"));
        refund(orderId, "{\"refundId\":\"R-1\",\"amount\":\"400.00\",\"description\":\"returned item\"}").then().statusCode(200);
        refund(orderId, "{\"refundId\":\"R-1\",\"amount\":\"300.00\",\"description\":\"returned item\"}").then().statusCode(409);
        refund(orderId, "{\"refundId\":\"R-big\",\"amount\":\"600.01\"}").then().statusCode(409).contentType("application/problem+json");
        awaitStatus(orderId, "partially_refunded");
        Erp.awaitEvents(orderId, 3);
        Map<?, ?> partial = lastEvent(orderId);
        assertEquals("refund.succeeded", partial.get("type"));
        assertEquals("R-1", partial.get("refundId"));
        assertEquals("400.00", partial.get("amount"));
        assertEquals("partially_refunded", partial.get("status"));

        refund(orderId, "{\"refundId\":\"R-2\"}").then().statusCode(202).body("amount", equalTo("600.00"));
        awaitStatus(orderId, "refunded");
        Erp.awaitEvents(orderId, 4);
        assertEquals(List.of("payment.otp_required", "payment.succeeded", "refund.succeeded", "refund.succeeded"), eventTypes(orderId));
        JsonPath done = view(orderId);
        assertEquals(List.of("R-1", "R-2"), done.getList("refunds.refundId"));
        assertEquals(List.of("success", "success"), done.getList("refunds.status"));
        refund(orderId, "{\"refundId\":\"R-3\",\"amount\":\"0.01\"}").then().statusCode(409);
        assertEquals(2, done.getString("history").split("sent to Monetix /v2/payment/mobile/refund").length - 1, "each refund sent once");
    }

    @Test
    void declinedRefundLeavesThePaymentSuccessful() {
        String orderId = paidOrder("refunddecl", "77011234581", "500.07");
        refund(orderId, "{\"refundId\":\"R-1\"}").then().statusCode(202);
        Erp.awaitEvents(orderId, 3);
        Map<?, ?> declined = lastEvent(orderId);
        assertEquals("refund.declined", declined.get("type"));
        assertEquals("20706", declined.get("code"));
        JsonPath after = view(orderId);
        assertEquals("success", after.getString("status"));
        assertEquals("declined", after.getString("refunds[0].status"));
        refund(orderId, "{\"refundId\":\"R-2\",\"amount\":\"500.07\"}").then().statusCode(202);
    }

    @Test
    void refundsOfUnpaidOrUnknownPaymentsAndBadBodiesAreRefused() {
        refund("no-such-order", "{\"refundId\":\"R-1\"}").then().statusCode(404);
        String waiting = Erp.newOrderId("refundearly");
        Erp.create(Erp.order(waiting, "77011234582", "10.00")).then().statusCode(202);
        refund(waiting, "{\"refundId\":\"R-1\"}").then().statusCode(409);
        refund(waiting, "{\"amount\":\"1.001\",\"description\":5}").then().statusCode(400)
                .body("errors.field", hasItems("refundId", "amount", "description"));
        refund(waiting, "[]").then().statusCode(400);
    }

    @Test
    void operatorListComesFromTheGate() {
        api().get("/api/v1/operators").then().statusCode(200)
                .body("operators.id", equalTo(List.of("ACTIV", "ALTEL", "BEELINE", "KCELL", "TELE2")))
                .body("operators[4].name", equalTo("Tele2"));
    }
}
