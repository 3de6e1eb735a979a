package kz.monetix.integration.flow;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static kz.monetix.integration.support.Erp.awaitStatus;
import static kz.monetix.integration.support.Erp.count;
import static kz.monetix.integration.support.Erp.create;
import static kz.monetix.integration.support.Erp.eventTypes;
import static kz.monetix.integration.support.Erp.events;
import static kz.monetix.integration.support.Erp.newOrderId;
import static kz.monetix.integration.support.Erp.order;
import static kz.monetix.integration.support.Erp.view;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OTP lifetimes per operator: TELE2's codes live 6 s here (the default is 3 s), at the runtime and at the simulated
 * platform alike. The ERP is told the TELE2 lifetime, and no resend goes out before it passed (none is refused).
 */
@QuarkusTest
@TestProfile(OperatorLifetimeTest.Tele2KeepsCodesLonger.class)
class OperatorLifetimeTest {

    public static class Tele2KeepsCodesLonger implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("monetix.otp.expiry.TELE2", "PT6S", "monetix.sandbox.otp-lifetime.TELE2", "PT6S");
        }
    }

    @Test
    void aTele2CodeIsGivenItsOwnLifetimeAndNoResendGoesOutEarly() {
        String orderId = newOrderId("tele2");
        create(order(orderId, "77071299999", "10.00")).then().statusCode(202); // TELE2, silent: no code ever arrives
        awaitStatus(orderId, "awaiting_otp");
        await().atMost(Duration.ofSeconds(30)).until(() -> count(eventTypes(orderId), "payment.otp_required") >= 2);
        List<Map<String, Object>> received = events(orderId);
        Map<?, ?> first = (Map<?, ?>) received.get(0).get("event");
        Map<?, ?> second = (Map<?, ?>) received.get(1).get("event");
        Instant askedAt = Instant.parse((String) first.get("occurredAt"));
        Instant toldExpiry = Instant.parse((String) ((Map<?, ?>) first.get("otp")).get("expiresAt"));
        Duration told = Duration.between(askedAt, toldExpiry);
        assertTrue(told.compareTo(Duration.ofMillis(5_900)) >= 0 && told.compareTo(Duration.ofMillis(6_100)) <= 0, "told " + told);
        Duration untilNewCode = Duration.between(askedAt, Instant.parse((String) second.get("occurredAt")));
        assertTrue(untilNewCode.compareTo(Duration.ofSeconds(6)) >= 0, "new code only after the TELE2 lifetime: " + untilNewCode);
        assertFalse(view(orderId).getString("history").contains("resend rejected"), "no resend went out early");
    }
}
