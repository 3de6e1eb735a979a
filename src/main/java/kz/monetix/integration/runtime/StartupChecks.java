package kz.monetix.integration.runtime;

import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.camel.quarkus.main.events.BeforeConfigure;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Refuses to start on a configuration that would fail later or handle real money with sandbox settings: every
 * profile but {@code dev} and {@code test} is real (fail closed: a {@code staging} profile is no sandbox). Runs
 * before Camel loads the routes; settings the configuration mappings require are named by Quarkus even earlier.
 */
@ApplicationScoped
public class StartupChecks {

    private static final Logger LOG = Logger.getLogger(StartupChecks.class);

    /** The ERP API key shipped in config/application.properties for development. */
    static final String DEV_API_KEY = "sandbox-erp-key";

    /** Values shipped for the sandbox; none of them may reach a real deployment. */
    static final List<String> SANDBOX_MARKERS = List.of("sandbox");

    /** Monetix addresses: https, or plain http to this host only (a local egress proxy or sidecar). */
    static final List<String> MONETIX_URLS = List.of("monetix.gate.base-url", "monetix.payment-page.base-url");

    void beforeRoutes(@Observes BeforeConfigure event, Config config) {
        boolean real = !ConfigUtils.isProfileActive("dev") && !ConfigUtils.isProfileActive("test");
        List<String> problems = problems(config, real);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start: " + String.join("; ", problems));
        }
        if (real && !DatabaseSelection.isPostgresql(config.getOptionalValue("db.url", String.class).orElse(null))) {
            LOG.warn("the store is the embedded H2 database under data.dir: one instance only, and a crash of the machine (not"
                    + " of the process) can lose the last commits; set db.url to PostgreSQL for real money (README, Production)");
        }
        // The shipped development key is public (README); saying it at start is the contract's "printed at start".
        config.getOptionalValues("erp.api-keys", String.class).orElse(List.of()).stream()
                .filter(DEV_API_KEY::equals)
                .findFirst()
                .ifPresent(key -> LOG.infof("ERP API: the development key '%s' is accepted (set erp.api-keys for your own)", key));
    }

    static List<String> problems(Config config, boolean production) {
        List<String> problems = new ArrayList<>();
        String routesDir = config.getOptionalValue("routes.dir", String.class).orElse("");
        if (!Files.isDirectory(Path.of(routesDir))) {
            problems.add("routes.dir '" + routesDir + "' is not a directory (resolved against " + Path.of("").toAbsolutePath()
                    + "); set routes.dir to the folder holding the YAML routes");
        }
        boolean embeddedBroker = config.getOptionalValue("erp.jms.embedded", Boolean.class).orElse(true);
        String brokerUrl = config.getOptionalValue("erp.jms.url", String.class).orElse("vm://0");
        if (!embeddedBroker && brokerUrl.startsWith("vm:")) {
            problems.add("erp.jms.url must name the external broker (e.g. tcp://broker:61616) when erp.jms.embedded=false");
        }
        if (embeddedBroker && !brokerUrl.startsWith("vm:")) {
            problems.add("erp.jms.url is for an external broker: set erp.jms.embedded=false to use it");
        }
        if (production) {
            requireReal(config, "monetix.secret-key", problems);
            requireReal(config, "monetix.project-id", problems);
            requireReal(config, "erp.api-keys", problems);
            for (String key : MONETIX_URLS) {
                requireReal(config, key, problems);
                config.getOptionalValue(key, String.class).filter(url -> !secureOrLoopback(url))
                        .ifPresent(url -> problems.add(key + " must be https, or http to a loopback address (a local proxy)"));
            }
            if (config.getOptionalValue("monetix.sandbox.enabled", Boolean.class).orElse(false)) {
                problems.add("monetix.sandbox.enabled must be false outside the dev and test profiles");
            }
            Optional<String> eventsUrl = config.getOptionalValue("erp.events.url", String.class);
            if (eventsUrl.isPresent() && config.getOptionalValue("erp.events.secret", String.class).map(StartupChecks::isSandbox).orElse(true)) {
                problems.add("erp.events.secret is missing or still the sandbox value (required when erp.events.url is set)");
            }
        }
        return problems;
    }

    private static void requireReal(Config config, String key, List<String> problems) {
        Optional<String> value = config.getOptionalValue(key, String.class);
        if (value.isEmpty() || value.get().isBlank() || ("monetix.project-id".equals(key) && "0".equals(value.get()))) {
            problems.add(key + " is missing");
        } else if (isSandbox(value.get()) || ("monetix.project-id".equals(key) && "1234".equals(value.get()))) {
            problems.add(key + " is still the sandbox value");
        }
    }

    static boolean secureOrLoopback(String url) {
        try {
            URI uri = new URI(url);
            String host = uri.getHost();
            if (host == null) {
                return false;
            }
            if ("https".equalsIgnoreCase(uri.getScheme())) {
                return true;
            }
            // only "localhost" or an address literal counts: a name could resolve elsewhere later (and none is looked up)
            boolean literal = host.matches("[0-9.]+") || host.startsWith("[");
            return "http".equalsIgnoreCase(uri.getScheme())
                    && (host.equalsIgnoreCase("localhost") || (literal && InetAddress.getByName(host).isLoopbackAddress()));
        } catch (URISyntaxException | UnknownHostException e) {
            return false;
        }
    }

    private static boolean isSandbox(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        return SANDBOX_MARKERS.stream().anyMatch(lower::contains);
    }
}
