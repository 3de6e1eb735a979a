package kz.monetix.integration.otp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import kz.monetix.integration.api.ApiProblem;
import kz.monetix.integration.gate.GateResult;
import kz.monetix.integration.gate.MonetixConfig;
import kz.monetix.integration.payment.EventOutbox;
import kz.monetix.integration.payment.GateFacts;
import kz.monetix.integration.payment.GateReport;
import kz.monetix.integration.payment.Payment;
import kz.monetix.integration.payment.PaymentLedger;
import kz.monetix.integration.payment.PaymentStatus;
import org.jboss.logging.Logger;

import java.time.Instant;

/**
 * The OTP step, as steps of the OTP routes (routes/otp.yaml): prompts from Monetix, codes and resends from the
 * ERP, the OTP deadline. Every decision is taken under the payment's row lock; codes are forwarded and forgotten.
 */
@ApplicationScoped
@Named("otpSessions")
public class OtpSessions {

    /**
     * What a prompt ("awaiting clarification") means, decided by the payment's own state, since the platform sends
     * the same callback for a first OTP, a new OTP after a resend and a re-ask after a wrong code.
     */
    public enum PromptKind {
        /** The first prompt, or the answer to our resend: a new OTP, a new deadline, the code count reset. */
        NEW_OTP,
        /** While a submitted code awaits its result: the code was wrong; same OTP and deadline. */
        ASK_AGAIN,
        /** Already waiting for the code, or final: a duplicate or late callback; nothing changes. */
        DUPLICATE
    }

    /** What the OTP deadline timer decided. */
    public enum DeadlineOutcome {
        /** Not due (any more), or nothing to do. */
        NONE,
        /** A submitted code still awaits its result: the deadline moved by the grace period. */
        WAIT_FOR_CODE_RESULT,
        /** A new OTP is claimed: the resend request goes out. */
        RESEND,
        /** No new OTPs left (or auto-resend off): the ERP is told the OTP expired. */
        EXPIRED
    }

    private static final Logger LOG = Logger.getLogger(OtpSessions.class);

    private final PaymentLedger ledger;
    private final GateFacts facts;
    private final MonetixConfig config;

    public OtpSessions(PaymentLedger ledger, GateFacts facts, MonetixConfig config) {
        this.ledger = ledger;
        this.facts = facts;
        this.config = config;
    }

    /** The branch of the {@code otp-prompt} route (read without a lock; each branch decides again under it). */
    public PromptKind promptKind(GateReport report) {
        return ledger.find(report.orderId()).map(OtpSessions::kindOf).orElse(PromptKind.DUPLICATE);
    }

    public void newOtp(GateReport report) {
        prompt(report, PromptKind.NEW_OTP);
    }

    public void askAgain(GateReport report) {
        prompt(report, PromptKind.ASK_AGAIN);
    }

    public void ignorePrompt(GateReport report) {
        prompt(report, PromptKind.DUPLICATE);
    }

    private static PromptKind kindOf(Payment p) {
        if (p.status().isFinal()) {
            return PromptKind.DUPLICATE;
        }
        if (p.status() == PaymentStatus.PROCESSING || p.otpPending() == Payment.OtpPending.RESEND) {
            return PromptKind.NEW_OTP;
        }
        return p.otpPending() == Payment.OtpPending.CODE ? PromptKind.ASK_AGAIN : PromptKind.DUPLICATE;
    }

    /** Applies a prompt as the locked state says (which wins over the branch taken, should they differ). */
    private void prompt(GateReport report, PromptKind branch) {
        ledger.apply(report, change -> {
            Payment p = change.payment();
            PromptKind kind = kindOf(p);
            String source = report.source();
            if (kind != branch) {
                LOG.debugf("payment %s: prompt taken as %s, the locked state says %s", p.orderId(), branch, kind);
            }
            if (kind == PromptKind.DUPLICATE) {
                change.note("ignored", p.status().isFinal()
                        ? source + ": OTP prompt after the result; payment stays " + p.status().wire()
                        : source + ": repeated OTP prompt, already awaiting the code");
                return null;
            }
            boolean newOtp = kind == PromptKind.NEW_OTP;
            Payment prompted = p.withStatus(PaymentStatus.AWAITING_OTP)
                    .withSale(Payment.SaleState.ACCEPTED, report.callback().requestId())
                    .withResult(report.callback().code(), report.callback().message(), report.callback().operator());
            // the ERP is told the earliest the code may expire; no resend goes out before the latest
            long expiresAt = newOtp || p.otpExpiresAt() == null
                    ? change.now() + config.otp().earliestExpiry(prompted.operator()).toMillis() : p.otpExpiresAt();
            int codes = newOtp ? 0 : p.otpCodesSubmitted();
            prompted = prompted.withOtp(expiresAt, p.otpResendsUsed(), codes, null);
            change.set(prompted.withDue(latestExpiry(prompted), Payment.DueAction.OTP_EXPIRY, 0));
            change.note("otp", source + ": " + (newOtp ? "OTP sent to the customer" : "code not accepted, customer asked again"));
            change.emit(EventOutbox.OTP_REQUIRED);
            return null;
        });
    }

    /** The ERP forwards the customer's code: claimed (one at a time, a few per OTP), then the input of the clarification mapping. */
    public ObjectNode claimCode(String orderId, String code) {
        Payment claimed = ledger.change(orderId, change -> {
            Payment p = change.payment();
            if (!readyForOtpRequest(p)) {
                throw notAwaiting(p);
            }
            if (p.otpCodesSubmitted() >= config.otp().maxCodesPerOtp()) {
                throw new ApiProblem(429, "Too Many Requests", "at most " + config.otp().maxCodesPerOtp() + " codes per OTP; request a new OTP");
            }
            change.set(p.withOtp(p.otpExpiresAt(), p.otpResendsUsed(), p.otpCodesSubmitted() + 1, Payment.OtpPending.CODE));
            change.note("otp", "code " + (p.otpCodesSubmitted() + 1) + " of " + config.otp().maxCodesPerOtp() + " forwarded to Monetix");
            return change.payment();
        }).orElseThrow(OtpSessions::unknownOrder);
        return facts.clarification(claimed, code);
    }

    /** The ERP asks for a new OTP: only once the current one expired, and at most {@code max-resends} times. */
    public ObjectNode claimResend(String orderId) {
        Payment claimed = ledger.change(orderId, change -> {
            ApiProblem refused = claimResend(change, "ERP");
            if (refused != null) {
                throw refused;
            }
            return change.payment();
        }).orElseThrow(OtpSessions::unknownOrder);
        return facts.resend(claimed);
    }

    /** The input of the resend mapping, for a resend the deadline timer claimed. */
    public ObjectNode resendFacts(String orderId) {
        return facts.resend(ledger.find(orderId).orElseThrow());
    }

    /** The OTP_EXPIRY timer is due: wait for a code's result, claim a resend of our own, or tell the ERP the OTP expired. */
    public DeadlineOutcome deadlinePassed(String orderId) {
        return ledger.change(orderId, change -> {
            Payment p = change.payment();
            long now = change.now();
            if (!p.isDue(Payment.DueAction.OTP_EXPIRY, now) || p.status() != PaymentStatus.AWAITING_OTP) {
                return DeadlineOutcome.NONE;
            }
            long codeGraceEnd = latestExpiry(p) + config.reconcile().codeResultGrace().toMillis();
            if (p.otpPending() == Payment.OtpPending.CODE && now < codeGraceEnd) {
                change.set(p.withDue(codeGraceEnd, Payment.DueAction.OTP_EXPIRY, 0));
                return DeadlineOutcome.WAIT_FOR_CODE_RESULT;
            }
            boolean refusedTooOften = p.reconcileAttempts() >= config.otp().resendRetries();
            if (config.otp().autoResend() && p.otpResendsUsed() < config.otp().maxResends() && !refusedTooOften) {
                change.set(p.withOtp(p.otpExpiresAt(), p.otpResendsUsed(), p.otpCodesSubmitted(), null));
                return claimResend(change, "auto") == null ? DeadlineOutcome.RESEND : DeadlineOutcome.NONE;
            }
            expire(change);
            return DeadlineOutcome.EXPIRED;
        }).orElse(DeadlineOutcome.NONE);
    }

    /** Claims a resend on the locked payment; the refusal when it may not be sent. */
    private ApiProblem claimResend(PaymentLedger.Change change, String by) {
        Payment p = change.payment();
        if (!readyForOtpRequest(p)) {
            return notAwaiting(p);
        }
        if (p.otpResendsUsed() >= config.otp().maxResends()) {
            return new ApiProblem(429, "Too Many Requests", "all " + config.otp().maxResends() + " new OTPs were already requested");
        }
        if (p.otpExpiresAt() != null && change.now() < latestExpiry(p)) {
            return new ApiProblem(429, "Too Many Requests", "the current OTP may be valid until " + Instant.ofEpochMilli(latestExpiry(p)));
        }
        int used = p.otpResendsUsed() + 1;
        // Until the new prompt arrives, a status request is the fallback.
        // the timer's attempts carry the resends Monetix refused in a row (see recordAnswer)
        int refused = p.dueAction() == Payment.DueAction.OTP_EXPIRY ? p.reconcileAttempts() : 0;
        change.set(p.withOtp(p.otpExpiresAt(), used, p.otpCodesSubmitted(), Payment.OtpPending.RESEND)
                .withDue(change.now() + config.reconcile().afterUnknown().toMillis(), Payment.DueAction.RECONCILE, refused));
        change.note("otp", "new OTP requested (" + by + ", " + used + " of " + config.otp().maxResends() + ")");
        return null;
    }

    /**
     * Records the Gate's answer to a code or resend; a rejection frees the OTP step again. A refused resend does not
     * count against {@code max-resends}, and the next one is tried after a backoff ({@code monetix.otp.resend-retry},
     * doubling), never at once: a 90 s operator refuses resends sent after 80 s.
     */
    public void recordAnswer(String orderId, String what, GateResult result) {
        if (result.outcome() == GateResult.Outcome.UNKNOWN) {
            LOG.warnf("payment %s: %s request outcome unknown; the callback or a status request will tell", orderId, what);
        }
        if (result.outcome() != GateResult.Outcome.REJECTED) {
            return;
        }
        ledger.change(orderId, change -> {
            Payment p = change.payment();
            change.note("response", what + " rejected by Monetix: code " + result.code() + " " + result.message());
            if (p.status() == PaymentStatus.AWAITING_OTP && p.otpPending() == Payment.OtpPending.CODE) {
                change.set(p.withOtp(p.otpExpiresAt(), p.otpResendsUsed(), p.otpCodesSubmitted(), null));
            } else if (p.status() == PaymentStatus.AWAITING_OTP && p.otpPending() == Payment.OtpPending.RESEND) {
                int refused = p.reconcileAttempts() + 1;
                long retryAt = change.now() + Math.min(config.otp().latestExpiry(p.operator()).toMillis(),
                        config.otp().resendRetry().toMillis() << Math.min(20, refused - 1));
                change.set(p.withOtp(p.otpExpiresAt(), p.otpResendsUsed() - 1, p.otpCodesSubmitted(), null)
                        .withDue(retryAt, Payment.DueAction.OTP_EXPIRY, refused));
                change.note("otp", "new OTP not sent (refused " + refused + " time(s) in a row); tried again at "
                        + Instant.ofEpochMilli(retryAt));
            }
            return null;
        });
    }

    /** When the payment's current code is surely expired, whatever its operator's lifetime: the told expiry plus the spread. */
    private long latestExpiry(Payment p) {
        return p.otpExpiresAt() + config.otp().latestExpiry(p.operator()).toMillis() - config.otp().earliestExpiry(p.operator()).toMillis();
    }

    /** Awaiting an OTP, with no code check or resend of ours still unanswered. */
    private static boolean readyForOtpRequest(Payment p) {
        return p.status() == PaymentStatus.AWAITING_OTP && p.otpPending() == null;
    }

    private static ApiProblem notAwaiting(Payment p) {
        return ApiProblem.conflict(p.otpPending() == null
                ? "the payment is " + p.status().wire() + ", not awaiting an OTP"
                : "the previous request for this payment is still being answered by Monetix");
    }

    private static ApiProblem unknownOrder() {
        return ApiProblem.notFound("no payment with this orderId");
    }

    /** No more OTPs: tell the ERP, and let the platform's final callback or a status request close the payment. */
    private void expire(PaymentLedger.Change change) {
        Payment p = change.payment();
        change.set(p.withOtp(p.otpExpiresAt(), p.otpResendsUsed(), p.otpCodesSubmitted(), null)
                .withDue(change.now() + config.reconcile().afterUnknown().toMillis(), Payment.DueAction.RECONCILE, 0));
        change.note("otp", "OTP expired unused (" + p.otpResendsUsed() + " new OTPs requested)");
        change.emit(EventOutbox.OTP_EXPIRED);
    }
}
