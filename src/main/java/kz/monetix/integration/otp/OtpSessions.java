package kz.monetix.integration.otp;

import jakarta.enterprise.context.ApplicationScoped;
import kz.monetix.integration.erp.EventOutbox;
import kz.monetix.integration.gate.GateCallback;
import kz.monetix.integration.gate.GateClient;
import kz.monetix.integration.gate.GateRequests;
import kz.monetix.integration.gate.GateResult;
import kz.monetix.integration.gate.MonetixConfig;
import kz.monetix.integration.payment.Payment;
import kz.monetix.integration.payment.PaymentLedger;
import kz.monetix.integration.payment.PaymentStatus;
import org.jboss.logging.Logger;

import java.time.Instant;

/**
 * The OTP step of a purchase. Its state lives in the payment row: the OTP deadline (the OTP_EXPIRY timer),
 * resends used, codes submitted for the current OTP, and what we asked the Gate for (a code check or a
 * new OTP). Codes pass through to the Gate and are never stored or logged.
 */
@ApplicationScoped
public class OtpSessions {

    /** What became of an ERP's OTP request, with the HTTP status it maps to. */
    public enum Outcome {
        FORWARDED(202), UNKNOWN_ORDER(404), NOT_AWAITING_OTP(409), TOO_MANY_CODES(429), TOO_EARLY(429), NO_RESENDS_LEFT(429),
        REJECTED_BY_GATE(409);

        public final int httpStatus;

        Outcome(int httpStatus) {
            this.httpStatus = httpStatus;
        }
    }

    public record Result(Outcome outcome, String detail) {
    }

    private static final Logger LOG = Logger.getLogger(OtpSessions.class);

    private final PaymentLedger ledger;
    private final GateClient gate;
    private final GateRequests requests;
    private final MonetixConfig config;

    public OtpSessions(PaymentLedger ledger, GateClient gate, GateRequests requests, MonetixConfig config) {
        this.ledger = ledger;
        this.gate = gate;
        this.requests = requests;
        this.config = config;
    }

    /**
     * Monetix asks for a code. Decided by the payment's own state, since the platform sends the same kind of
     * callback for a first OTP, a new OTP after a resend and a re-ask after a wrong code:
     * <ul>
     * <li>first prompt, or the answer to our resend: a new OTP, a new deadline, the code count reset;</li>
     * <li>while a submitted code awaits its result: the code was wrong; ask again, same OTP and deadline;</li>
     * <li>otherwise (already waiting, or final): a duplicate or late callback; nothing changes.</li>
     * </ul>
     */
    public void prompted(PaymentLedger.Change change, GateCallback callback, String source) {
        Payment p = change.payment();
        if (p.status().isFinal()) {
            change.note("ignored", source + ": OTP prompt after the result; payment stays " + p.status().wire());
            return;
        }
        boolean newOtp = p.status() == PaymentStatus.PROCESSING || p.otpPending() == Payment.OtpPending.RESEND;
        boolean reAsk = p.otpPending() == Payment.OtpPending.CODE;
        if (!newOtp && !reAsk) {
            change.note("ignored", source + ": repeated OTP prompt, already awaiting the code");
            return;
        }
        long expiresAt = newOtp || p.otpExpiresAt() == null ? change.now() + config.otp().expiry().toMillis() : p.otpExpiresAt();
        int codes = newOtp ? 0 : p.otpCodesSubmitted();
        change.set(p.withStatus(PaymentStatus.AWAITING_OTP)
                .withSale(Payment.SaleState.ACCEPTED, callback.requestId())
                .withResult(callback.code(), callback.message(), callback.operator())
                .withOtp(expiresAt, p.otpResendsUsed(), codes, null)
                .withDue(expiresAt, Payment.DueAction.OTP_EXPIRY, 0));
        change.note("otp", source + ": " + (newOtp ? "OTP sent to the customer" : "code not accepted, customer asked again"));
        change.emit(EventOutbox.OTP_REQUIRED);
    }

    /** The ERP forwards the customer's code. */
    public Result submitCode(String orderId, String code) {
        Result claimed = ledger.change(orderId, change -> {
            Payment p = change.payment();
            if (!readyForOtpRequest(p)) {
                return notAwaiting(p);
            }
            if (p.otpCodesSubmitted() >= config.otp().maxCodesPerOtp()) {
                return new Result(Outcome.TOO_MANY_CODES, "at most " + config.otp().maxCodesPerOtp() + " codes per OTP; request a new OTP");
            }
            change.set(p.withOtp(p.otpExpiresAt(), p.otpResendsUsed(), p.otpCodesSubmitted() + 1, Payment.OtpPending.CODE));
            change.note("otp", "code " + (p.otpCodesSubmitted() + 1) + " of " + config.otp().maxCodesPerOtp() + " forwarded to Monetix");
            return new Result(Outcome.FORWARDED, "code forwarded");
        }).orElse(new Result(Outcome.UNKNOWN_ORDER, "no payment with this orderId"));
        if (claimed.outcome() != Outcome.FORWARDED) {
            return claimed;
        }
        Payment p = ledger.find(orderId).orElseThrow();
        GateResult result = gate.post(GateRequests.CLARIFICATION, requests.clarification(p.paymentId(), code));
        return afterRequest(orderId, result, "code");
    }

    /** The ERP asks for a new OTP: only once the current one expired, and at most {@code max-resends} times. */
    public Result requestResend(String orderId) {
        Result claimed = ledger.change(orderId, change -> claimResend(change, "ERP"))
                .orElse(new Result(Outcome.UNKNOWN_ORDER, "no payment with this orderId"));
        if (claimed.outcome() != Outcome.FORWARDED) {
            return claimed;
        }
        return sendResend(orderId);
    }

    /** The OTP_EXPIRY timer is due: resend by ourselves, or tell the ERP the OTP expired. */
    public void deadlinePassed(String orderId) {
        Result claimed = ledger.change(orderId, change -> {
            Payment p = change.payment();
            long now = change.now();
            if (!p.isDue(Payment.DueAction.OTP_EXPIRY, now) || p.status() != PaymentStatus.AWAITING_OTP) {
                return null;
            }
            long codeGraceEnd = p.otpExpiresAt() + config.reconcile().codeResultGrace().toMillis();
            if (p.otpPending() == Payment.OtpPending.CODE && now < codeGraceEnd) {
                change.set(p.withDue(codeGraceEnd, Payment.DueAction.OTP_EXPIRY, 0));
                return null;
            }
            if (config.otp().autoResend() && p.otpResendsUsed() < config.otp().maxResends()) {
                change.set(p.withOtp(p.otpExpiresAt(), p.otpResendsUsed(), p.otpCodesSubmitted(), null));
                return claimResend(change, "auto");
            }
            expire(change);
            return null;
        }).orElse(null);
        if (claimed != null && claimed.outcome() == Outcome.FORWARDED) {
            sendResend(orderId);
        }
    }

    private Result claimResend(PaymentLedger.Change change, String by) {
        Payment p = change.payment();
        if (!readyForOtpRequest(p)) {
            return notAwaiting(p);
        }
        if (p.otpResendsUsed() >= config.otp().maxResends()) {
            return new Result(Outcome.NO_RESENDS_LEFT, "all " + config.otp().maxResends() + " new OTPs were already requested");
        }
        if (p.otpExpiresAt() != null && change.now() < p.otpExpiresAt()) {
            return new Result(Outcome.TOO_EARLY, "the current OTP is valid until " + Instant.ofEpochMilli(p.otpExpiresAt()));
        }
        int used = p.otpResendsUsed() + 1;
        // Until the new prompt arrives, a status request is the fallback.
        change.set(p.withOtp(p.otpExpiresAt(), used, p.otpCodesSubmitted(), Payment.OtpPending.RESEND)
                .withDue(change.now() + config.reconcile().afterUnknown().toMillis(), Payment.DueAction.RECONCILE, 0));
        change.note("otp", "new OTP requested (" + by + ", " + used + " of " + config.otp().maxResends() + ")");
        return new Result(Outcome.FORWARDED, "new OTP requested");
    }

    /** Awaiting an OTP, with no code check or resend of ours still unanswered. */
    private static boolean readyForOtpRequest(Payment p) {
        return p.status() == PaymentStatus.AWAITING_OTP && p.otpPending() == null;
    }

    private static Result notAwaiting(Payment p) {
        return new Result(Outcome.NOT_AWAITING_OTP, p.otpPending() == null
                ? "the payment is " + p.status().wire() + ", not awaiting an OTP"
                : "the previous request for this payment is still being answered by Monetix");
    }

    private Result sendResend(String orderId) {
        Payment p = ledger.find(orderId).orElseThrow();
        GateResult result = gate.post(GateRequests.RESEND, requests.resend(p.paymentId(), p.customerIp()));
        return afterRequest(orderId, result, "resend");
    }

    /** Records the Gate's answer to a code or resend; a rejection frees the OTP step again. */
    private Result afterRequest(String orderId, GateResult result, String what) {
        if (result.outcome() != GateResult.Outcome.REJECTED) {
            if (result.outcome() == GateResult.Outcome.UNKNOWN) {
                LOG.warnf("payment %s: %s request outcome unknown; the callback or a status request will tell", orderId, what);
            }
            return new Result(Outcome.FORWARDED, what + " forwarded to Monetix");
        }
        ledger.change(orderId, change -> {
            Payment p = change.payment();
            change.note("response", what + " rejected by Monetix: code " + result.code() + " " + result.message());
            if (p.status() == PaymentStatus.AWAITING_OTP && p.otpPending() != null) {
                Payment freed = p.withOtp(p.otpExpiresAt(), p.otpResendsUsed(), p.otpCodesSubmitted(), null);
                change.set(p.otpPending() == Payment.OtpPending.RESEND
                        ? freed.withDue(change.now(), Payment.DueAction.OTP_EXPIRY, 0) : freed);
            }
            return null;
        });
        return new Result(Outcome.REJECTED_BY_GATE, "Monetix refused the " + what + " (code " + result.code() + ")");
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
