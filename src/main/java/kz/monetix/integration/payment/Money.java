package kz.monetix.integration.payment;

import java.math.BigDecimal;
import java.util.Currency;

/**
 * Amounts in ISO-4217 minor units. Major-unit decimals come in as text or {@link BigDecimal}, never as a
 * binary floating-point number, and are rejected when they carry more decimals than the currency has.
 */
public final class Money {

    /** Upper bound for one amount, in minor units: far above any mobile payment, far below overflow. */
    public static final long MAX_MINOR = 1_000_000_000_000L;

    private Money() {
    }

    /** Minor-unit digits of a currency (KZT: 2). */
    public static int minorDigits(String currency) {
        return Currency.getInstance(currency).getDefaultFractionDigits();
    }

    /**
     * Converts a major-unit amount to minor units.
     *
     * @throws IllegalArgumentException with a message fit for an API error when the amount is not
     *         positive, has too many decimals or is out of range
     */
    public static long toMinor(BigDecimal major, String currency) {
        int digits = minorDigits(currency);
        if (major.signum() <= 0) {
            throw new IllegalArgumentException("must be greater than 0");
        }
        if (major.stripTrailingZeros().scale() > digits) {
            throw new IllegalArgumentException("at most " + digits + " decimal places for " + currency);
        }
        BigDecimal minor = major.movePointRight(digits);
        if (minor.compareTo(BigDecimal.valueOf(MAX_MINOR)) > 0) {
            throw new IllegalArgumentException("too large");
        }
        return minor.longValueExact();
    }

    /** Parses the text of an amount (digits, optional fraction) without ever passing through a double. */
    public static BigDecimal parseMajor(String text) {
        if (text == null || !text.strip().matches("[0-9]{1,20}(\\.[0-9]{1,20})?")) {
            throw new IllegalArgumentException("must be a decimal number such as 1000.00");
        }
        return new BigDecimal(text.strip());
    }

    /** Minor units back to the major-unit text used in the ERP contract ("1000.00"). */
    public static String toMajorText(long minor, String currency) {
        return BigDecimal.valueOf(minor, minorDigits(currency)).toPlainString();
    }
}
