package kz.monetix.integration.payment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import kz.monetix.integration.gate.GateCallback;
import kz.monetix.integration.gate.GatePaths;
import kz.monetix.integration.gate.GateResult;
import kz.monetix.integration.json.Json;
import kz.monetix.integration.gate.MonetixConfig;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Full and partial refunds. A refund is stored under the payment's lock (never more than what remains,
 * counting refunds still in flight), sent by the payment's SEND_REFUNDS timer with a merchant_refund_id
 * the Gate refuses twice (code 3230), and settled by its callback.
 */
@ApplicationScoped
@Named("refunds")
public class Refunds {

    /** What became of a refund request, with the HTTP status it maps to. */
    public enum Outcome {
        ACCEPTED(202), REPLAYED(200), UNKNOWN_ORDER(404), NOT_REFUNDABLE(409), CONFLICT(409);

        public final int httpStatus;

        Outcome(int httpStatus) {
            this.httpStatus = httpStatus;
        }
    }

    public record Result(Outcome outcome, Refund refund, String detail) {
    }

    private static final String DUPLICATE_REFUND_ID = "3230";

    private final PaymentLedger ledger;
    private final RefundStore refunds;
    private final GateFacts gateFacts;
    private final MonetixConfig config;

    public Refunds(PaymentLedger ledger, RefundStore refunds, GateFacts gateFacts, MonetixConfig config) {
        this.ledger = ledger;
        this.refunds = refunds;
        this.gateFacts = gateFacts;
        this.config = config;
    }

    /** The ERP asks for a refund; {@code amountMinor} null means all that remains. */
    public Result request(String orderId, String refundId, Long amountMinor, String description) {
        return ledger.change(orderId, change -> {
            Payment p = change.payment();
            Optional<Refund> existing = refunds.find(change.connection(), orderId, refundId);
            if (existing.isPresent()) {
                boolean same = (amountMinor == null || amountMinor == existing.get().amountMinor())
                        && Objects.equals(description, existing.get().description());
                return new Result(same ? Outcome.REPLAYED : Outcome.CONFLICT, existing.get(),
                        same ? "refund already requested" : "a refund with this refundId and different content exists");
            }
            if (p.status() != PaymentStatus.SUCCESS && p.status() != PaymentStatus.PARTIALLY_REFUNDED) {
                return new Result(Outcome.NOT_REFUNDABLE, null, "the payment is " + p.status().wire() + "; only successful payments are refunded");
            }
            long committed = refunds.of(change.connection(), orderId).stream()
                    .filter(r -> r.state() != Refund.State.DECLINED).mapToLong(Refund::amountMinor).sum();
            long remaining = p.amountMinor() - committed;
            long amount = amountMinor == null ? remaining : amountMinor;
            if (amount <= 0 || amount > remaining) {
                return new Result(Outcome.NOT_REFUNDABLE, null, "the amount exceeds what remains to refund ("
                        + Money.toMajorText(remaining, p.currency()) + " " + p.currency() + ")");
            }
            Refund refund = new Refund(orderId, refundId, p.paymentId() + "-refund-" + refundId, amount, description,
                    Refund.State.NEW, null, null, null, change.now(), change.now());
            refunds.insert(change.connection(), refund);
            change.set(p.withDue(change.now(), Payment.DueAction.SEND_REFUNDS, p.reconcileAttempts()));
            change.note("refund", "refund " + refundId + " of " + Money.toMajorText(amount, p.currency()) + " " + p.currency() + " requested");
            return new Result(Outcome.ACCEPTED, refund, "refund accepted");
        }).orElse(new Result(Outcome.UNKNOWN_ORDER, null, "no payment with this orderId"));
    }

    public List<Refund> of(String orderId) {
        return ledger.read(c -> refunds.of(c, orderId));
    }

    /** SEND_REFUNDS timer: claims each new refund of the payment (NEW to SENDING) so that it is sent once. */
    public List<Refund> claimPending(String orderId) {
        return ledger.change(orderId, change -> {
            Payment p = change.payment();
            if (!p.isDue(Payment.DueAction.SEND_REFUNDS, change.now())) {
                return List.<Refund>of();
            }
            change.set(p.withoutDue());
            List<Refund> sending = new ArrayList<>();
            for (Refund refund : refunds.of(change.connection(), orderId)) {
                if (refund.state() == Refund.State.NEW) {
                    Refund claim = refund.with(Refund.State.SENDING, null, null, null);
                    refunds.update(change.connection(), claim, change.now());
                    change.note("request", "refund " + refund.refundId() + " sent to Monetix " + GatePaths.REFUND);
                    sending.add(claim);
                }
            }
            return sending;
        }).orElse(List.of());
    }

    /** The input of the refund mapping. */
    public ObjectNode facts(Refund refund) {
        return gateFacts.refund(ledger.find(refund.orderId()).orElseThrow(), refund);
    }

    /** Records the Gate's answer to a refund request. */
    public void answered(Refund refund, GateResult result) {
        ledger.change(refund.orderId(), change -> {
            recordAnswer(change, refund, result);
            return null;
        });
    }

    private void recordAnswer(PaymentLedger.Change change, Refund refund, GateResult result) throws SQLException {
        Refund current = refunds.find(change.connection(), refund.orderId(), refund.refundId()).orElseThrow();
        if (current.state() != Refund.State.SENDING) {
            return;
        }
        if (result.accepted() || DUPLICATE_REFUND_ID.equals(result.code())) {
            refunds.update(change.connection(), current.with(Refund.State.SENT, result.requestId(), null, null), change.now());
            change.note("response", "refund " + refund.refundId() + " accepted, request " + result.requestId());
        } else if (result.outcome() == GateResult.Outcome.UNKNOWN) {
            // Safe to send again: the Gate refuses a second request with the same merchant_refund_id (3230).
            refunds.update(change.connection(), current.with(Refund.State.NEW, null, null, null), change.now());
            Payment p = change.payment();
            change.set(p.withDue(change.now() + config.reconcile().afterUnknown().toMillis(), Payment.DueAction.SEND_REFUNDS,
                    p.reconcileAttempts()));
            change.note("response", "refund " + refund.refundId() + " outcome unknown (" + result.message() + "); sent again later");
        } else {
            Refund declined = current.with(Refund.State.DECLINED, null, result.code(), result.message());
            refunds.update(change.connection(), declined, change.now());
            change.note("response", "refund " + refund.refundId() + " rejected: code " + result.code() + " " + result.message());
            change.emit(EventOutbox.REFUND_DECLINED, eventFields(declined, change.payment()));
        }
    }

    /** A refund callback: the refund is settled, and a success moves the payment to (partially) refunded. */
    public void settled(PaymentLedger.Change change, GateCallback callback) throws SQLException {
        Payment p = change.payment();
        List<Refund> all = refunds.of(change.connection(), p.orderId());
        Optional<Refund> match = all.stream().filter(r -> r.gateRequestId() != null && r.gateRequestId().equals(callback.requestId())).findFirst()
                .or(() -> all.stream().filter(r -> !r.state().isFinal() && callback.operationAmountMinor() != null
                        && r.amountMinor() == callback.operationAmountMinor()).findFirst());
        if (match.isEmpty()) {
            change.note("callback", "refund callback (request " + callback.requestId() + ") matches no refund of ours");
            return;
        }
        Refund refund = match.get();
        String status = callback.operationStatus();
        if (refund.state().isFinal()) {
            change.note("ignored", "refund " + refund.refundId() + ": callback says " + status + ", already " + refund.state().wire());
            return;
        }
        if ("success".equals(status)) {
            Refund done = refund.with(Refund.State.SUCCESS, callback.requestId(), callback.code(), callback.message());
            refunds.update(change.connection(), done, change.now());
            long refunded = p.refundedMinor() + refund.amountMinor();
            Payment next = p.withRefunded(refunded >= p.amountMinor() ? PaymentStatus.REFUNDED : PaymentStatus.PARTIALLY_REFUNDED, refunded);
            change.set(next);
            change.note("result", "refund " + refund.refundId() + ": success");
            change.emit(EventOutbox.REFUND_SUCCEEDED, eventFields(done, next));
        } else if ("decline".equals(status) || "error".equals(status)) {
            Refund declined = refund.with(Refund.State.DECLINED, callback.requestId(), callback.code(), callback.message());
            refunds.update(change.connection(), declined, change.now());
            change.note("result", "refund " + refund.refundId() + ": declined (code " + callback.code() + ")");
            change.emit(EventOutbox.REFUND_DECLINED, eventFields(declined, p));
        } else {
            change.note("callback", "refund " + refund.refundId() + ": " + status);
        }
    }

    private static ObjectNode eventFields(Refund refund, Payment payment) {
        ObjectNode fields = Json.MAPPER.createObjectNode();
        fields.put("refundId", refund.refundId());
        fields.put("amount", Money.toMajorText(refund.amountMinor(), payment.currency()));
        if (refund.lastCode() != null) {
            fields.put("code", refund.lastCode());
            fields.put("message", refund.lastMessage());
        }
        return fields;
    }
}
