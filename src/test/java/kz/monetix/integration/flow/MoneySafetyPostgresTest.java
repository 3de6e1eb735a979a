package kz.monetix.integration.flow;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import kz.monetix.integration.support.PostgresProfile;

/** The money-safety cases on the machine's PostgreSQL. */
@QuarkusTest
@TestProfile(PostgresProfile.class)
class MoneySafetyPostgresTest extends MoneySafetyTest {
}
