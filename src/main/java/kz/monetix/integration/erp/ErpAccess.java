package kz.monetix.integration.erp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import kz.monetix.integration.api.ApiProblem;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Who may call {@code /api/v1}: applied to every REST route of the ERP API by the interceptor in
 * routes/error-policies.yaml, so a new route cannot skip it. The API key comes from the {@code X-Api-Key} header only
 * (401; a key in the URL is refused, since URLs end up in proxy logs), must hold the scope of the path (403), and a
 * body must be JSON of at most 64 KiB (415, 413).
 */
@ApplicationScoped
@Named("erpAccess")
public class ErpAccess {

    public static final int MAX_BODY_BYTES = 64 * 1024;

    /** What a key may do; a key listed without scopes may do everything. */
    public enum Scope {
        PAYMENTS, REFUNDS, EVENTS_ADMIN;

        String wire() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        static Scope of(String wire) {
            for (Scope scope : values()) {
                if (scope.wire().equals(wire)) {
                    return scope;
                }
            }
            return null;
        }

        /** The scope a path of the ERP API needs. */
        static Scope neededFor(String path) {
            if (path.startsWith("/api/v1/events")) {
                return EVENTS_ADMIN;
            }
            return path.matches("/api/v1/payments/[^/]+/refunds/?") ? REFUNDS : PAYMENTS;
        }
    }

    private record ApiKey(byte[] key, Set<Scope> scopes) {
    }

    private final List<ApiKey> apiKeys;

    /** Without {@code erp.api-keys} no key is accepted (and outside dev/test the runtime refuses to start). */
    public ErpAccess(@ConfigProperty(name = "erp.api-keys") Optional<List<String>> entries) {
        this.apiKeys = parse(entries.orElse(List.of()));
    }

    /**
     * {@code erp.api-keys}: comma-separated entries {@code key} or {@code key:scope}; since the list itself is split on
     * commas, a bare scope name continues the scopes of the key before it ({@code k1:payments,refunds,k2}).
     */
    static List<ApiKey> parse(List<String> entries) {
        List<ApiKey> keys = new ArrayList<>();
        for (String raw : entries) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            Scope continued = Scope.of(entry);
            if (continued != null) {
                if (keys.isEmpty()) {
                    throw new IllegalArgumentException("erp.api-keys: a scope comes before any key");
                }
                keys.get(keys.size() - 1).scopes().add(continued);
                continue;
            }
            int colon = entry.indexOf(':');
            String key = colon < 0 ? entry : entry.substring(0, colon);
            Set<Scope> scopes = colon < 0 ? EnumSet.allOf(Scope.class) : EnumSet.noneOf(Scope.class);
            if (colon >= 0) {
                Scope scope = Scope.of(entry.substring(colon + 1).strip());
                if (scope == null) {
                    throw new IllegalArgumentException("erp.api-keys: unknown scope after a key (payments, refunds, events-admin)");
                }
                scopes.add(scope);
            }
            keys.add(new ApiKey(key.getBytes(StandardCharsets.UTF_8), scopes));
        }
        return keys;
    }

    /** {@code uri}: the request's path, with or without its query. */
    public void check(String apiKey, String query, String uri, String contentType, byte[] body) {
        if (query != null && query.toLowerCase(Locale.ROOT).matches("(.*&)?x-api-key=.*")) {
            throw new ApiProblem(401, "Unauthorized", "send the API key in the X-Api-Key header, never in the URL");
        }
        byte[] presented = apiKey == null ? new byte[0] : apiKey.getBytes(StandardCharsets.UTF_8);
        ApiKey known = null;
        for (ApiKey accepted : apiKeys) {
            if (MessageDigest.isEqual(accepted.key(), presented)) {
                known = accepted;
            }
        }
        if (known == null || presented.length == 0) {
            throw new ApiProblem(401, "Unauthorized", "a valid X-Api-Key header is required");
        }
        String path = uri == null ? "" : uri.split("\\?", 2)[0];
        Scope needed = Scope.neededFor(path);
        if (!known.scopes().contains(needed)) {
            throw new ApiProblem(403, "Forbidden", "this API key lacks the scope '" + needed.wire() + "'");
        }
        if (body == null || body.length == 0) {
            return;
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new ApiProblem(413, "Payload Too Large", "the body must not exceed " + MAX_BODY_BYTES + " bytes");
        }
        String mediaType = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT).split(";")[0].strip();
        if (!mediaType.equals("application/json") && !(mediaType.startsWith("application/") && mediaType.endsWith("+json"))) {
            throw new ApiProblem(415, "Unsupported Media Type", "send the body as application/json");
        }
    }

    @Override
    public String toString() {
        return "ErpAccess[" + apiKeys.size() + " keys]";
    }
}
