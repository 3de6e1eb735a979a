package kz.monetix.integration.erp;

import kz.monetix.integration.api.ApiProblem;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** API keys from the header only, with per-key scopes ({@code erp.api-keys} entries like {@code key:scope,scope}). */
class ErpAccessTest {

    final ErpAccess access = new ErpAccess(Optional.of(List.of("k-pay:payments", "refunds", "k-admin:events-admin", "k-all")));

    int status(String key, String query, String uri) {
        try {
            access.check(key, query, uri, null, null);
            return 200;
        } catch (ApiProblem problem) {
            return problem.getStatus();
        }
    }

    @Test
    void eachKeyMayUseItsScopesOnly() {
        assertEquals(200, status("k-pay", null, "/api/v1/payments"));
        assertEquals(200, status("k-pay", null, "/api/v1/payments/PO-1/refunds"));
        assertEquals(403, status("k-pay", null, "/api/v1/events?status=dead"));
        assertEquals(200, status("k-admin", null, "/api/v1/events/e-1/replay"));
        assertEquals(403, status("k-admin", null, "/api/v1/payments/PO-1"));
        assertEquals(200, status("k-all", null, "/api/v1/events"));
        assertEquals(401, status("k-unknown", null, "/api/v1/payments"));
        assertEquals(401, status(null, null, "/api/v1/payments"));
    }

    @Test
    void aKeyInTheUrlIsRefusedEvenWhenItIsValid() {
        assertEquals(401, status("k-all", "X-Api-Key=k-all", "/api/v1/payments"));
        assertEquals(401, status("k-all", "status=dead&x-api-key=k-all", "/api/v1/events"));
    }

    @Test
    void unknownScopesAndScopesWithoutAKeyAreConfigurationErrors() {
        assertThrows(IllegalArgumentException.class, () -> new ErpAccess(Optional.of(List.of("k:everything"))));
        assertThrows(IllegalArgumentException.class, () -> new ErpAccess(Optional.of(List.of("refunds", "k"))));
        assertDoesNotThrow(() -> new ErpAccess(Optional.of(List.of(" k1 ", "", "k2:refunds"))));
    }
}
