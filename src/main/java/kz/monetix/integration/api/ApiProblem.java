package kz.monetix.integration.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import kz.monetix.integration.json.Json;

import java.util.List;

/**
 * A request the runtime refuses, with the HTTP status it maps to. Steps throw it; the route configurations in
 * routes/error-policies.yaml turn it into an {@code application/problem+json} answer (RFC 9457). Nothing has
 * changed when it is thrown.
 */
public class ApiProblem extends RuntimeException {

    /** A field-level validation error. */
    public record FieldError(String field, String message) {
    }

    private final int status;
    private final String title;
    private final List<FieldError> errors;

    public ApiProblem(int status, String title, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public ApiProblem(int status, String title, String detail) {
        this(status, title, detail, List.of());
    }

    public static ApiProblem invalid(String title, List<FieldError> errors) {
        return new ApiProblem(400, title, errors.size() + " field(s) are invalid", errors);
    }

    public static ApiProblem notFound(String detail) {
        return new ApiProblem(404, "Not Found", detail);
    }

    public static ApiProblem conflict(String detail) {
        return new ApiProblem(409, "Conflict", detail);
    }

    public int getStatus() {
        return status;
    }

    /** The problem document. */
    public ObjectNode toJson() {
        ObjectNode problem = document(status, title, getMessage());
        if (!errors.isEmpty()) {
            ArrayNode list = problem.putArray("errors");
            errors.forEach(e -> list.addObject().put("field", e.field()).put("message", e.message()));
        }
        return problem;
    }

    /** One line naming what is wrong and every invalid field (the {@code errorReason} of a dead-lettered JMS message). */
    public String reason() {
        StringBuilder reason = new StringBuilder(title).append(": ").append(getMessage());
        errors.forEach(e -> reason.append("; ").append(e.field().isEmpty() ? "body" : e.field()).append(": ").append(e.message()));
        return reason.toString();
    }

    public byte[] toBytes() {
        return Json.bytes(toJson());
    }

    private static ObjectNode document(int status, String title, String detail) {
        ObjectNode problem = Json.MAPPER.createObjectNode();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        return problem;
    }
}
