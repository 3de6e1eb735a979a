package kz.monetix.integration.payment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import kz.monetix.integration.gate.GateCodes;
import kz.monetix.integration.json.Json;
import kz.monetix.integration.gate.GateCallback;
import org.jboss.logging.Logger;

import java.sql.SQLException;

/** Applies final sale results (success, decline, error): forward only, and a final status sticks. */
@ApplicationScoped
public class PaymentResults {

    private static final Logger LOG = Logger.getLogger(PaymentResults.class);

    private final EventOutbox outbox;
    private final MeterRegistry metrics;

    public PaymentResults(EventOutbox outbox, MeterRegistry metrics) {
        this.outbox = outbox;
        this.metrics = metrics;
    }

    /**
     * Moves the payment to {@code target} unless it is final already; a late or duplicate result is only noted.
     *
     * @param source where the result came from (history text)
     */
    public void applyFinal(PaymentLedger.Change change, PaymentStatus target, GateCallback result, String source) throws SQLException {
        Payment payment = change.payment();
        if (target == PaymentStatus.SUCCESS && failureInferred(payment)) {
            correctInferredFailure(change, result, source);
            return;
        }
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

    /**
     * A failure we inferred (Monetix kept saying it did not know the sale), never one Monetix reported: a success may
     * still overturn it.
     */
    static boolean failureInferred(Payment payment) {
        return payment.status() == PaymentStatus.FAILED && GateCodes.NOT_FOUND.equals(payment.lastCode());
    }

    /**
     * Monetix reports a success for a payment we had taken as failed: the money was taken, so the payment is a success,
     * and the ERP is told with an event that names the failure it corrects.
     */
    private void correctInferredFailure(PaymentLedger.Change change, GateCallback result, String source) throws SQLException {
        Payment payment = change.payment();
        String failedEventId = outbox.ofOrder(change.connection(), payment.orderId()).stream()
                .filter(e -> EventOutbox.FAILED.equals(e.type())).reduce((first, second) -> second)
                .map(EventOutbox.Event::eventId).orElse(null);
        change.set(payment.withStatus(PaymentStatus.SUCCESS)
                .withSale(Payment.SaleState.ACCEPTED, result.requestId())
                .withResult(result.code(), result.message(), result.operator())
                .withoutDue());
        change.note("result", source + ": success; it overturns the failure inferred earlier");
        ObjectNode fields = Json.MAPPER.createObjectNode();
        if (failedEventId != null) {
            fields.put("corrects", failedEventId);
        }
        change.emit(EventOutbox.SUCCEEDED, fields);
        metrics.counter("monetix.payments.failure.overturned").increment();
        LOG.errorf("payment %s: Monetix reports a success after the runtime had inferred a failure (event %s); now success, "
                + "the ERP is told (payment.succeeded corrects it); check for goods or services held back", payment.orderId(), failedEventId);
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
