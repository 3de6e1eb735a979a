package kz.monetix.integration.payment;

import kz.monetix.integration.gate.GateCallback;

/** How a Gate callback or status answer about the sale maps to the ERP's statuses (gate-protocol.md §5.3). */
public final class SaleOutcomes {

    /** The branches of the callback route (routes/monetix-callbacks.yaml). */
    public enum Kind {
        OTP_REQUIRED, PAYMENT_FINAL, REFUND_RESULT, OTHER,
        /** Signed, for one of our payments, but not about it as we know it (amount, currency or project): changes nothing. */
        MISMATCHED
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

    private static PaymentStatus map(String status) {
        if (status == null) {
            return null;
        }
        return switch (status) {
            case "success" -> PaymentStatus.SUCCESS;
            case "decline", "declined" -> PaymentStatus.DECLINED;
            case "error", "internal error", "external error" -> PaymentStatus.FAILED;
            default -> null;
        };
    }
}
