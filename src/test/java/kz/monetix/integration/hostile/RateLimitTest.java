package kz.monetix.integration.hostile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import kz.monetix.integration.gate.GateSigner;
import kz.monetix.integration.json.Json;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static kz.monetix.integration.support.Erp.api;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Per-key API rates and refused-callback limits per address, over HTTP with tight limits. */
@QuarkusTest
@TestProfile(RateLimitTest.TightLimits.class)
class RateLimitTest {

    public static class TightLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("erp.rate-limit.requests-per-second", "1", "erp.rate-limit.burst", "5",
                    "monetix.callbacks.failures-per-minute", "3");
        }
    }

    @Inject
    GateSigner signer;

    @Test
    void anApiKeyOverItsRateGets429() {
        int refused = 0;
        for (int i = 0; i < 8; i++) {
            int status = api().get("/api/v1/payments/{id}", "no-such-order").statusCode();
            if (status == 429) {
                refused++;
            } else {
                assertEquals(404, status);
            }
        }
        assertEquals(true, refused >= 2, "a burst of 5 then about 1 per second: " + refused + " refused of 8");
        api().get("/api/v1/payments/{id}", "no-such-order").then().statusCode(429).contentType("application/problem+json");
    }

    @Test
    void anAddressWhoseCallbacksKeepFailingIsTurnedAwayEvenWithAValidOne() {
        for (int i = 0; i < 3; i++) {
            RestAssured.given().contentType("application/json").body("{\"signature\":\"forged\",\"payment\":{\"id\":\"x\"}}")
                    .post("/callbacks/monetix").then().statusCode(403);
        }
        ObjectNode genuine = Json.MAPPER.createObjectNode();
        genuine.putObject("payment").put("id", "no-such-payment");
        genuine.put("signature", signer.sign(genuine));
        RestAssured.given().contentType("application/json").body(genuine.toString()).post("/callbacks/monetix").then().statusCode(429);
    }
}
