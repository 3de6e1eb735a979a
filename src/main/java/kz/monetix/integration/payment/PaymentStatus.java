package kz.monetix.integration.payment;

import java.util.Locale;

/** The statuses the ERP sees (erp-contract.md). Final ones never go back; only refunds move on from success. */
public enum PaymentStatus {
    PROCESSING, AWAITING_OTP, SUCCESS, DECLINED, FAILED, REFUNDED, PARTIALLY_REFUNDED;

    /** The contract spelling: {@code awaiting_otp}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PaymentStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** No callback, timer or request can move a payment out of a final status (refunds aside). */
    public boolean isFinal() {
        return this != PROCESSING && this != AWAITING_OTP;
    }
}
