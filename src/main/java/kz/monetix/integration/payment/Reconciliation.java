package kz.monetix.integration.payment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import kz.monetix.integration.gate.GateCallback;
import kz.monetix.integration.gate.GateCodes;
import kz.monetix.integration.gate.GateResult;
import kz.monetix.integration.gate.MonetixConfig;
import org.jboss.logging.Logger;

import java.util.Locale;

/**
 * The steps of the {@code reconcile} route (routes/timers.yaml): payments whose outcome we do not know (a sale
 * that timed out, a callback that never came) are settled by signed status requests, with backoff.
 */
@ApplicationScoped
@Named("reconciliation")
public class Reconciliation {

    private static final Logger LOG = Logger.getLogger(Reconciliation.class);

    private final PaymentLedger ledger;
    private final PaymentResults results;
    private final GateFacts facts;
    private final MonetixConfig config;
    private final MeterRegistry metrics;

    public Reconciliation(PaymentLedger ledger, PaymentResults results, GateFacts facts, MonetixConfig config, MeterRegistry metrics) {
        this.metrics = metrics;
        this.ledger = ledger;
        this.results = results;
        this.facts = facts;
        this.config = config;
    }

    /** Claims the next status request (and sets the one after it): the input of the status mapping, or null. */
    public ObjectNode claim(String orderId) {
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
                change.emit(EventOutbox.REVIEW_REQUIRED);
                metrics.counter("monetix.payments.review.required").increment();
                LOG.errorf("payment %s: still %s after %s; status requests stopped, it needs an operator's look",
                        p.orderId(), p.status().wire(), config.reconcile().giveUpAfter());
                return null;
            }
            int attempt = p.reconcileAttempts() + 1;
            change.set(p.withDue(change.now() + backoff(attempt), Payment.DueAction.RECONCILE, attempt));
            return change.payment();
        }).orElse(null);
        return claimed == null ? null : facts.of(claimed.paymentId());
    }

    /**
     * What the status answer is for the route: {@code OTP_REQUIRED} when it stands in for a prompt callback that never
     * came (the first OTP, or the answer to our resend); anything else is applied here by {@link #apply}.
     */
    public GateReport report(String orderId, GateResult status) {
        GateCallback reported = status.trustworthy() ? GateCallback.of(status.body()) : null;
        Payment p = ledger.find(orderId).orElseThrow();
        boolean standsInForPrompt = reported != null && SaleOutcomes.finalStatus(reported) == null && reported.asksForClarification()
                && (p.status() == PaymentStatus.PROCESSING || p.otpPending() == Payment.OtpPending.RESEND);
        return GateReport.ofStatus(orderId, reported, standsInForPrompt ? SaleOutcomes.Kind.OTP_REQUIRED : SaleOutcomes.Kind.OTHER);
    }

    /** Applies a status answer: a final result, an accepted sale, or a "not found" that fails a sale never registered. */
    public void apply(String orderId, GateResult status) {
        ledger.change(orderId, change -> {
            Payment p = change.payment();
            if (status.trustworthy()) {
                GateCallback reported = GateCallback.of(status.body());
                PaymentStatus target = SaleOutcomes.finalStatus(reported);
                change.note("status", "Monetix status: " + reported.paymentStatus());
                if (target != null) {
                    results.applyFinal(change, target, reported, "status request");
                } else if (p.saleState() != Payment.SaleState.ACCEPTED) {
                    change.set(p.withSale(Payment.SaleState.ACCEPTED, null));
                }
            } else if (status.accepted()) {
                // only a signed answer may settle a payment (gate-protocol.md §2.1): this one changes nothing
                change.note("status", "status answer not signed by Monetix: not trusted, asked again later");
                LOG.warnf("payment %s: status answer without a valid signature ignored", p.orderId());
            } else if (GateCodes.NOT_FOUND.equals(status.code()) && p.saleState() != Payment.SaleState.ACCEPTED
                    && neverRegistered(p.reconcileAttempts())) {
                results.fail(change, status.code(), status.message(),
                        "Monetix does not know the purchase: it was never registered (inferred; a later success overturns it)");
            } else {
                change.note("status", "status request: " + status.outcome().name().toLowerCase(Locale.ROOT)
                        + (status.code() != null ? " code " + status.code() : ""));
            }
            return null;
        });
    }

    /**
     * Enough "not found" answers, spread over enough time since the sale was sent, to take it as never registered. The
     * time is counted from the claim of the sale (the status requests' own backoff), not from the order's arrival.
     */
    private boolean neverRegistered(int attempts) {
        long sinceClaim = backoff(1); // the first status request came this long after the claim, each next one after its backoff
        for (int attempt = 1; attempt < attempts; attempt++) {
            sinceClaim += backoff(attempt);
        }
        return config.reconcile().neverRegistered(attempts, sinceClaim);
    }

    private long backoff(int attempt) {
        return config.reconcile().backoffMillis(attempt);
    }
}
