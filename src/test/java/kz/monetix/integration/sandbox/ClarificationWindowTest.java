package kz.monetix.integration.sandbox;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static kz.monetix.integration.support.Erp.awaitStatus;
import static kz.monetix.integration.support.Erp.create;
import static kz.monetix.integration.support.Erp.newOrderId;
import static kz.monetix.integration.support.Erp.order;
import static kz.monetix.integration.support.Erp.view;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The simulated platform declines a payment whose code never came within its clarification window. */
@QuarkusTest
@TestProfile(ClarificationWindowTest.ShortWindow.class)
class ClarificationWindowTest {

    public static class ShortWindow implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("monetix.sandbox.clarification-window", "PT1S");
        }
    }

    @Test
    void noCodeWithinTheWindowIsDeclinedWithTimeOut() {
        String orderId = newOrderId("window");
        create(order(orderId, "77011234583", "10.00")).then().statusCode(202);
        awaitStatus(orderId, "declined");
        assertEquals("20602", view(orderId).getString("code"));
    }
}
