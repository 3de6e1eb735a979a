package kz.monetix.integration.payment;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import kz.monetix.integration.support.PostgresProfile;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The same store tests on PostgreSQL, selected at run time by db.url with the same build. */
@QuarkusTest
@TestProfile(PostgresProfile.class)
class PaymentStorePostgresTest extends PaymentStoreTest {

    @Test
    void runsOnPostgresql() {
        assertTrue(store.isPostgresql());
    }
}
