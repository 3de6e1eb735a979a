package kz.monetix.integration.payment;

/**
 * One row of the {@code payment} table. Immutable: changes are made with the {@code with...} copies and
 * written back by {@link PaymentStore#update}, under the row lock taken by {@link PaymentStore#lock}.
 */
public record Payment(
        String orderId, String paymentId, String channel, PaymentStatus status, long amountMinor, String currency,
        String phone, String operator, String description,
        String customerId, String customerFirstName, String customerLastName, String customerEmail, String customerIp,
        String fingerprint, SaleState saleState, String gateRequestId,
        Long otpExpiresAt, int otpResendsUsed, int otpCodesSubmitted, OtpPending otpPending,
        long refundedMinor, String lastCode, String lastMessage,
        Long dueAt, DueAction dueAction, int reconcileAttempts, long version, long createdAt, long updatedAt) {

    /** Values that come from the Gate are cut to their columns: an oversized one must not wedge the payment. */
    public Payment {
        operator = clip(operator, 16);
        gateRequestId = clip(gateRequestId, 64);
        lastCode = clip(lastCode, 16);
        lastMessage = clip(lastMessage, 255);
    }

    /** Where the purchase request stands with the Gate. */
    public enum SaleState { NEW, SENDING, ACCEPTED, UNKNOWN, REJECTED, PAYMENT_PAGE }

    /** What we asked the Gate for in the OTP step and still await an answer to. */
    public enum OtpPending { CODE, RESEND }

    /**
     * The one timer of a payment: what to do when {@code dueAt} passes. CHECK_REFUNDS asks for the status of refunds
     * whose result has not come (lost callback, unanswered or crashed request).
     */
    public enum DueAction { SEND_SALE, OTP_EXPIRY, RECONCILE, SEND_REFUNDS, CHECK_REFUNDS }

    public Payment withStatus(PaymentStatus newStatus) {
        return new Payment(orderId, paymentId, channel, newStatus, amountMinor, currency, phone, operator, description,
                customerId, customerFirstName, customerLastName, customerEmail, customerIp, fingerprint, saleState, gateRequestId,
                otpExpiresAt, otpResendsUsed, otpCodesSubmitted, otpPending, refundedMinor, lastCode, lastMessage,
                dueAt, dueAction, reconcileAttempts, version, createdAt, updatedAt);
    }

    public Payment withSale(SaleState newState, String requestId) {
        return new Payment(orderId, paymentId, channel, status, amountMinor, currency, phone, operator, description,
                customerId, customerFirstName, customerLastName, customerEmail, customerIp, fingerprint, newState,
                requestId != null ? requestId : gateRequestId, otpExpiresAt, otpResendsUsed, otpCodesSubmitted, otpPending,
                refundedMinor, lastCode, lastMessage, dueAt, dueAction, reconcileAttempts, version, createdAt, updatedAt);
    }

    public Payment withOtp(Long expiresAt, int resendsUsed, int codesSubmitted, OtpPending pending) {
        return new Payment(orderId, paymentId, channel, status, amountMinor, currency, phone, operator, description,
                customerId, customerFirstName, customerLastName, customerEmail, customerIp, fingerprint, saleState, gateRequestId,
                expiresAt, resendsUsed, codesSubmitted, pending, refundedMinor, lastCode, lastMessage,
                dueAt, dueAction, reconcileAttempts, version, createdAt, updatedAt);
    }

    public Payment withResult(String code, String message, String reportedOperator) {
        return new Payment(orderId, paymentId, channel, status, amountMinor, currency, phone,
                reportedOperator != null ? reportedOperator : operator, description,
                customerId, customerFirstName, customerLastName, customerEmail, customerIp, fingerprint, saleState, gateRequestId,
                otpExpiresAt, otpResendsUsed, otpCodesSubmitted, otpPending, refundedMinor, code, message,
                dueAt, dueAction, reconcileAttempts, version, createdAt, updatedAt);
    }

    public Payment withRefunded(PaymentStatus newStatus, long newRefundedMinor) {
        return new Payment(orderId, paymentId, channel, newStatus, amountMinor, currency, phone, operator, description,
                customerId, customerFirstName, customerLastName, customerEmail, customerIp, fingerprint, saleState, gateRequestId,
                otpExpiresAt, otpResendsUsed, otpCodesSubmitted, otpPending, newRefundedMinor, lastCode, lastMessage,
                dueAt, dueAction, reconcileAttempts, version, createdAt, updatedAt);
    }

    public Payment withDue(Long at, DueAction action, int attempts) {
        return new Payment(orderId, paymentId, channel, status, amountMinor, currency, phone, operator, description,
                customerId, customerFirstName, customerLastName, customerEmail, customerIp, fingerprint, saleState, gateRequestId,
                otpExpiresAt, otpResendsUsed, otpCodesSubmitted, otpPending, refundedMinor, lastCode, lastMessage,
                at, at == null ? null : action, attempts, version, createdAt, updatedAt);
    }

    public Payment withoutDue() {
        return withDue(null, null, reconcileAttempts);
    }

    /** The payment's timer is set for {@code action} and has passed. */
    public boolean isDue(DueAction action, long now) {
        return dueAction == action && dueAt != null && dueAt <= now;
    }

    public String phoneMasked() {
        return phone == null ? null : Phones.mask(phone);
    }

    /** {@code value} cut to {@code max} characters. */
    static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
