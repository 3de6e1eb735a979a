package kz.monetix.integration.jms;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import kz.monetix.integration.support.PostgresProfile;

/** The JMS intake on the machine's PostgreSQL. */
@QuarkusTest
@TestProfile(PostgresProfile.class)
class JmsIntakePostgresTest extends JmsIntakeTest {
}
