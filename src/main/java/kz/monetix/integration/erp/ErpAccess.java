package kz.monetix.integration.erp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import kz.monetix.integration.api.ApiProblem;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;

/**
 * Who may call {@code /api/v1}: applied to every REST route of the ERP API by the interceptor in
 * routes/error-policies.yaml, so a new route cannot skip it. API key (401), then a body that must be JSON of at
 * most 64 KiB (415, 413).
 */
@ApplicationScoped
@Named("erpAccess")
public class ErpAccess {

    public static final int MAX_BODY_BYTES = 64 * 1024;

    private final List<byte[]> apiKeys;

    public ErpAccess(@ConfigProperty(name = "erp.api-keys") List<String> apiKeys) {
        this.apiKeys = apiKeys.stream().map(String::strip).filter(k -> !k.isEmpty()).map(k -> k.getBytes(StandardCharsets.UTF_8)).toList();
    }

    public void check(String apiKey, String contentType, byte[] body) {
        byte[] presented = apiKey == null ? new byte[0] : apiKey.getBytes(StandardCharsets.UTF_8);
        boolean known = false;
        for (byte[] accepted : apiKeys) {
            known |= MessageDigest.isEqual(accepted, presented);
        }
        if (!known || presented.length == 0) {
            throw new ApiProblem(401, "Unauthorized", "a valid X-Api-Key header is required");
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
