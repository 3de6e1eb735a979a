package kz.monetix.integration.flow;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static kz.monetix.integration.support.Erp.awaitEvents;
import static kz.monetix.integration.support.Erp.eventTypes;
import static kz.monetix.integration.support.Erp.paidOrder;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Push after commit (routes/push.yaml): with both polls an hour apart, a whole purchase still goes through and the ERP
 * gets its events, so the sale and the deliveries were handed to workers by the changes themselves.
 */
@QuarkusTest
@TestProfile(PushAfterCommitTest.PollsAnHourApart.class)
class PushAfterCommitTest {

    public static class PollsAnHourApart implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("monetix.timers.poll-interval", "3600000", "erp.events.poll-interval", "3600000");
        }
    }

    @Test
    void aPurchaseAndItsEventsGoWithoutWaitingForAPoll() {
        String orderId = paidOrder("pushed", "77011234598", "10.00");
        awaitEvents(orderId, 2);
        assertEquals(List.of("payment.otp_required", "payment.succeeded"), eventTypes(orderId));
    }
}
