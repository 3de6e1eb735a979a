package kz.monetix.integration.erp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import kz.monetix.integration.runtime.HttpReplies;
import org.apache.camel.Exchange;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;

/**
 * First step of every {@code /api/v1} route: API key (401), body size (413) and media type (415).
 * Sets the {@code erpRejected} property when it answered, so the route skips the rest.
 */
@ApplicationScoped
@Named("erpGuard")
public class ErpGuard {

    public static final String REJECTED = "erpRejected";
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private final List<byte[]> apiKeys;

    public ErpGuard(@ConfigProperty(name = "erp.api-keys") List<String> apiKeys) {
        this.apiKeys = apiKeys.stream().map(String::strip).filter(k -> !k.isEmpty()).map(k -> k.getBytes(StandardCharsets.UTF_8)).toList();
    }

    /** Checks a request without a body. */
    public void check(Exchange exchange) {
        exchange.setProperty(REJECTED, !authorised(exchange));
    }

    /** Checks a request that must carry a JSON body. */
    public void checkJson(Exchange exchange) {
        if (!authorised(exchange)) {
            exchange.setProperty(REJECTED, true);
            return;
        }
        byte[] body = exchange.getMessage().getBody(byte[].class);
        if (body != null && body.length > MAX_BODY_BYTES) {
            reject(exchange, 413, "Payload Too Large", "the body must not exceed " + MAX_BODY_BYTES + " bytes");
            return;
        }
        String contentType = exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, "", String.class).toLowerCase(Locale.ROOT);
        String mediaType = contentType.split(";")[0].strip();
        if (!mediaType.equals("application/json") && !(mediaType.startsWith("application/") && mediaType.endsWith("+json"))) {
            reject(exchange, 415, "Unsupported Media Type", "send the body as application/json");
            return;
        }
        exchange.setProperty(REJECTED, false);
    }

    private boolean authorised(Exchange exchange) {
        String key = exchange.getMessage().getHeader("X-Api-Key", String.class);
        byte[] presented = key == null ? new byte[0] : key.getBytes(StandardCharsets.UTF_8);
        boolean known = false;
        for (byte[] accepted : apiKeys) {
            known |= MessageDigest.isEqual(accepted, presented);
        }
        if (!known || presented.length == 0) {
            reject(exchange, 401, "Unauthorized", "a valid X-Api-Key header is required");
            return false;
        }
        return true;
    }

    private static void reject(Exchange exchange, int status, String title, String detail) {
        HttpReplies.problem(exchange, status, title, detail);
        exchange.setProperty(REJECTED, true);
    }

    @Override
    public String toString() {
        return "ErpGuard[" + apiKeys.size() + " keys]";
    }
}
