package kz.monetix.integration.gate;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A tolerant view of a callback or status response (gate-protocol.md §5.1, §6): every field may be
 * missing, codes may be strings or numbers. For status responses the latest operation is used.
 */
public record GateCallback(String paymentId, String paymentStatus, String operationType, String operationStatus,
                           String operationId, String requestId, String code, String message, String operator,
                           Long paymentSumMinor, Long operationAmountMinor, String currency, Long projectId,
                           String merchantRefundId) {

    public static GateCallback of(JsonNode root) {
        JsonNode operation = root.path("operation");
        return of(root, operation.isMissingNode() ? latestOperation(root.path("operations")) : operation);
    }

    /** The refund (and reversal) operations a status response lists, each seen with the payment around it. */
    public static List<GateCallback> refundOperations(JsonNode root) {
        List<GateCallback> refunds = new ArrayList<>();
        for (JsonNode operation : root.path("operations")) {
            GateCallback view = of(root, operation);
            if (view.isRefund()) {
                refunds.add(view);
            }
        }
        return refunds;
    }

    private static GateCallback of(JsonNode root, JsonNode operation) {
        JsonNode payment = root.path("payment");
        return new GateCallback(
                text(payment.path("id")),
                lower(text(payment.path("status"))),
                lower(text(operation.path("type"))),
                lower(text(operation.path("status"))),
                text(operation.path("id")),
                text(operation.path("request_id")),
                text(operation.path("code")),
                text(operation.path("message")),
                text(root.path("account").path("type")),
                number(payment.path("sum").path("amount")),
                number(operation.path("sum_initial").path("amount")),
                text(payment.path("sum").path("currency")),
                number(root.path("project_id")),
                text(operation.path("merchant_refund_id")));
    }

    /** In a status response: the latest sale operation if there is one (refunds come after it), else the latest. */
    private static JsonNode latestOperation(JsonNode operations) {
        if (!operations.isArray() || operations.isEmpty()) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        for (int i = operations.size() - 1; i >= 0; i--) {
            if ("sale".equalsIgnoreCase(operations.get(i).path("type").asText())) {
                return operations.get(i);
            }
        }
        return operations.get(operations.size() - 1);
    }

    /** The operation is the purchase itself (as opposed to a refund or reversal). */
    public boolean isSale() {
        return operationType == null || "sale".equals(operationType);
    }

    public boolean isRefund() {
        return "refund".equals(operationType) || "reversal".equals(operationType);
    }

    /** Either status says an OTP is needed ("awaiting clarification"), or the code says so (3191). */
    public boolean asksForClarification() {
        return "awaiting clarification".equals(paymentStatus) || "awaiting clarification".equals(operationStatus)
                || GateCodes.meaning(code) == GateCodes.Meaning.NEED_CLARIFICATION;
    }

    private static String text(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() || node.isContainerNode() ? null : node.asText();
    }

    private static String lower(String value) {
        return value == null ? null : value.strip().toLowerCase(Locale.ROOT);
    }

    private static Long number(JsonNode node) {
        if (node.isIntegralNumber()) {
            return node.longValue();
        }
        if (node.isTextual() && node.textValue().matches("[0-9]{1,18}")) {
            return Long.parseLong(node.textValue());
        }
        return null;
    }
}
