package kz.monetix.integration.api;

import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Locale;

/**
 * Turns away form and multipart bodies on the public paths before the HTTP layer decodes them: that decoder fails (and
 * logs the raw body, which may hold a phone number or an OTP code) on malformed input, and no endpoint of ours takes
 * forms. Everything else goes on to the routes, whose policies answer as problem+json.
 */
@ApplicationScoped
public class MediaTypeGuard {

    private static final String REFUSED = "{\"type\":\"about:blank\",\"title\":\"Unsupported Media Type\",\"status\":415,"
            + "\"detail\":\"send the body as application/json\"}";

    void register(@Observes Filters filters) {
        filters.register(context -> {
            String type = context.request().getHeader("Content-Type");
            String lower = type == null ? "" : type.toLowerCase(Locale.ROOT).strip();
            boolean form = lower.startsWith("application/x-www-form-urlencoded") || lower.startsWith("multipart/");
            if (form && hasBody(context.request().getHeader("Content-Length"), context.request().getHeader("Transfer-Encoding"))) {
                context.response().setStatusCode(415).putHeader("Content-Type", "application/problem+json").end(REFUSED);
            } else {
                context.next();
            }
        }, 1000);
    }

    /** Clients label bodiless POSTs as forms too (query parameters only): those go on. */
    static boolean hasBody(String contentLength, String transferEncoding) {
        return transferEncoding != null || (contentLength != null && !contentLength.strip().equals("0"));
    }
}
