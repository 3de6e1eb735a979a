package kz.monetix.integration.runtime;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.http.base.HttpOperationFailedException;

/**
 * Shared error policies, referenced by id from the Java and YAML routes, so no route repeats its own.
 * Message bodies are never logged: they carry phone numbers and OTP codes.
 */
public class ErrorPolicies extends RouteConfigurationBuilder {

    /** Exchange property set when an outbound HTTP call failed without an HTTP answer. */
    public static final String TRANSPORT_ERROR = "transportError";

    /** What went wrong, for logs and event records: an HTTP status, or the kind of transport failure (never a URL). */
    static String describe(Exception cause) {
        if (cause instanceof HttpOperationFailedException failed) {
            return "HTTP " + failed.getStatusCode();
        }
        String message = cause.getMessage() == null ? "" : cause.getMessage().replaceAll("https?://\\S+", "<url>");
        return cause.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }

    @Override
    public void configuration() {
        // A failed outbound call (Gate or ERP) is an outcome for the caller to handle, not a route failure.
        routeConfiguration("outbound-http")
                .onException(Exception.class).handled(true)
                .process(exchange -> exchange.setProperty(TRANSPORT_ERROR,
                        describe(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class))));

        // Anything unexpected behind an HTTP endpoint: a problem+json 503 (retryable) without internals, logged by route id.
        routeConfiguration("http-endpoint")
                .onException(Exception.class).handled(true)
                .log(org.apache.camel.LoggingLevel.ERROR, "route ${routeId} failed: ${exception.class.simpleName}: ${exception.message}")
                .removeHeaders("*")
                .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(503))
                .setHeader(Exchange.CONTENT_TYPE, constant("application/problem+json"))
                .setBody(constant("{\"title\":\"Service unavailable\",\"status\":503,\"detail\":\"The request could not be processed; it can be retried.\"}"));
    }
}
