package kz.monetix.integration.broker;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the ERP broker (embedded or external) over one kept connection: the broker client notices a lost
 * broker (closed socket, missed pings) and drops the connection, and the next check connects anew. The check of
 * quarkus-artemis opened a connection per call instead, which capped {@code /q/health/ready} at ~50 calls/s.
 */
@Readiness
@ApplicationScoped
public class BrokerReadiness implements HealthCheck {

    static final String NAME = "ERP broker";

    private final ConnectionFactory factory;
    private Connection connection;

    public BrokerReadiness(ConnectionFactory factory) {
        this.factory = factory;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            connected();
            return HealthCheckResponse.up(NAME);
        } catch (JMSException | RuntimeException e) {
            return HealthCheckResponse.named(NAME).down().withData("error", e.getClass().getSimpleName()).build();
        }
    }

    private synchronized void connected() throws JMSException {
        if (connection == null) {
            Connection fresh = factory.createConnection();
            fresh.setExceptionListener(lost -> drop(fresh));
            connection = fresh;
        }
    }

    private void drop(Connection lost) {
        synchronized (this) {
            if (connection == lost) {
                connection = null;
            }
        }
        closeQuietly(lost);
    }

    @PreDestroy
    synchronized void close() {
        if (connection != null) {
            closeQuietly(connection);
            connection = null;
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (JMSException | RuntimeException ignored) {
            // the broker is gone already: nothing left to close
        }
    }
}
