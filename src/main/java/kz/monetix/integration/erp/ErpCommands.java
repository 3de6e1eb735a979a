package kz.monetix.integration.erp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import kz.monetix.integration.api.ApiProblem;
import kz.monetix.integration.api.JsonBodies;
import kz.monetix.integration.api.ApiReply;
import kz.monetix.integration.gate.GateResult;
import kz.monetix.integration.json.Json;
import kz.monetix.integration.payment.EventOutbox;
import kz.monetix.integration.payment.Money;
import kz.monetix.integration.payment.Payment;
import kz.monetix.integration.payment.PaymentLedger;
import kz.monetix.integration.payment.PaymentStore;
import kz.monetix.integration.payment.Refunds;
import kz.monetix.integration.payment.Store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The steps of the ERP command routes other than order intake (routes/erp-api.yaml): values in, answers out. */
@ApplicationScoped
@Named("erpCommands")
public class ErpCommands {

    /** A validated refund request. */
    public record RefundRequest(String refundId, Long amountMinor, String description) {
    }

    private static final Pattern OTP_CODE = Pattern.compile("[0-9]{4,8}");
    private static final Pattern REFUND_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final PaymentLedger ledger;
    private final PaymentViews views;
    private final Store store;
    private final EventOutbox outbox;
    private final Refunds refunds;
    private final PaymentStore payments;

    public ErpCommands(PaymentLedger ledger, PaymentViews views, Store store, EventOutbox outbox, Refunds refunds, PaymentStore payments) {
        this.ledger = ledger;
        this.views = views;
        this.store = store;
        this.outbox = outbox;
        this.refunds = refunds;
        this.payments = payments;
    }

    /** The {@code orderId} of a command that names its payment in the body (the JMS OTP and refund messages). */
    public String orderIdOf(byte[] body) {
        JsonNode tree = Json.parseOrNull(body);
        JsonNode orderId = tree == null ? null : tree.get("orderId");
        if (orderId == null || !orderId.isTextual() || orderId.textValue().isBlank()) {
            throw ApiProblem.invalid("Invalid message", List.of(new ApiProblem.FieldError("orderId", "required: the order's id")));
        }
        return orderId.textValue();
    }

    /** {@code GET /api/v1/payments?status=review_required}: purchases nobody is settling any more (oldest 500). */
    public ApiReply payments(String status) {
        if (!"review_required".equals(status)) {
            throw ApiProblem.invalid("Invalid query", List.of(new ApiProblem.FieldError("status", "must be review_required")));
        }
        ObjectNode reply = Json.MAPPER.createObjectNode();
        ArrayNode list = reply.putArray("payments");
        for (Payment payment : ledger.read(c -> payments.reviewRequired(c, 500))) {
            list.add(views.accepted(payment).put("createdAt", Instant.ofEpochMilli(payment.createdAt()).toString()));
        }
        return new ApiReply(200, reply);
    }

    public ApiReply payment(String orderId) {
        Payment payment = ledger.find(orderId).orElseThrow(() -> ApiProblem.notFound("no payment with this orderId"));
        return new ApiReply(200, views.full(payment));
    }

    /** {@code POST .../otp}: the code is checked for shape only; it is forwarded and forgotten. */
    public String otpCode(byte[] body) {
        JsonNode tree = Json.parseOrNull(body);
        JsonNode code = tree == null ? null : tree.get("code");
        if (code == null || !code.isTextual() || !OTP_CODE.matcher(code.textValue()).matches()) {
            throw ApiProblem.invalid("Invalid OTP", List.of(new ApiProblem.FieldError("code", "must be a string of 4-8 digits")));
        }
        return code.textValue();
    }

    /** The answer to a forwarded code or resend: 202, or 409 with the Gate's code when Monetix refused it. */
    public ApiReply otpForwarded(String orderId, String what, GateResult result) {
        if (result.outcome() == GateResult.Outcome.REJECTED) {
            throw ApiProblem.conflict("Monetix refused the " + what + " (code " + result.code()
                    + (result.message() != null ? ": " + result.message() : "") + ")");
        }
        ObjectNode body = Json.MAPPER.createObjectNode().put("orderId", orderId).put("detail", what + " forwarded to Monetix");
        ledger.find(orderId).ifPresent(p -> body.put("status", p.status().wire()));
        return new ApiReply(202, body);
    }

    /** {@code POST .../refunds}: {@code refundId} required, {@code amount} optional (all that remains). */
    public RefundRequest refundRequest(byte[] body) {
        JsonNode tree = JsonBodies.readObject(body);
        List<ApiProblem.FieldError> errors = new ArrayList<>();
        JsonNode refundId = tree.get("refundId");
        if (refundId == null || !refundId.isTextual() || !REFUND_ID.matcher(refundId.textValue()).matches()) {
            errors.add(new ApiProblem.FieldError("refundId", "must be 1-64 characters of A-Z a-z 0-9 . _ -"));
        }
        Long amount = null;
        JsonNode amountNode = tree.get("amount");
        if (amountNode != null && !amountNode.isNull()) {
            try {
                amount = Money.toMinor(OrderValidator.majorAmount(amountNode), "KZT");
            } catch (IllegalArgumentException | ArithmeticException e) {
                errors.add(new ApiProblem.FieldError("amount", e.getMessage()));
            }
        }
        JsonNode description = tree.get("description");
        if (description != null && !description.isNull() && (!description.isTextual() || description.textValue().length() > 255)) {
            errors.add(new ApiProblem.FieldError("description", "must be a string of at most 255 characters"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid("Invalid refund", errors);
        }
        return new RefundRequest(refundId.textValue(), amount, description == null || description.isNull() ? null : description.textValue());
    }

    /** Stores the refund under the payment's lock (sent later by the payment's SEND_REFUNDS timer). */
    public ApiReply refund(String orderId, RefundRequest request) {
        Refunds.Result result = refunds.request(orderId, request.refundId(), request.amountMinor(), request.description());
        if (result.refund() != null && (result.outcome() == Refunds.Outcome.ACCEPTED || result.outcome() == Refunds.Outcome.REPLAYED)) {
            Payment payment = ledger.find(orderId).orElseThrow();
            return new ApiReply(result.outcome().httpStatus, views.refund(refunds.of(orderId).stream()
                    .filter(r -> r.refundId().equals(request.refundId())).findFirst().orElse(result.refund()), payment.currency()));
        }
        int status = result.outcome().httpStatus;
        throw new ApiProblem(status, status == 404 ? "Not Found" : "Conflict", result.detail());
    }

    /**
     * {@code GET /api/v1/events?status=dead}: undelivered events, for an operator to look at and replay (oldest 500;
     * {@code orderId=} narrows to one order, {@code status=pending|delivered} shows the others).
     */
    public ApiReply events(String status, String orderId) {
        EventOutbox.State state;
        try {
            state = EventOutbox.State.valueOf((status == null ? "dead" : status).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(400, "Bad Request", "status must be dead, pending, delivered or skipped");
        }
        ObjectNode reply = Json.MAPPER.createObjectNode();
        ArrayNode list = reply.putArray("events");
        for (EventOutbox.Event event : store.inTransaction(c -> outbox.inState(c, state, orderId, 500))) {
            ObjectNode item = list.addObject();
            item.put("eventId", event.eventId());
            item.put("orderId", event.orderId());
            item.put("type", event.type());
            item.put("status", event.state().name().toLowerCase(Locale.ROOT));
            item.put("attempts", event.attempts());
            item.put("lastError", event.lastError());
            item.put("createdAt", Instant.ofEpochMilli(event.createdAt()).toString());
            item.set("event", Json.parseOrNull(event.body().getBytes(StandardCharsets.UTF_8)));
        }
        return new ApiReply(200, reply);
    }

    /** {@code POST /api/v1/events/replay?status=dead}: every dead event back in the queue. */
    public ApiReply replayEvents(String status) {
        if (!"dead".equals(status)) {
            throw ApiProblem.invalid("Invalid query", List.of(new ApiProblem.FieldError("status", "must be dead")));
        }
        int replayed = store.inTransaction(c -> outbox.replayAllDead(c, ledger.now()));
        return new ApiReply(202, Json.MAPPER.createObjectNode().put("replayed", replayed));
    }

    /** {@code POST /api/v1/events/{eventId}/skip}: an operator gives up on a dead event; its order's later events go on. */
    public ApiReply skipEvent(String eventId) {
        boolean skipped = store.inTransaction(c -> {
            if (outbox.find(c, eventId) == null) {
                throw ApiProblem.notFound("no event with this eventId");
            }
            return outbox.skip(c, eventId);
        });
        if (!skipped) {
            throw ApiProblem.conflict("only dead events can be skipped");
        }
        return new ApiReply(200, Json.MAPPER.createObjectNode().put("eventId", eventId).put("status", "skipped"));
    }

    public ApiReply replayEvent(String eventId) {
        boolean replayed = store.inTransaction(c -> {
            if (outbox.find(c, eventId) == null) {
                throw ApiProblem.notFound("no event with this eventId");
            }
            return outbox.replay(c, eventId, ledger.now());
        });
        if (!replayed) {
            throw ApiProblem.conflict("only dead events can be replayed");
        }
        return new ApiReply(202, Json.MAPPER.createObjectNode().put("eventId", eventId).put("status", "pending"));
    }
}
