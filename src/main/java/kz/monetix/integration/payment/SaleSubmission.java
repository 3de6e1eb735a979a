package kz.monetix.integration.payment;

import jakarta.enterprise.context.ApplicationScoped;
import kz.monetix.integration.gate.GateCallback;
import kz.monetix.integration.gate.GateClient;
import kz.monetix.integration.gate.GateCodes;
import kz.monetix.integration.gate.GateRequests;
import kz.monetix.integration.gate.GateResult;
import kz.monetix.integration.gate.MonetixConfig;

/**
 * Sends the purchase of a stored order, at most once: the order is claimed (NEW to SENDING) and committed
 * before the request leaves, so neither a crash nor a second instance can send it again. An unknown outcome
 * is settled by {@link Reconciliation}, never by sending again.
 */
@ApplicationScoped
public class SaleSubmission {

    private final PaymentLedger ledger;
    private final PaymentResults results;
    private final GateClient gate;
    private final GateRequests requests;
    private final MonetixConfig config;

    public SaleSubmission(PaymentLedger ledger, PaymentResults results, GateClient gate, GateRequests requests, MonetixConfig config) {
        this.ledger = ledger;
        this.results = results;
        this.gate = gate;
        this.requests = requests;
        this.config = config;
    }

    /** Runs when the SEND_SALE timer of {@code orderId} is due. */
    public void send(String orderId) {
        Payment claimed = ledger.change(orderId, change -> {
            Payment p = change.payment();
            if (p.saleState() != Payment.SaleState.NEW || !p.isDue(Payment.DueAction.SEND_SALE, change.now())) {
                return null;
            }
            // If we die before recording the answer, the RECONCILE timer asks the Gate instead of resending.
            change.set(p.withSale(Payment.SaleState.SENDING, null)
                    .withDue(change.now() + config.reconcile().afterUnknown().toMillis(), Payment.DueAction.RECONCILE, 0));
            change.note("request", "purchase sent to Monetix " + GateRequests.SALE);
            return change.payment();
        }).orElse(null);
        if (claimed == null) {
            return;
        }
        GateResult result = gate.post(GateRequests.SALE, requests.sale(claimed.paymentId(),
                new GateRequests.Customer(claimed.customerId(), claimed.customerIp(), claimed.customerFirstName(),
                        claimed.customerLastName(), claimed.customerEmail()),
                claimed.phone(), claimed.amountMinor(), claimed.currency(), claimed.description()));
        ledger.change(orderId, change -> {
            record(change, result);
            return null;
        });
    }

    private void record(PaymentLedger.Change change, GateResult result) {
        Payment p = change.payment();
        switch (result.outcome()) {
            case ACCEPTED -> {
                change.note("response", "purchase accepted, request " + result.requestId());
                Payment accepted = p.withSale(Payment.SaleState.ACCEPTED, result.requestId());
                if (p.status() == PaymentStatus.PROCESSING && p.dueAction() == Payment.DueAction.RECONCILE) {
                    accepted = accepted.withDue(change.now() + config.reconcile().firstAfter().toMillis(), Payment.DueAction.RECONCILE, 0);
                }
                change.set(accepted);
            }
            case UNKNOWN -> {
                change.note("response", "purchase outcome unknown (" + result.message() + "); will ask the Gate for the status");
                if (p.saleState() == Payment.SaleState.SENDING) {
                    change.set(p.withSale(Payment.SaleState.UNKNOWN, null));
                }
            }
            case REJECTED -> {
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
            }
        }
    }

    /** A synchronous decline in the shape of a callback, for {@link PaymentResults#applyFinal}. */
    private static GateCallback rejection(GateResult result) {
        return new GateCallback(null, null, "sale", null, null, result.requestId(),
                result.code(), result.message(), null, null, null);
    }
}
