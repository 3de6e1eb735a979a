package kz.monetix.integration.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** A test profile whose runtime starts on an edited copy of routes/ (as the integration team would change it). */
public abstract class EditedRoutes implements QuarkusTestProfile {

    private Map<String, String> overrides;

    /** Edits the copy; returns further settings, if any. */
    protected abstract Map<String, String> edit(Path routes) throws IOException;

    @Override
    public Map<String, String> getConfigOverrides() {
        if (overrides == null) { // Quarkus asks a profile for its overrides more than once
            try {
                Path routes = PackagedJar.copyOfRoutes(Path.of("target/edited-routes"));
                Map<String, String> settings = new HashMap<>(edit(routes));
                settings.put("routes.dir", routes.toString());
                overrides = settings;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return overrides;
    }
}
