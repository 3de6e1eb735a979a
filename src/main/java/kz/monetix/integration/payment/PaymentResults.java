package kz.monetix.integration.payment;

import jakarta.enterprise.context.ApplicationScoped;
import kz.monetix.integration.gate.GateCallback;
import org.jboss.logging.Logger;

/** Applies final sale results (success, decline, error): forward only, and a final status sticks. */
@ApplicationScoped
public class PaymentResults {

    private static final Logger LOG = Logger.getLogger(PaymentResults.class);

    /**
     * Moves the payment to {@code target} unless it is final already; a late or duplicate result is only noted.
     *
     * @param source where the result came from (history text)
     */
    public void applyFinal(PaymentLedger.Change change, PaymentStatus target, GateCallback result, String source) {
        Payment payment = change.payment();
        if (payment.status().isFinal()) {
            String detail = source + " says " + target.wire() + "; ignored, payment is already " + payment.status().wire();
            change.note("ignored", detail);
            boolean refundedAfterSuccess = target == PaymentStatus.SUCCESS
                    && (payment.status() == PaymentStatus.REFUNDED || payment.status() == PaymentStatus.PARTIALLY_REFUNDED);
            if (payment.status() != target && !refundedAfterSuccess) {
                LOG.warnf("payment %s: %s (needs an operator's look)", payment.orderId(), detail);
            }
            return;
        }
        Payment next = payment.withStatus(target)
                .withSale(Payment.SaleState.ACCEPTED, result.requestId())
                .withResult(result.code(), result.message(), result.operator())
                .withOtp(payment.otpExpiresAt(), payment.otpResendsUsed(), payment.otpCodesSubmitted(), null)
                .withoutDue();
        change.set(next);
        change.note("result", source + ": " + target.wire() + " (code " + result.code() + ")");
        change.emit(eventType(target));
        LOG.infof("payment %s (%s): %s, code %s", payment.orderId(), payment.phoneMasked(), target.wire(), result.code());
    }

    /** Fails a payment that never reached a result at Monetix (no charge known). */
    public void fail(PaymentLedger.Change change, String code, String message, String detail) {
        Payment payment = change.payment();
        if (payment.status().isFinal()) {
            return;
        }
        change.set(payment.withStatus(PaymentStatus.FAILED).withResult(code, message, null)
                .withOtp(payment.otpExpiresAt(), payment.otpResendsUsed(), payment.otpCodesSubmitted(), null).withoutDue());
        change.note("result", detail);
        change.emit(EventOutbox.FAILED);
        LOG.infof("payment %s: failed (%s)", payment.orderId(), detail);
    }

    static String eventType(PaymentStatus status) {
        return switch (status) {
            case SUCCESS -> EventOutbox.SUCCEEDED;
            case DECLINED -> EventOutbox.DECLINED;
            default -> EventOutbox.FAILED;
        };
    }
}
