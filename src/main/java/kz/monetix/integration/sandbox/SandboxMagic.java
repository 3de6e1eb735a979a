package kz.monetix.integration.sandbox;

/**
 * The documented magic values that force each branch in the simulator (README, "Sandbox magic values").
 * Phone numbers steer the customer and operator side, amounts the Gate's own behaviour.
 */
public final class SandboxMagic {

    /** Amounts in minor units (KZT tiyn). */
    public static final long GATE_5XX = 50001;
    public static final long GATE_TIMEOUT = 50002;
    public static final long DUPLICATE_CALLBACKS = 50003;
    public static final long OUT_OF_ORDER_CALLBACKS = 50004;
    public static final long BAD_SIGNATURE_FIRST = 50005;
    public static final long MISLEADING_STATUS_AFTER_RESEND = 50006;
    public static final long REFUND_DECLINED = 50007;
    public static final long SALE_REJECTED = 50008;
    public static final long PROMPT_LOST_AFTER_RESEND = 50009;
    /** The final result is never called back, and status answers carry no signature. */
    public static final long UNSIGNED_STATUS_FINAL_LOST = 50010;
    /** The sale is registered, but a proxy in between answers HTTP 429 without a JSON body. */
    public static final long PROXY_429 = 50011;
    /** A refund is registered and made, but its answer times out and its callback never comes. */
    public static final long REFUND_ANSWER_AND_CALLBACK_LOST = 50012;
    /** When the code arrives, the OTP prompt that asked for it is delivered again first (a replayed callback). */
    public static final long REPLAYED_PROMPT = 50013;

    /** A phone ending in these digits never receives a code. */
    public static final String SILENT_OPERATOR_SUFFIX = "99999";

    private SandboxMagic() {
    }

    /**
     * A phone whose last five digits are a decline code (20000-20999) is declined with that code once the
     * right OTP is submitted, e.g. {@code 77011120105} declines with 20105 (insufficient funds).
     */
    public static String declineCode(String phone) {
        if (phone == null || phone.length() < 5) {
            return null;
        }
        String last5 = phone.substring(phone.length() - 5);
        return last5.matches("20[0-9]{3}") ? last5 : null;
    }

    public static boolean silentOperator(String phone) {
        return phone != null && phone.endsWith(SILENT_OPERATOR_SUFFIX);
    }

    /** The operator a Kazakhstan number belongs to, by its prefix (what {@code account.type} reports). */
    public static String operatorOf(String phone) {
        String prefix = phone != null && phone.length() >= 4 ? phone.substring(1, 4) : "";
        return switch (prefix) {
            case "700", "708" -> "ALTEL";
            case "701", "702", "775", "778" -> "KCELL";
            case "705", "771", "776", "777" -> "BEELINE";
            case "707", "747" -> "TELE2";
            default -> "ACTIV";
        };
    }
}
