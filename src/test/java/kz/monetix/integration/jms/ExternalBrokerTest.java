package kz.monetix.integration.jms;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import kz.monetix.integration.support.ErpJms;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static kz.monetix.integration.support.Erp.awaitStatus;
import static kz.monetix.integration.support.Erp.management;
import static kz.monetix.integration.support.Erp.newOrderId;
import static kz.monetix.integration.support.Erp.order;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code erp.jms.embedded=false}: the runtime starts no broker of its own and works with a standalone Artemis broker
 * (started here, in the test, on a port of its own) by configuration only.
 */
@QuarkusTest
@TestProfile(ExternalBrokerTest.StandaloneBroker.class)
class ExternalBrokerTest {

    static final String URL = "tcp://127.0.0.1:18626";
    static EmbeddedActiveMQ broker;

    public static class StandaloneBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            if (broker == null) { // Quarkus asks a profile for its overrides more than once
                startBroker();
            }
            return Map.of("erp.jms.embedded", "false", "erp.jms.url", URL);
        }

        private static void startBroker() {
            try {
                broker = new EmbeddedActiveMQ().setConfiguration(new ConfigurationImpl().setName("external-erp-broker")
                        .setPersistenceEnabled(false).setSecurityEnabled(false).addAcceptorConfiguration("tcp", URL));
                broker.start();
            } catch (Exception e) {
                throw new IllegalStateException("the standalone broker did not start", e);
            }
        }
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.stop();
    }

    @Test
    void ordersComeThroughTheExternalBroker() throws Exception {
        String orderId = newOrderId("external");
        try (ErpJms erp = new ErpJms(URL)) {
            Queue replies = erp.temporaryQueue();
            Message message = erp.text(order(orderId, "77011234567", "1000.00"));
            message.setJMSReplyTo(replies);
            erp.send("erp.payment.orders", message);
            Message answer = erp.receive(replies, null, 15_000);
            assertNotNull(answer);
            assertTrue(ErpJms.body(answer).contains("\"processing\""));
        }
        awaitStatus(orderId, "awaiting_otp");
        management().get("/q/health/ready").then().statusCode(200).body("checks.name", hasItem("ERP broker"));
    }
}
