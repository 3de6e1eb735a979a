package kz.monetix.integration.jms;

import kz.monetix.integration.broker.BrokerReadiness;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The broker's readiness over one kept connection follows a real broker going away and coming back. */
class BrokerReadinessTest {

    static final String URL = "tcp://127.0.0.1:18627";

    @Test
    void downWhileTheBrokerIsGoneUpOnceItIsBack() throws Exception {
        EmbeddedActiveMQ broker = start();
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(URL)) {
            BrokerReadiness readiness = new BrokerReadiness(factory);
            assertEquals(HealthCheckResponse.Status.UP, readiness.call().getStatus());
            assertEquals(HealthCheckResponse.Status.UP, readiness.call().getStatus(), "the kept connection answers again");

            broker.stop();
            await().atMost(Duration.ofSeconds(30)).until(() -> readiness.call().getStatus() == HealthCheckResponse.Status.DOWN);
            assertEquals("JMSException", readiness.call().getData().orElseThrow().get("error"),
                    "names what failed, nothing more");

            broker = start();
            await().atMost(Duration.ofSeconds(30)).until(() -> readiness.call().getStatus() == HealthCheckResponse.Status.UP);
        } finally {
            broker.stop();
        }
    }

    private static EmbeddedActiveMQ start() throws Exception {
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ().setConfiguration(new ConfigurationImpl().setName("readiness-broker")
                .setPersistenceEnabled(false).setSecurityEnabled(false).addAcceptorConfiguration("tcp", URL));
        broker.start();
        return broker;
    }
}
