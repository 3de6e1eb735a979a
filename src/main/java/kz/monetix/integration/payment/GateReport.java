package kz.monetix.integration.payment;

import kz.monetix.integration.gate.GateCallback;

/**
 * What Monetix told us about one of our payments (a verified callback, or a status answer), with the branch the
 * routes take for it. {@code source} names it in the payment's history ("callback", "status request");
 * {@code fingerprint} identifies a callback's signed bytes (null for status answers), so a duplicate applies once.
 */
public record GateReport(String orderId, GateCallback callback, SaleOutcomes.Kind kind, String source, boolean needsConfirmation,
                         String fingerprint) {

    /** A status answer: no fingerprint, since asking twice and hearing the same is no duplicate. */
    public static GateReport ofStatus(String orderId, GateCallback callback, SaleOutcomes.Kind kind) {
        return new GateReport(orderId, callback, kind, "status request", false, null);
    }
}
