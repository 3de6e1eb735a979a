package kz.monetix.integration.flow;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import kz.monetix.integration.payment.Store;
import kz.monetix.integration.support.PostgresProfile;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every purchase flow again, on PostgreSQL. */
@QuarkusTest
@TestProfile(PostgresProfile.class)
class PurchaseFlowPostgresTest extends PurchaseFlowTest {

    @Inject
    Store store;

    @Test
    void runsOnPostgresql() {
        assertTrue(store.isPostgresql());
    }
}
