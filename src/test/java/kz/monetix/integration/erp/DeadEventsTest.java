package kz.monetix.integration.erp;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import kz.monetix.integration.support.Erp;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static kz.monetix.integration.support.Erp.api;
import static kz.monetix.integration.support.Erp.awaitStatus;
import static kz.monetix.integration.support.Erp.sandboxOtp;
import static kz.monetix.integration.support.Erp.submitOtp;
import static kz.monetix.integration.support.Erp.create;
import static kz.monetix.integration.support.Erp.newOrderId;
import static kz.monetix.integration.support.Erp.order;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An ERP that stays down past erp.events.max-age: the event goes dead, is listed, holds the later events of its order,
 * and a replay (one, or all dead ones) delivers it; an operator may skip it instead.
 */
@QuarkusTest
@TestProfile(DeadEventsTest.ShortMaxAge.class)
class DeadEventsTest {

    public static class ShortMaxAge implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // codes live long enough to be entered after an event has died (about 3 s of attempts)
            return Map.of("erp.events.max-age", "PT2S", "monetix.otp.expiry", "PT30S");
        }
    }

    static List<Map<String, Object>> dead(String orderId) {
        List<Map<String, Object>> events = api().queryParam("status", "dead").queryParam("orderId", orderId).get("/api/v1/events")
                .then().statusCode(200)
                .extract().jsonPath().getList("events");
        return events.stream().filter(e -> orderId.equals(e.get("orderId"))).toList();
    }

    @Test
    void undeliverableEventDiesIsListedAndReplayed() {
        RestAssured.given().queryParam("count", 1_000_000).post("/sandbox/erp/failures").then().statusCode(204);
        String orderId = newOrderId("dead");
        create(order(orderId, "77011234573", "10.00")).then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> !dead(orderId).isEmpty());
        Map<String, Object> event = dead(orderId).get(0);
        assertEquals("payment.otp_required", event.get("type"));
        assertTrue((Integer) event.get("attempts") >= 2, event.toString());
        assertTrue(((String) event.get("lastError")).contains("503"), event.toString());
        assertTrue(Erp.events(orderId).isEmpty());

        RestAssured.given().queryParam("count", 0).post("/sandbox/erp/failures").then().statusCode(204);
        String eventId = (String) event.get("eventId");
        api().post("/api/v1/events/{id}/replay", eventId).then().statusCode(202);
        api().post("/api/v1/events/{id}/replay", eventId).then().statusCode(409);
        Erp.awaitEvents(orderId, 1);
        assertEquals(eventId, Erp.events(orderId).get(0).get("eventId"), "the same event, same id");
        assertTrue(dead(orderId).isEmpty());
    }

    /** An order whose first event died while the ERP was down, and whose result event came after it. */
    String orderWithADeadEventAndOneAfterIt(String prefix, String phone) {
        RestAssured.given().queryParam("count", 1_000_000).post("/sandbox/erp/failures").then().statusCode(204);
        String orderId = newOrderId(prefix);
        create(order(orderId, phone, "10.00")).then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> !dead(orderId).isEmpty());
        submitOtp(orderId, sandboxOtp(orderId)).then().statusCode(202);
        awaitStatus(orderId, "success");
        RestAssured.given().queryParam("count", 0).post("/sandbox/erp/failures").then().statusCode(204);
        pause(1500);
        assertTrue(Erp.events(orderId).isEmpty(), "the later event waits behind the dead one: order per order is kept");
        return orderId;
    }

    @Test
    void aDeadEventHoldsItsOrderUntilABulkReplayDeliversBothInOrder() {
        String orderId = orderWithADeadEventAndOneAfterIt("held", "77011234574");
        int replayed = api().queryParam("status", "dead").post("/api/v1/events/replay").then().statusCode(202)
                .extract().path("replayed");
        assertTrue(replayed >= 1);
        Erp.awaitEvents(orderId, 2);
        assertEquals(List.of("payment.otp_required", "payment.succeeded"), Erp.eventTypes(orderId));
        api().queryParam("status", "everything").post("/api/v1/events/replay").then().statusCode(400);
    }

    @Test
    void aSkippedDeadEventLetsTheLaterOnesGo() {
        String orderId = orderWithADeadEventAndOneAfterIt("skipped", "77011234575");
        String deadId = (String) dead(orderId).get(0).get("eventId");
        api().post("/api/v1/events/{id}/skip", deadId).then().statusCode(200);
        api().post("/api/v1/events/{id}/skip", deadId).then().statusCode(409);
        Erp.awaitEvents(orderId, 1);
        assertEquals(List.of("payment.succeeded"), Erp.eventTypes(orderId));
        List<Map<String, Object>> skipped = api().queryParam("status", "skipped").queryParam("orderId", orderId)
                .get("/api/v1/events").then().statusCode(200).extract().jsonPath().getList("events");
        assertEquals(deadId, skipped.get(0).get("eventId"));
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
