package kz.monetix.integration.payment;

import kz.monetix.integration.gate.GateCallback;

/** How a Gate callback or status answer about the sale maps to the ERP's statuses (gate-protocol.md §5.3). */
public final class SaleOutcomes {

    /** The branches of the callback route. */
    public enum Kind {
        OTP_REQUIRED("otp-required"), PAYMENT_FINAL("payment-final"), REFUND_RESULT("refund-result"), OTHER("other");

        private final String header;

        Kind(String header) {
            this.header = header;
        }

        /** The value of the {@code callbackKind} header the YAML route branches on. */
        public String header() {
            return header;
        }
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
