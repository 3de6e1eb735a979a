package kz.monetix.integration.payment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import io.micrometer.core.instrument.MeterRegistry;
import kz.monetix.integration.api.ApiProblem;
import kz.monetix.integration.gate.GateCallback;
import kz.monetix.integration.gate.GateCodes;
import kz.monetix.integration.gate.GatePaths;
import kz.monetix.integration.gate.GateResult;
import kz.monetix.integration.json.Json;
import kz.monetix.integration.gate.MonetixConfig;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Full and partial refunds. A refund is stored under the payment's lock (never more than what remains, counting
 * refunds still in flight), sent once by the payment's SEND_REFUNDS timer with a merchant_refund_id the Gate refuses
 * twice (code 3230), and settled by its callback, or by a status request (CHECK_REFUNDS) when the answer or the
 * callback never comes. Refunds made in the Monetix Dashboard are recorded as refunds of their own.
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

    private static final Logger LOG = Logger.getLogger(Refunds.class);

    private final PaymentLedger ledger;
    private final RefundStore refunds;
    private final GateFacts gateFacts;
    private final MonetixConfig config;
    private final MeterRegistry metrics;

    public Refunds(PaymentLedger ledger, RefundStore refunds, GateFacts gateFacts, MonetixConfig config, MeterRegistry metrics) {
        this.metrics = metrics;
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
                    Refund.State.NEW, null, null, null, change.now(), change.now(), Refund.Origin.ERP);
            refunds.insert(change.connection(), refund);
            change.set(p.withDue(change.now(), Payment.DueAction.SEND_REFUNDS, p.reconcileAttempts()));
            change.note("refund", "refund " + refundId + " of " + Money.toMajorText(amount, p.currency()) + " " + p.currency() + " requested");
            return new Result(Outcome.ACCEPTED, refund, "refund accepted");
        }).orElse(new Result(Outcome.UNKNOWN_ORDER, null, "no payment with this orderId"));
    }

    public List<Refund> of(String orderId) {
        return ledger.read(c -> refunds.of(c, orderId));
    }

    /**
     * SEND_REFUNDS timer: claims each new refund of the payment (NEW to SENDING) so that it is sent once, and sets the
     * CHECK_REFUNDS timer in the same transaction: a refund whose answer or callback never comes, even because this
     * process died mid-request, is settled by a status request.
     */
    public List<Refund> claimPending(String orderId) {
        return ledger.change(orderId, change -> {
            Payment p = change.payment();
            if (!p.isDue(Payment.DueAction.SEND_REFUNDS, change.now())) {
                return List.<Refund>of();
            }
            change.set(p.withDue(change.now() + config.reconcile().backoffMillis(1), Payment.DueAction.CHECK_REFUNDS, 0));
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

    /** Records the Gate's answer to a refund request. An unknown outcome is never sent again on a guess: it waits for the status. */
    public void answered(Refund refund, GateResult result) {
        ledger.change(refund.orderId(), change -> {
            Refund current = refunds.find(change.connection(), refund.orderId(), refund.refundId()).orElseThrow();
            if (current.state() != Refund.State.SENDING) {
                return null;
            }
            if (result.accepted()) {
                refunds.update(change.connection(), current.with(Refund.State.SENT, result.requestId(), null, null), change.now());
                change.note("response", "refund " + refund.refundId() + " accepted, request " + result.requestId());
            } else if (GateCodes.DUPLICATE_REFUND_ID.equals(result.code())) {
                refunds.update(change.connection(), current.with(Refund.State.SENT, null, null, null), change.now());
                change.note("response", "refund " + refund.refundId() + ": Monetix already has its merchant_refund_id; its result is awaited");
            } else if (result.outcome() == GateResult.Outcome.UNKNOWN) {
                refunds.update(change.connection(), current.with(Refund.State.UNKNOWN, null, null, null), change.now());
                change.note("response", "refund " + refund.refundId() + " outcome unknown (" + result.message()
                        + "); a status request settles it");
            } else {
                Refund declined = current.with(Refund.State.DECLINED, null, result.code(), result.message());
                refunds.update(change.connection(), declined, change.now());
                change.note("response", "refund " + refund.refundId() + " rejected: code " + result.code() + " " + result.message());
                change.emit(EventOutbox.REFUND_DECLINED, eventFields(declined, change.payment()));
            }
            return null;
        });
    }

    /**
     * CHECK_REFUNDS timer: when a refund still awaits its result, claims the next status request (and sets the one
     * after it, with backoff) and returns the input of the status mapping; null when there is nothing to ask.
     */
    public ObjectNode claimCheck(String orderId) {
        Payment claimed = ledger.change(orderId, change -> {
            Payment p = change.payment();
            if (!p.isDue(Payment.DueAction.CHECK_REFUNDS, change.now())) {
                return null;
            }
            List<Refund> open = refunds.of(change.connection(), orderId).stream().filter(r -> r.state().awaitsResult()).toList();
            if (open.isEmpty()) {
                change.set(p.withoutDue());
                return null;
            }
            if (change.now() - open.get(0).createdAt() > config.reconcile().giveUpAfter().toMillis()) {
                change.set(p.withoutDue());
                for (Refund refund : open) {
                    change.note("status", "refund " + refund.refundId() + ": no result from Monetix within "
                            + config.reconcile().giveUpAfter() + "; status requests stopped");
                    change.emit(EventOutbox.REVIEW_REQUIRED, eventFields(refund, p));
                    metrics.counter("monetix.refunds.review.required").increment();
                    LOG.errorf("payment %s: refund %s still without a result after %s; it needs an operator's look",
                            orderId, refund.refundId(), config.reconcile().giveUpAfter());
                }
                return null;
            }
            int attempt = p.reconcileAttempts() + 1;
            change.set(p.withDue(change.now() + config.reconcile().backoffMillis(attempt + 1), Payment.DueAction.CHECK_REFUNDS, attempt));
            return change.payment();
        }).orElse(null);
        return claimed == null ? null : gateFacts.of(claimed.paymentId());
    }

    /**
     * Applies a status answer to the refunds awaiting a result: each refund operation it lists settles ours (or records
     * one made elsewhere); a refund Monetix still does not know after enough answers over enough time was never
     * registered, and goes out again under the same merchant_refund_id (which the Gate accepts once).
     */
    public void checked(String orderId, GateResult status) {
        ledger.change(orderId, change -> {
            if (!status.trustworthy()) {
                change.note("status", "refund status request: " + status.outcome().name().toLowerCase(Locale.ROOT)
                        + (status.code() != null ? " code " + status.code() : "") + "; asked again later");
                return null;
            }
            boolean allMatched = true;
            for (GateCallback operation : GateCallback.refundOperations(status.body())) {
                allMatched &= settle(change, operation, "status request");
            }
            boolean sendAgain = false;
            int attempts = change.payment().reconcileAttempts();
            for (Refund refund : refunds.of(change.connection(), orderId)) {
                boolean unregistered = (refund.state() == Refund.State.SENDING || refund.state() == Refund.State.UNKNOWN)
                        && allMatched && config.reconcile().neverRegistered(attempts, change.now() - refund.updatedAt());
                if (unregistered) {
                    refunds.update(change.connection(), refund.with(Refund.State.NEW, null, null, null), change.now());
                    change.note("status", "refund " + refund.refundId() + ": Monetix does not know it after " + attempts
                            + " status requests; sent again under the same merchant_refund_id");
                    sendAgain = true;
                }
            }
            if (sendAgain) {
                change.set(change.payment().withDue(change.now(), Payment.DueAction.SEND_REFUNDS, 0));
            }
            return null;
        });
    }

    /** A refund callback: settles the refund it reports; Monetix is asked to retry one that cannot be told apart yet. */
    public void settled(PaymentLedger.Change change, GateCallback callback) throws SQLException {
        if (!settle(change, callback, "callback")) {
            throw new ApiProblem(409, "Conflict", "the refund cannot be matched yet (a refund of ours awaits its answer); retry later");
        }
    }

    /**
     * Settles the refund a refund operation reports, matched by the Gate's request id or our merchant_refund_id, never
     * by amount. An operation that is none of ours is a refund made elsewhere (the Monetix Dashboard), recorded as a
     * refund of its own; false when that cannot be decided yet (a refund of ours without a request id may be it).
     */
    private boolean settle(PaymentLedger.Change change, GateCallback operation, String source) throws SQLException {
        Payment p = change.payment();
        List<Refund> all = refunds.of(change.connection(), p.orderId());
        Optional<Refund> match = all.stream().filter(r -> sameRefund(r, operation)).findFirst();
        if (match.isEmpty()) {
            boolean ambiguous = operation.merchantRefundId() == null
                    && all.stream().anyMatch(r -> r.origin() == Refund.Origin.ERP && r.state().awaitsResult() && r.gateRequestId() == null);
            if (ambiguous) {
                change.note("callback", source + ": refund operation (request " + operation.requestId()
                        + ") may be one of ours still awaiting its answer; settled later");
                return false;
            }
            recordRefundMadeElsewhere(change, operation, source);
            return true;
        }
        Refund refund = match.get();
        String status = operation.operationStatus();
        if (refund.state().isFinal()) {
            if ("callback".equals(source)) {
                change.note("ignored", "refund " + refund.refundId() + ": " + source + " says " + status + ", already " + refund.state().wire());
            }
            return true;
        }
        if ("success".equals(status)) {
            refundSucceeded(change, refund.with(Refund.State.SUCCESS, operation.requestId(), operation.code(), operation.message()), source);
        } else if ("decline".equals(status) || "error".equals(status)) {
            Refund declined = refund.with(Refund.State.DECLINED, operation.requestId(), operation.code(), operation.message());
            refunds.update(change.connection(), declined, change.now());
            change.note("result", "refund " + refund.refundId() + ": declined (code " + operation.code() + ", " + source + ")");
            change.emit(EventOutbox.REFUND_DECLINED, eventFields(declined, p));
        } else if (refund.state() != Refund.State.SENT || refund.gateRequestId() == null) {
            // registered at Monetix, result pending: no longer a refund that might need sending again
            refunds.update(change.connection(), refund.with(Refund.State.SENT, operation.requestId(), null, null), change.now());
            change.note("status", "refund " + refund.refundId() + ": registered at Monetix, " + status + " (" + source + ")");
        }
        return true;
    }

    private static boolean sameRefund(Refund refund, GateCallback operation) {
        return (operation.requestId() != null && operation.requestId().equals(refund.gateRequestId()))
                || (operation.merchantRefundId() != null && operation.merchantRefundId().equals(refund.merchantRefundId()))
                || refund.merchantRefundId().equals(elsewhereKey(operation));
    }

    /** The key of a refund made elsewhere: the Gate's request id, or its operation id. */
    private static String elsewhereKey(GateCallback operation) {
        return Payment.clip("monetix:" + (operation.requestId() != null ? operation.requestId() : operation.operationId()), 200);
    }

    private void refundSucceeded(PaymentLedger.Change change, Refund done, String source) throws SQLException {
        Payment p = change.payment();
        refunds.update(change.connection(), done, change.now());
        long refunded = p.refundedMinor() + done.amountMinor();
        Payment next = p.withRefunded(refunded >= p.amountMinor() ? PaymentStatus.REFUNDED : PaymentStatus.PARTIALLY_REFUNDED, refunded);
        change.set(next);
        change.note("result", "refund " + done.refundId() + ": success (" + source + ")");
        change.emit(EventOutbox.REFUND_SUCCEEDED, eventFields(done, next));
    }

    /**
     * A successful refund this runtime did not send (made in the Monetix Dashboard): stored as a refund of its own
     * ({@code origin: monetix}, a generated refundId), so the payment and the ERP see the money that went back.
     */
    private void recordRefundMadeElsewhere(PaymentLedger.Change change, GateCallback operation, String source) throws SQLException {
        Payment p = change.payment();
        Long amount = operation.operationAmountMinor();
        if (!"success".equals(operation.operationStatus())) {
            change.note("callback", source + ": refund operation not started here, " + operation.operationStatus() + "; nothing to record");
            return;
        }
        boolean refundable = p.status() == PaymentStatus.SUCCESS || p.status() == PaymentStatus.PARTIALLY_REFUNDED;
        if (amount == null || amount <= 0 || !refundable || amount > p.amountMinor() - p.refundedMinor()) {
            metrics.counter("monetix.refunds.unrecordable").increment();
            LOG.errorf("payment %s: refund made at Monetix (request %s) cannot be recorded: amount %s, payment %s, %s refunded;"
                    + " needs an operator's look", p.orderId(), operation.requestId(), amount, p.status().wire(), p.refundedMinor());
            change.note("ignored", source + ": refund made at Monetix that does not fit the payment; needs an operator's look");
            return;
        }
        String key = elsewhereKey(operation);
        String refundId = key.replace(':', '-');
        Refund refund = new Refund(p.orderId(), refundId.length() > 64 ? refundId.substring(0, 64) : refundId, key, amount, null,
                Refund.State.SUCCESS, operation.requestId(), operation.code(), operation.message(), change.now(), change.now(),
                Refund.Origin.MONETIX);
        refunds.insert(change.connection(), refund);
        metrics.counter("monetix.refunds.made.elsewhere").increment();
        LOG.warnf("payment %s: refund %s of %s made at Monetix, not through this runtime; recorded", p.orderId(), refund.refundId(),
                Money.toMajorText(amount, p.currency()));
        refundSucceeded(change, refund, source + ", refund made at Monetix");
    }

    private static ObjectNode eventFields(Refund refund, Payment payment) {
        ObjectNode fields = Json.MAPPER.createObjectNode();
        fields.put("refundId", refund.refundId());
        fields.put("amount", Money.toMajorText(refund.amountMinor(), payment.currency()));
        fields.put("origin", refund.origin().wire());
        if (refund.lastCode() != null) {
            fields.put("code", refund.lastCode());
            fields.put("message", refund.lastMessage());
        }
        return fields;
    }
}
