package kz.monetix.integration.payment;

import kz.monetix.integration.gate.GateCallback;

/** How a Gate callback or status answer about the sale maps to the ERP's statuses (gate-protocol.md §5.3). */
public final class SaleOutcomes {

    /** The branches of the callback route (routes/monetix-callbacks.yaml). */
    public enum Kind {
        OTP_REQUIRED, PAYMENT_FINAL, REFUND_RESULT, OTHER,
        /** Signed, for one of our payments, but not about it as we know it (amount, currency or project): changes nothing. */
        MISMATCHED,
        /** The same signed callback again (a retried delivery or a replay): applied once already. */
        DUPLICATE
    }

    private SaleOutcomes() {
    }

    public static Kind classify(GateCallback callback) {
        if (callback.isRefund()) {
            return Kind.REFUND_RESULT;
        }
        if (callback.asksForClarification()) {
            return Kind.OTP_REQUIRED;
        }
        return finalStatus(callback) != null ? Kind.PAYMENT_FINAL : Kind.OTHER;
    }

    /** The final status a sale callback reports, or null when it reports none (processing, unknown values). */
    public static PaymentStatus finalStatus(GateCallback callback) {
        if (!callback.isSale()) {
            return null;
        }
        PaymentStatus byOperation = map(callback.operationStatus());
        return byOperation != null ? byOperation : map(callback.paymentStatus());
    }

    /**
     * Every status of gate-protocol.md §5.3, final or not. Final: success; decline (also expired and cancelled: the
     * purchase ended uncharged); error (the platform failed it). Not final: processing, awaiting clarification and
     * the other awaiting states, external processing. Unknown values are not final (kept, logged, counted).
     */
    private static PaymentStatus map(String status) {
        if (status == null) {
            return null;
        }
        return switch (status) {
            case "success" -> PaymentStatus.SUCCESS;
            case "decline", "declined", "expired", "cancelled", "canceled" -> PaymentStatus.DECLINED;
            case "error", "internal error", "external error" -> PaymentStatus.FAILED;
            default -> null;
        };
    }
}
