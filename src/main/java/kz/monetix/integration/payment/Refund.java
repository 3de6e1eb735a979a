package kz.monetix.integration.payment;

import java.util.Locale;

/** One row of the {@code refund} table. */
public record Refund(String orderId, String refundId, String merchantRefundId, long amountMinor, String description,
                     State state, String gateRequestId, String lastCode, String lastMessage, long createdAt, long updatedAt) {

    /** NEW: stored, not sent; SENDING: claimed for its one request; SENT: accepted, awaiting the callback. */
    public enum State {
        NEW, SENDING, SENT, SUCCESS, DECLINED;

        public boolean isFinal() {
            return this == SUCCESS || this == DECLINED;
        }

        /** What the ERP sees: processing until the result, then success or declined. */
        public String wire() {
            return isFinal() ? name().toLowerCase(Locale.ROOT) : "processing";
        }
    }

    public Refund with(State newState, String requestId, String code, String message) {
        return new Refund(orderId, refundId, merchantRefundId, amountMinor, description, newState,
                requestId != null ? requestId : gateRequestId, code != null ? code : lastCode,
                message != null ? message : lastMessage, createdAt, updatedAt);
    }
}
