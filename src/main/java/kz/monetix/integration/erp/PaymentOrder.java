package kz.monetix.integration.erp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A validated ERP payment order (erp-contract.md, {@code POST /api/v1/payments}), amounts in minor units. */
public record PaymentOrder(String orderId, long amountMinor, String currency, String phone, String operator,
                           String description, String channel, String customerId, String firstName, String lastName,
                           String email, String ipAddress) {

    public static final String GATE = "gate";
    public static final String PAYMENT_PAGE = "payment_page";

    /** Identifies the content: the same orderId with another fingerprint is a conflict (409), not a replay. */
    public String fingerprint() {
        String canonical = String.join("\u001f", orderId, Long.toString(amountMinor), currency, String.valueOf(phone),
                String.valueOf(operator), String.valueOf(description), channel, String.valueOf(customerId), String.valueOf(firstName),
                String.valueOf(lastName), String.valueOf(email), String.valueOf(ipAddress));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
