package kz.monetix.integration.hostile;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import kz.monetix.integration.support.PostgresProfile;

/** The hostile-input cases on the machine's PostgreSQL. */
@QuarkusTest
@TestProfile(PostgresProfile.class)
class HostileInputPostgresTest extends HostileInputTest {
}
