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
import static kz.monetix.integration.support.Erp.create;
import static kz.monetix.integration.support.Erp.newOrderId;
import static kz.monetix.integration.support.Erp.order;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An ERP that stays down past erp.events.max-age: the event goes dead, is listed, and a replay delivers it. */
@QuarkusTest
@TestProfile(DeadEventsTest.ShortMaxAge.class)
class DeadEventsTest {

    public static class ShortMaxAge implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("erp.events.max-age", "PT2S");
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
}
