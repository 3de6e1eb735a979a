package kz.monetix.integration.payment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import kz.monetix.integration.gate.GateCallback;
import kz.monetix.integration.gate.GateCodes;
import kz.monetix.integration.gate.GatePaths;
import kz.monetix.integration.gate.GateResult;
import kz.monetix.integration.gate.MonetixConfig;

/**
 * The steps of the {@code send-sale} route (routes/purchase.yaml). The order is claimed (NEW to SENDING) and
 * committed before the request leaves, so neither a crash nor a second instance can send it again; an unknown
 * outcome is settled by status requests (the RECONCILE timer), never by sending again.
 */
@ApplicationScoped
@Named("saleSubmission")
public class SaleSubmission {

    private final PaymentLedger ledger;
    private final PaymentResults results;
    private final GateFacts facts;
    private final MonetixConfig config;

    public SaleSubmission(PaymentLedger ledger, PaymentResults results, GateFacts facts, MonetixConfig config) {
        this.ledger = ledger;
        this.results = results;
        this.facts = facts;
        this.config = config;
    }

    /** Claims the order for its one purchase request: the input of the sale mapping, or null when it is not ours to send. */
    public ObjectNode claim(String orderId) {
        Payment claimed = ledger.change(orderId, change -> {
            Payment p = change.payment();
            if (p.saleState() != Payment.SaleState.NEW || !p.isDue(Payment.DueAction.SEND_SALE, change.now())) {
                return null;
            }
            // If we die before recording the answer, the RECONCILE timer asks the Gate instead of resending.
            change.set(p.withSale(Payment.SaleState.SENDING, null)
                    .withDue(change.now() + config.reconcile().afterUnknown().toMillis(), Payment.DueAction.RECONCILE, 0));
            change.note("request", "purchase sent to Monetix " + GatePaths.SALE);
            return change.payment();
        }).orElse(null);
        return claimed == null ? null : facts.sale(claimed);
    }

    /** The Gate took the request: the result comes by callback (or by status request if none comes). */
    public void accepted(String orderId, GateResult result) {
        ledger.change(orderId, change -> {
            Payment p = change.payment();
            change.note("response", "purchase accepted, request " + result.requestId());
            Payment accepted = p.withSale(Payment.SaleState.ACCEPTED, result.requestId());
            if (p.status() == PaymentStatus.PROCESSING && p.dueAction() == Payment.DueAction.RECONCILE) {
                accepted = accepted.withDue(change.now() + config.reconcile().firstAfter().toMillis(), Payment.DueAction.RECONCILE, 0);
            }
            change.set(accepted);
            return null;
        });
    }

    /** No answer we can rely on: the RECONCILE timer set by the claim asks the Gate. */
    public void unknown(String orderId, GateResult result) {
        ledger.change(orderId, change -> {
            Payment p = change.payment();
            change.note("response", "purchase outcome unknown (" + result.message() + "); will ask the Gate for the status");
            if (p.saleState() == Payment.SaleState.SENDING) {
                change.set(p.withSale(Payment.SaleState.UNKNOWN, null));
            }
            return null;
        });
    }

    /** The Gate refused the request: declined, failed, or (for codes that say so) still to be reconciled. */
    public void rejected(String orderId, GateResult result) {
        ledger.change(orderId, change -> {
            Payment p = change.payment();
            change.note("response", "purchase rejected: code " + result.code() + " " + result.message());
            GateCodes.Meaning meaning = GateCodes.meaning(result.code());
            if (meaning == GateCodes.Meaning.RECONCILE) {
                change.set(p.withSale(Payment.SaleState.UNKNOWN, null));
            } else if (p.status() == PaymentStatus.PROCESSING) {
                if (meaning == GateCodes.Meaning.DECLINED) {
                    results.applyFinal(change, PaymentStatus.DECLINED, rejection(result), "purchase response");
                } else {
                    results.fail(change, result.code(), result.message(), "purchase rejected by Monetix, code " + result.code());
                }
                change.set(change.payment().withSale(Payment.SaleState.REJECTED, null));
            }
            return null;
        });
    }

    /** A synchronous decline in the shape of a callback, for {@link PaymentResults#applyFinal}. */
    private static GateCallback rejection(GateResult result) {
        return new GateCallback(null, null, "sale", null, null, result.requestId(),
                result.code(), result.message(), null, null, null, null, null, null);
    }
}
