package kz.monetix.integration.gate;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a synchronous Gate call told us. {@code ACCEPTED} means only "request taken" (or, for a status request, "here
 * is the payment"): the outcome comes by callback. {@code UNKNOWN} (no answer, 5xx, an answer we cannot read, a 4xx
 * without a code we know, such as a proxy's 408 or 429) means the Gate may or may not have acted: never resend
 * blindly, reconcile with a status request. {@code signed}: the answer carried a signature that verifies.
 */
public record GateResult(Outcome outcome, int httpStatus, String code, String message, String requestId, JsonNode body,
                         boolean signed) {

    public enum Outcome { ACCEPTED, REJECTED, UNKNOWN }

    public boolean accepted() {
        return outcome == Outcome.ACCEPTED;
    }

    /** An answer that may set a final state: accepted, with a body, and signed by the Gate. */
    public boolean trustworthy() {
        return accepted() && body != null && signed;
    }

    public static GateResult unknown(String reason) {
        return new GateResult(Outcome.UNKNOWN, 0, null, reason, null, null, false);
    }

    /**
     * Classifies an answer to a request on {@code path}. Accepted: 2xx with {@code status: success}; for a status
     * request a 2xx carrying the {@code payment}; for the operator list any 2xx JSON. Rejected: {@code status} other
     * than success, or a 4xx with a code of the platform's table. Everything else is unknown.
     */
    public static GateResult fromResponse(String path, int httpStatus, JsonNode body, boolean signed) {
        String status = text(body, "status");
        String code = text(body, "code");
        String message = text(body, "message");
        String requestId = text(body, "request_id");
        Outcome outcome;
        if (httpStatus >= 200 && httpStatus < 300) {
            if (status != null) {
                outcome = "success".equalsIgnoreCase(status) ? Outcome.ACCEPTED : Outcome.REJECTED;
            } else if (GatePaths.STATUS.equals(path) && body != null && body.path("payment").isObject()
                    || GatePaths.OPERATORS.equals(path) && body != null) {
                outcome = Outcome.ACCEPTED;
            } else {
                outcome = Outcome.UNKNOWN;
                message = body == null ? "HTTP " + httpStatus + " without a JSON answer" : "HTTP " + httpStatus + " without a status";
            }
        } else if (httpStatus >= 500 || GateCodes.meaning(code) == GateCodes.Meaning.UNKNOWN) {
            outcome = Outcome.UNKNOWN;
            message = message != null ? message : "Gate HTTP " + httpStatus;
        } else {
            outcome = Outcome.REJECTED;
        }
        return new GateResult(outcome, httpStatus, code, message, requestId, body, signed);
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
