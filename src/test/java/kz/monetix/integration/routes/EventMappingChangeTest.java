package kz.monetix.integration.routes;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import kz.monetix.integration.support.EditedRoutes;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static kz.monetix.integration.support.Erp.api;
import static kz.monetix.integration.support.Erp.awaitEvents;
import static kz.monetix.integration.support.Erp.events;
import static kz.monetix.integration.support.Erp.paidOrder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The ERP event body is changed without a rebuild: erp-event.jq adds a field and drops one; the ERP receives that
 * body, signed, and the event listing shows the same; eventId, type and orderId cannot be mapped away.
 */
@QuarkusTest
@TestProfile(EventMappingChangeTest.EditedEventMapping.class)
class EventMappingChangeTest {

    public static class EditedEventMapping extends EditedRoutes {
        @Override
        protected Map<String, String> edit(Path routes) throws IOException {
            Files.writeString(routes.resolve("mappings/erp-event.jq"), "del(.message, .eventId) + {merchant: \"shop-7\"}\n");
            return Map.of();
        }
    }

    @Test
    void theErpReceivesTheMappedBodySigned() {
        String orderId = paidOrder("evmap", "77011234567", "1000.00");
        awaitEvents(orderId, 2);
        List<Map<String, Object>> received = events(orderId);
        for (Map<String, Object> delivery : received) {
            Map<?, ?> event = (Map<?, ?>) delivery.get("event");
            assertEquals("shop-7", event.get("merchant"));
            assertFalse(event.containsKey("message"), "dropped by the mapping");
            assertEquals(delivery.get("eventId"), event.get("eventId"), "eventId is kept: X-Event-Id and body agree");
            assertEquals(orderId, event.get("orderId"));
            assertEquals(true, delivery.get("signatureValid"));
        }
        String succeeded = (String) received.stream().map(d -> (Map<?, ?>) d.get("event"))
                .filter(e -> "payment.succeeded".equals(e.get("type"))).findFirst().orElseThrow().get("eventId");
        List<Map<String, Object>> listed = api().queryParam("status", "delivered").queryParam("orderId", orderId)
                .get("/api/v1/events").then().statusCode(200).extract().jsonPath().getList("events");
        Map<?, ?> listedEvent = (Map<?, ?>) listed.stream().filter(e -> succeeded.equals(e.get("eventId"))).findFirst().orElseThrow().get("event");
        assertEquals("shop-7", listedEvent.get("merchant"), "the listing shows what was delivered");
    }
}
