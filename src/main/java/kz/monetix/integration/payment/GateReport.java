package kz.monetix.integration.payment;

import kz.monetix.integration.gate.GateCallback;

/**
 * What Monetix told us about one of our payments (a verified callback, or a status answer), with the branch the
 * routes take for it. {@code source} names it in the payment's history ("callback", "status request").
 */
public record GateReport(String orderId, GateCallback callback, SaleOutcomes.Kind kind, String source, boolean needsConfirmation) {
}
