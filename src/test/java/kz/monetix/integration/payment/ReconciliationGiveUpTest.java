package kz.monetix.integration.payment;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import io.restassured.RestAssured;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static kz.monetix.integration.support.Erp.api;
import static kz.monetix.integration.support.Erp.awaitEvents;
import static kz.monetix.integration.support.Erp.create;
import static kz.monetix.integration.support.Erp.eventTypes;
import static kz.monetix.integration.support.Erp.newOrderId;
import static kz.monetix.integration.support.Erp.order;
import static kz.monetix.integration.support.Erp.view;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static kz.monetix.integration.support.Erp.management;

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
        awaitEvents(orderId, 1);
        assertEquals(List.of("payment.review_required"), eventTypes(orderId), "the ERP is told a person must look");
        List<String> listed = api().queryParam("status", "review_required").get("/api/v1/payments").then().statusCode(200)
                .extract().jsonPath().getList("payments.orderId", String.class);
        assertTrue(listed.contains(orderId), "listed until settled");
        api().queryParam("status", "nonsense").get("/api/v1/payments").then().statusCode(400);
        management().get("/q/metrics").then().body(org.hamcrest.Matchers.containsString("monetix_payments_review_required_total"));
    }
}
