package kz.monetix.integration.payment;

import java.util.Locale;

/** One row of the {@code refund} table. */
public record Refund(String orderId, String refundId, String merchantRefundId, long amountMinor, String description,
                     State state, String gateRequestId, String lastCode, String lastMessage, long createdAt, long updatedAt,
                     Origin origin) {

    /** Values that come from the Gate are cut to their columns (see {@link Payment}). */
    public Refund {
        gateRequestId = Payment.clip(gateRequestId, 64);
        lastCode = Payment.clip(lastCode, 16);
        lastMessage = Payment.clip(lastMessage, 255);
    }

    /**
     * NEW: stored, not sent; SENDING: claimed for its one request; SENT: accepted, awaiting the result; UNKNOWN: the
     * request got no usable answer, so only a status request can tell whether Monetix has it.
     */
    public enum State {
        NEW, SENDING, SENT, UNKNOWN, SUCCESS, DECLINED;

        public boolean isFinal() {
            return this == SUCCESS || this == DECLINED;
        }

        /** Sent (or possibly sent) and not settled yet: a status request settles it if no callback does. */
        public boolean awaitsResult() {
            return this == SENDING || this == SENT || this == UNKNOWN;
        }

        /** What the ERP sees: processing until the result, then success or declined. */
        public String wire() {
            return isFinal() ? name().toLowerCase(Locale.ROOT) : "processing";
        }
    }

    /** Who started the refund: the ERP through this runtime, or somebody at Monetix (the Dashboard). */
    public enum Origin {
        ERP, MONETIX;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Refund with(State newState, String requestId, String code, String message) {
        return new Refund(orderId, refundId, merchantRefundId, amountMinor, description, newState,
                requestId != null ? requestId : gateRequestId, code != null ? code : lastCode,
                message != null ? message : lastMessage, createdAt, updatedAt, origin);
    }
}
