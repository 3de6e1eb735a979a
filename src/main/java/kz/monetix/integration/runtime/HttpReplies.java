package kz.monetix.integration.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import kz.monetix.integration.gate.Json;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

import java.util.List;

/**
 * Writes HTTP answers of the platform-http routes: JSON bodies or {@code application/problem+json} problems.
 * Incoming headers are dropped first, so nothing of the request leaks into the response.
 */
public final class HttpReplies {

    /** A field-level validation error of a problem. */
    public record FieldError(String field, String message) {
    }

    private HttpReplies() {
    }

    /** A JSON body; error statuses (4xx, 5xx) always carry problem documents. */
    public static void json(Exchange exchange, int status, JsonNode body) {
        write(exchange, status, status >= 400 ? "application/problem+json" : "application/json", Json.bytes(body));
    }

    public static void empty(Exchange exchange, int status) {
        write(exchange, status, null, null);
    }

    public static void problem(Exchange exchange, int status, String title, String detail) {
        problem(exchange, status, title, detail, List.of());
    }

    public static void problem(Exchange exchange, int status, String title, String detail, List<FieldError> errors) {
        ObjectNode problem = problemBody(status, title, detail);
        if (!errors.isEmpty()) {
            ArrayNode list = problem.putArray("errors");
            errors.forEach(e -> list.addObject().put("field", e.field()).put("message", e.message()));
        }
        write(exchange, status, "application/problem+json", Json.bytes(problem));
    }

    /** An {@code application/problem+json} document (RFC 9457) without field errors. */
    public static ObjectNode problemBody(int status, String title, String detail) {
        ObjectNode problem = Json.MAPPER.createObjectNode();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        return problem;
    }

    private static void write(Exchange exchange, int status, String contentType, byte[] body) {
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        if (contentType != null) {
            message.setHeader(Exchange.CONTENT_TYPE, contentType);
        }
        message.setBody(body);
    }
}
