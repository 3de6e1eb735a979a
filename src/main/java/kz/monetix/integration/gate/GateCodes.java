package kz.monetix.integration.gate;

import java.util.Map;
import java.util.Set;

/** The platform codes worth mapping (gate-protocol.md §8) and what each means for a payment. */
public final class GateCodes {

    /** The Gate does not know the payment (status request). */
    public static final String NOT_FOUND = "3061";
    /** The refund's merchant_refund_id was used before: the Gate has that refund already. */
    public static final String DUPLICATE_REFUND_ID = "3230";

    /** What a code tells us to do with the payment. */
    public enum Meaning { SUCCESS, NEED_CLARIFICATION, PENDING, DECLINED, FAILED, RECONCILE, REFUND_REJECTED, UNKNOWN }

    private static final Set<String> PENDING = Set.of("9999", "19999", "29999", "20802", "20899");
    private static final Set<String> RECONCILE = Set.of("3041", "3061", "501", "601", "602");
    private static final Set<String> FAILED = Set.of("20701", "20702", "2003", "2004", "502", "702", "2442", "3024",
            "3261", "3262", "310", "314", "3023", "3060");
    private static final Set<String> REFUND_REJECTED = Set.of("3283", "3284", "3286", "3287", "3610", "3230", "20706");
    private static final Map<String, Meaning> EXACT = Map.of("0", Meaning.SUCCESS, "3191", Meaning.NEED_CLARIFICATION);

    private GateCodes() {
    }

    public static Meaning meaning(String code) {
        if (code == null || code.isBlank()) {
            return Meaning.UNKNOWN;
        }
        String c = code.strip();
        if (EXACT.containsKey(c)) {
            return EXACT.get(c);
        }
        if (PENDING.contains(c)) {
            return Meaning.PENDING;
        }
        if (RECONCILE.contains(c)) {
            return Meaning.RECONCILE;
        }
        if (REFUND_REJECTED.contains(c)) {
            return Meaning.REFUND_REJECTED;
        }
        if (FAILED.contains(c)) {
            return Meaning.FAILED;
        }
        if (c.matches("20[0-9]{3}") || c.equals("402") || c.matches("14[0-9]{2}")) {
            return Meaning.DECLINED;
        }
        return Meaning.UNKNOWN;
    }
}
