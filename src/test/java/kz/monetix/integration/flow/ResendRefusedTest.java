package kz.monetix.integration.flow;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static kz.monetix.integration.support.Erp.api;
import static kz.monetix.integration.support.Erp.awaitStatus;
import static kz.monetix.integration.support.Erp.count;
import static kz.monetix.integration.support.Erp.create;
import static kz.monetix.integration.support.Erp.eventTypes;
import static kz.monetix.integration.support.Erp.newOrderId;
import static kz.monetix.integration.support.Erp.order;
import static kz.monetix.integration.support.Erp.view;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operator keeps its code longer (6 s) than the runtime expects (3 s): Monetix refuses the early resends. A refused
 * resend costs no resend; the next try waits (doubling from monetix.otp.resend-retry) until Monetix takes it.
 */
@QuarkusTest
@TestProfile(ResendRefusedTest.LongerLivedCodes.class)
class ResendRefusedTest {

    public static class LongerLivedCodes implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("monetix.sandbox.otp-lifetime", "PT6S", "monetix.otp.resend-retry", "PT1S");
        }
    }

    @Test
    void refusedResendsAreRetriedLaterAndDoNotCount() {
        String orderId = newOrderId("refused");
        create(order(orderId, "77051299999", "10.00")).then().statusCode(202);
        awaitStatus(orderId, "awaiting_otp");
        api().post("/api/v1/payments/{id}/otp/resend", orderId).then().statusCode(429); // still valid for us
        await().atMost(Duration.ofSeconds(30)).until(() -> count(eventTypes(orderId), "payment.otp_required") >= 2);
        JsonPath after = view(orderId);
        String history = after.getString("history");
        assertTrue(history.contains("resend rejected by Monetix: code 3060"), history);
        assertTrue(history.contains("new OTP not sent (refused 1 time(s) in a row)"), history);
        assertEquals(0, count(eventTypes(orderId), "payment.otp_expired"), "refusals did not use up the resends");
        assertEquals(2, after.getInt("otp.resendsLeft"), "only the resend Monetix took counts");
    }
}
