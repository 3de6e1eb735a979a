package kz.monetix.integration.runtime;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.List;
import java.util.Map;

/**
 * Chooses the store at run time from {@code db.url}: a {@code jdbc:postgresql:} URL activates the
 * PostgreSQL datasource, anything else (or nothing) the embedded H2 one. Both are built into the jar,
 * because the datasource kind is fixed at build time in Quarkus.
 */
public class DatabaseSelection implements ConfigSourceFactory {

    public static final String H2 = "h2";
    public static final String POSTGRESQL = "postgresql";

    public static boolean isPostgresql(String url) {
        return url != null && url.startsWith("jdbc:postgresql:");
    }

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue url = context.getValue("db.url");
        boolean postgresql = isPostgresql(url == null ? null : url.getValue());
        return List.of(new PropertiesConfigSource(Map.of(
                "quarkus.datasource." + H2 + ".active", Boolean.toString(!postgresql),
                "quarkus.datasource." + POSTGRESQL + ".active", Boolean.toString(postgresql)),
                "database-selection", 275));
    }
}
