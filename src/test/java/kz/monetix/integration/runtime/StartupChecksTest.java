package kz.monetix.integration.runtime;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The prod profile refuses sandbox or missing settings, naming each key; other profiles only need routes.dir. */
class StartupChecksTest {

    static Config config(Map<String, String> values) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(values, "test", 100)).build();
    }

    static Map<String, String> sandbox() {
        Map<String, String> values = new HashMap<>();
        values.put("routes.dir", "./routes");
        values.put("monetix.secret-key", "sandbox-secret-not-for-production");
        values.put("monetix.project-id", "1234");
        values.put("monetix.gate.base-url", "http://localhost:8080/sandbox/gate");
        values.put("erp.api-keys", "sandbox-erp-key");
        values.put("monetix.sandbox.enabled", "true");
        values.put("erp.events.url", "https://erp.example.kz/hooks");
        values.put("erp.events.secret", "sandbox-events-secret");
        return values;
    }

    @Test
    void sandboxSettingsAreFineOutsideProduction() {
        assertEquals(List.of(), StartupChecks.problems(config(sandbox()), false));
    }

    @Test
    void productionWithSandboxSettingsNamesEveryKey() {
        String problems = String.join("\n", StartupChecks.problems(config(sandbox()), true));
        for (String key : List.of("monetix.secret-key", "monetix.project-id", "monetix.gate.base-url", "erp.api-keys",
                "monetix.sandbox.enabled", "erp.events.secret")) {
            assertTrue(problems.contains(key), key + " in: " + problems);
        }
    }

    @Test
    void productionWithMissingKeysNamesThem() {
        Map<String, String> values = new HashMap<>();
        values.put("routes.dir", "./routes");
        String problems = String.join("\n", StartupChecks.problems(config(values), true));
        assertTrue(problems.contains("monetix.secret-key is missing"), problems);
        assertTrue(problems.contains("erp.api-keys is missing"), problems);
    }

    static Map<String, String> real() {
        Map<String, String> values = sandbox();
        values.put("monetix.secret-key", "a-real-secret-from-the-kam");
        values.put("monetix.project-id", "48213");
        values.put("monetix.gate.base-url", "https://api.trxhost.com");
        values.put("monetix.payment-page.base-url", "https://paymentpage.trxhost.com/payment");
        values.put("erp.api-keys", "k-9f2c1e");
        values.put("monetix.sandbox.enabled", "false");
        values.put("erp.events.secret", "s-71d0a4");
        return values;
    }

    @Test
    void productionWithRealSettingsStarts() {
        assertEquals(List.of(), StartupChecks.problems(config(real()), true));
    }

    @Test
    void monetixUrlsAreHttpsOrPlainHttpToThisHostOnly() {
        for (String fine : List.of("https://api.trxhost.com", "http://127.0.0.1:3128/gate", "http://localhost:8443", "http://[::1]:9000")) {
            Map<String, String> values = real();
            values.put("monetix.gate.base-url", fine);
            assertEquals(List.of(), StartupChecks.problems(config(values), true), fine);
        }
        for (String refused : List.of("http://api.trxhost.com", "http://10.0.0.5/gate", "ftp://api.trxhost.com", "not a url",
                "http://localhost:8080/sandbox/gate")) {
            Map<String, String> values = real();
            values.put("monetix.payment-page.base-url", refused);
            assertTrue(String.join("\n", StartupChecks.problems(config(values), true)).contains("monetix.payment-page.base-url"), refused);
        }
    }

    @Test
    void aMissingRoutesFolderIsNamedWithWhereItWasLookedFor() {
        Map<String, String> values = sandbox();
        values.put("routes.dir", "./no-such-folder");
        String problems = String.join("\n", StartupChecks.problems(config(values), false));
        assertTrue(problems.contains("routes.dir './no-such-folder' is not a directory"), problems);
    }

    @Test
    void anExternalBrokerNeedsItsUrlAndAnUrlNeedsTheEmbeddedBrokerOff() {
        Map<String, String> external = sandbox();
        external.put("erp.jms.embedded", "false");
        assertTrue(String.join("\n", StartupChecks.problems(config(external), false)).contains("erp.jms.url must name the external broker"));
        external.put("erp.jms.url", "tcp://broker.example.kz:61616");
        assertEquals(List.of(), StartupChecks.problems(config(external), false));
        Map<String, String> both = sandbox();
        both.put("erp.jms.url", "tcp://broker.example.kz:61616");
        assertTrue(String.join("\n", StartupChecks.problems(config(both), false)).contains("set erp.jms.embedded=false"));
    }
}
