package kz.monetix.integration.payment;

import jakarta.enterprise.context.ApplicationScoped;
import kz.monetix.integration.gate.GateCallback;
import kz.monetix.integration.gate.GateClient;
import kz.monetix.integration.gate.GateRequests;
import kz.monetix.integration.gate.GateResult;
import kz.monetix.integration.gate.MonetixConfig;
import kz.monetix.integration.otp.OtpSessions;
import org.jboss.logging.Logger;

import java.util.Locale;

/**
 * Settles payments whose outcome we do not know (a sale that timed out, a callback that never came)
 * with signed {@code /v2/payment/status} requests, on the payment's RECONCILE timer with backoff.
 */
@ApplicationScoped
public class Reconciliation {

    private static final Logger LOG = Logger.getLogger(Reconciliation.class);

    private final PaymentLedger ledger;
    private final PaymentResults results;
    private final OtpSessions otp;
    private final GateClient gate;
    private final GateRequests requests;
    private final MonetixConfig config;

    public Reconciliation(PaymentLedger ledger, PaymentResults results, OtpSessions otp, GateClient gate,
                          GateRequests requests, MonetixConfig config) {
        this.ledger = ledger;
        this.results = results;
        this.otp = otp;
        this.gate = gate;
        this.requests = requests;
        this.config = config;
    }

    /** Runs when the RECONCILE timer of {@code orderId} is due. */
    public void reconcile(String orderId) {
        Payment claimed = ledger.change(orderId, change -> {
            Payment p = change.payment();
            if (!p.isDue(Payment.DueAction.RECONCILE, change.now())) {
                return null;
            }
            if (p.status().isFinal()) {
                change.set(p.withoutDue());
                return null;
            }
            if (change.now() - p.createdAt() > config.reconcile().giveUpAfter().toMillis()) {
                change.set(p.withoutDue());
                change.note("status", "no result from Monetix within " + config.reconcile().giveUpAfter() + "; status requests stopped");
                LOG.errorf("payment %s: still %s after %s; status requests stopped, it needs an operator's look",
                        p.orderId(), p.status().wire(), config.reconcile().giveUpAfter());
                return null;
            }
            int attempt = p.reconcileAttempts() + 1;
            change.set(p.withDue(change.now() + backoff(attempt), Payment.DueAction.RECONCILE, attempt));
            return change.payment();
        }).orElse(null);
        if (claimed == null) {
            return;
        }
        GateResult status = gate.post(GateRequests.STATUS, requests.status(claimed.paymentId()));
        ledger.change(orderId, change -> {
            apply(change, status);
            return null;
        });
    }

    /** The pause before status request number {@code attempt}: doubling from the first delay up to the maximum. */
    long backoff(int attempt) {
        long first = config.reconcile().afterUnknown().toMillis();
        long max = config.reconcile().maxInterval().toMillis();
        return Math.min(max, first << Math.min(20, attempt - 1));
    }

    private void apply(PaymentLedger.Change change, GateResult status) {
        Payment p = change.payment();
        if (status.accepted() && status.body() != null) {
            GateCallback reported = GateCallback.of(status.body());
            PaymentStatus target = SaleOutcomes.finalStatus(reported);
            change.note("status", "Monetix status: " + reported.paymentStatus());
            if (target != null) {
                results.applyFinal(change, target, reported, "status request");
            } else if (reported.asksForClarification()
                    && (p.status() == PaymentStatus.PROCESSING || p.otpPending() == Payment.OtpPending.RESEND)) {
                // the prompt callback is missing (first OTP, or the answer to our resend): the status stands in for it
                otp.prompted(change, reported, "status request");
            } else if (p.saleState() != Payment.SaleState.ACCEPTED) {
                change.set(p.withSale(Payment.SaleState.ACCEPTED, null));
            }
        } else if ("3061".equals(status.code()) && p.saleState() != Payment.SaleState.ACCEPTED
                && change.now() - p.createdAt() > config.reconcile().notFoundAfter().toMillis()) {
            results.fail(change, status.code(), status.message(), "Monetix does not know the purchase: it was never registered");
        } else {
            change.note("status", "status request: " + status.outcome().name().toLowerCase(Locale.ROOT)
                    + (status.code() != null ? " code " + status.code() : ""));
        }
    }
}
