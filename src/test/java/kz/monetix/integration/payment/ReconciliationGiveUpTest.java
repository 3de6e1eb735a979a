package kz.monetix.integration.payment;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static kz.monetix.integration.support.Erp.create;
import static kz.monetix.integration.support.Erp.newOrderId;
import static kz.monetix.integration.support.Erp.order;
import static kz.monetix.integration.support.Erp.view;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Status requests for a payment Monetix never settles stop after monetix.reconcile.give-up-after. */
@QuarkusTest
@TestProfile(ReconciliationGiveUpTest.QuickGiveUp.class)
class ReconciliationGiveUpTest {

    public static class QuickGiveUp implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("monetix.reconcile.give-up-after", "PT2S", "monetix.reconcile.not-found-after", "PT1M");
        }
    }

    @Test
    void unknownOutcomeIsPolledThenLeftToAnOperator() {
        String orderId = newOrderId("giveup");
        create(order(orderId, "77011234584", "500.01")).then().statusCode(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> view(orderId).getString("history").contains("status requests stopped"));
        String history = view(orderId).getString("history");
        assertTrue(history.contains("status request: unknown") || history.contains("status request: rejected"), history);
        assertEquals("processing", view(orderId).getString("status"), "no result is invented");
    }
}
