package kz.monetix.integration.routes;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import kz.monetix.integration.gate.GateSigner;
import kz.monetix.integration.support.CallbackRecorder;
import kz.monetix.integration.support.EditedRoutes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;

import static kz.monetix.integration.support.Erp.create;
import static kz.monetix.integration.support.Erp.newOrderId;
import static kz.monetix.integration.support.Erp.order;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The sale mapping is changed without a rebuild: a copy of routes/ whose sale.jq adds {@code payment.extra_param}
 * is what the runtime starts on, and the field is in the signed request that reaches the Gate, with a signature
 * that verifies over it. The "Gate" here records what it receives.
 */
@QuarkusTest
@TestProfile(MappingChangeTest.EditedSaleMapping.class)
class MappingChangeTest {

    static CallbackRecorder gate;

    public static class EditedSaleMapping extends EditedRoutes {
        @Override
        protected Map<String, String> edit(Path routes) throws IOException {
            Files.writeString(routes.resolve("mappings/sale.jq"), "\n| .payment.extra_param = \"loyalty-42\"\n", StandardOpenOption.APPEND);
            if (gate == null) {
                gate = new CallbackRecorder();
            }
            // the recorder listens on /callbacks: the Gate paths are appended to it
            return Map.of("monetix.gate.base-url", gate.url());
        }
    }

    @AfterAll
    static void stopGate() {
        gate.close();
    }

    @Test
    void anAddedFieldIsSentAndSigned() {
        String orderId = newOrderId("mapping");
        create(order(orderId, "77011234567", "1000.00")).then().statusCode(202);
        await().atMost(Duration.ofSeconds(15)).until(() -> !gate.forPayment(orderId).isEmpty()
                || gate.received().stream().anyMatch(r -> orderId.equals(r.at("/general/payment_id").asText())));
        JsonNode sale = gate.received().stream().filter(r -> orderId.equals(r.at("/general/payment_id").asText())).findFirst().orElseThrow();
        assertEquals("loyalty-42", sale.at("/payment/extra_param").asText());
        assertEquals(100000, sale.at("/payment/amount").longValue());
        assertEquals(GateSigner.Match.BYTE_ORDER, new GateSigner("sandbox-secret-not-for-production").verify(sale),
                "the signature covers the added field");
    }
}
