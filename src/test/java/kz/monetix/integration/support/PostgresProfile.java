package kz.monetix.integration.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** Runs a test class against the machine's PostgreSQL (127.0.0.1:5432, database test), chosen by db.url only. */
public class PostgresProfile implements QuarkusTestProfile {

    public static final String URL = System.getProperty("test.postgresql.url", "jdbc:postgresql://127.0.0.1:5432/test");

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("db.url", URL, "db.username", System.getProperty("test.postgresql.user", "postgres"));
    }
}
