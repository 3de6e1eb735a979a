package kz.monetix.integration.jms;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.jms.JMSSecurityException;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static kz.monetix.integration.support.Erp.awaitStatus;
import static kz.monetix.integration.support.Erp.newOrderId;
import static kz.monetix.integration.support.Erp.order;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** With {@code erp.jms.user} set, the embedded broker's acceptor takes that login and refuses anonymous clients. */
@QuarkusTest
@TestProfile(BrokerLoginTest.WithLogin.class)
class BrokerLoginTest {

    public static class WithLogin implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("erp.jms.user", "erp-1c", "erp.jms.password", "s3cret-jms");
        }
    }

    @Test
    void anonymousClientsAreRefusedAndTheConfiguredLoginWorks() throws Exception {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:18616");
        assertThrows(JMSSecurityException.class, () -> factory.createConnection().close());
        assertThrows(JMSSecurityException.class, () -> factory.createConnection("erp-1c", "wrong").close());
        String orderId = newOrderId("login");
        try (var connection = factory.createConnection("erp-1c", "s3cret-jms")) {
            var session = connection.createSession();
            session.createProducer(session.createQueue("erp.payment.orders")).send(session.createTextMessage(order(orderId, "77011234567", "10.00")));
        }
        awaitStatus(orderId, "awaiting_otp");
    }
}
