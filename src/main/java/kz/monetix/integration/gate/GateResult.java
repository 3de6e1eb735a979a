package kz.monetix.integration.gate;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a synchronous Gate call told us. {@code ACCEPTED} means only "request taken": the outcome comes
 * by callback. {@code UNKNOWN} (timeout, connection failure, 5xx) means the Gate may or may not have
 * acted: never resend blindly, reconcile with a status request.
 */
public record GateResult(Outcome outcome, int httpStatus, String code, String message, String requestId, JsonNode body) {

    public enum Outcome { ACCEPTED, REJECTED, UNKNOWN }

    public boolean accepted() {
        return outcome == Outcome.ACCEPTED;
    }

    public static GateResult unknown(String reason) {
        return new GateResult(Outcome.UNKNOWN, 0, null, reason, null, null);
    }

    /** Classifies a response: 2xx with {@code status: success} is accepted, 5xx unknown, any other rejected. */
    public static GateResult fromResponse(int httpStatus, JsonNode body) {
        String status = text(body, "status");
        String code = text(body, "code");
        String message = text(body, "message");
        String requestId = text(body, "request_id");
        if (httpStatus >= 500) {
            return new GateResult(Outcome.UNKNOWN, httpStatus, code, message != null ? message : "Gate HTTP " + httpStatus, requestId, body);
        }
        boolean ok = httpStatus >= 200 && httpStatus < 300 && (status == null || "success".equalsIgnoreCase(status));
        return new GateResult(ok ? Outcome.ACCEPTED : Outcome.REJECTED, httpStatus, code, message, requestId, body);
    }

    private static String text(JsonNode body, String field) {
        if (body == null) {
            return null;
        }
        JsonNode value = body.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }

    @Override
    public String toString() {
        return "GateResult[" + outcome + ", http=" + httpStatus + ", code=" + code + ", message=" + message + "]";
    }
}
