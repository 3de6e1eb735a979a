package kz.monetix.integration.routes;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * An application of its own for the route tests (their advice must not reach other tests); timers stay quiet; the
 * Gate bulkhead holds one API request and lets one more wait 300 ms.
 */
public class RouteTestProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("monetix.timers.poll-interval", "3600000", "erp.events.poll-interval", "3600000",
                "monetix.gate.api-concurrency", "1", "monetix.gate.api-queue", "1", "monetix.gate.api-wait", "PT0.3S");
    }
}
