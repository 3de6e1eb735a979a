package kz.monetix.integration.erp;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import kz.monetix.integration.support.PostgresProfile;

/** Replays and races on PostgreSQL: the unique keys hold there too. */
@QuarkusTest
@TestProfile(PostgresProfile.class)
class IdempotencyPostgresTest extends IdempotencyTest {
}
