package kz.monetix.integration.erp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import kz.monetix.integration.gate.Json;
import kz.monetix.integration.otp.OtpSessions;
import kz.monetix.integration.payment.Money;
import kz.monetix.integration.payment.Payment;
import kz.monetix.integration.payment.PaymentLedger;
import kz.monetix.integration.payment.Refunds;
import kz.monetix.integration.payment.Store;
import kz.monetix.integration.runtime.HttpReplies;
import org.apache.camel.Exchange;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The steps of the ERP API routes other than order intake (routes/erp-api.yaml). */
@ApplicationScoped
@Named("erpApi")
public class ErpApi {

    private static final Pattern OTP_CODE = Pattern.compile("[0-9]{4,8}");
    private static final Pattern REFUND_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final PaymentLedger ledger;
    private final PaymentViews views;
    private final OtpSessions otp;
    private final Store store;
    private final EventOutbox outbox;
    private final Refunds refunds;

    public ErpApi(PaymentLedger ledger, PaymentViews views, OtpSessions otp, Store store, EventOutbox outbox, Refunds refunds) {
        this.ledger = ledger;
        this.views = views;
        this.otp = otp;
        this.store = store;
        this.outbox = outbox;
        this.refunds = refunds;
    }

    public void getPayment(Exchange exchange) {
        String orderId = exchange.getMessage().getHeader("orderId", String.class);
        Optional<Payment> payment = ledger.find(orderId);
        if (payment.isEmpty()) {
            HttpReplies.problem(exchange, 404, "Not Found", "no payment with this orderId");
            return;
        }
        HttpReplies.json(exchange, 200, views.full(payment.get()));
    }

    /** {@code POST .../otp}: the code is checked for shape, forwarded, and forgotten. */
    public void submitOtp(Exchange exchange) {
        String orderId = exchange.getMessage().getHeader("orderId", String.class);
        JsonNode body = Json.parseOrNull(exchange.getMessage().getBody(byte[].class));
        JsonNode code = body == null ? null : body.get("code");
        if (code == null || !code.isTextual() || !OTP_CODE.matcher(code.textValue()).matches()) {
            HttpReplies.problem(exchange, 400, "Invalid OTP", "1 field(s) are invalid",
                    List.of(new HttpReplies.FieldError("code", "must be a string of 4-8 digits")));
            return;
        }
        reply(exchange, orderId, otp.submitCode(orderId, code.textValue()));
    }

    public void resendOtp(Exchange exchange) {
        String orderId = exchange.getMessage().getHeader("orderId", String.class);
        reply(exchange, orderId, otp.requestResend(orderId));
    }

    /** {@code POST .../refunds}: {@code refundId} required, {@code amount} optional (all that remains). */
    public void requestRefund(Exchange exchange) {
        String orderId = exchange.getMessage().getHeader("orderId", String.class);
        JsonNode body = Json.parseOrNull(exchange.getMessage().getBody(byte[].class));
        if (body == null || !body.isObject()) {
            HttpReplies.problem(exchange, 400, "Bad Request", "the body must be a JSON object");
            return;
        }
        List<HttpReplies.FieldError> errors = new ArrayList<>();
        JsonNode refundId = body.get("refundId");
        if (refundId == null || !refundId.isTextual() || !REFUND_ID.matcher(refundId.textValue()).matches()) {
            errors.add(new HttpReplies.FieldError("refundId", "must be 1-64 characters of A-Z a-z 0-9 . _ -"));
        }
        Long amount = null;
        JsonNode amountNode = body.get("amount");
        if (amountNode != null && !amountNode.isNull()) {
            try {
                amount = Money.toMinor(OrderValidator.majorAmount(amountNode), "KZT");
            } catch (IllegalArgumentException | ArithmeticException e) {
                errors.add(new HttpReplies.FieldError("amount", e.getMessage()));
            }
        }
        JsonNode description = body.get("description");
        if (description != null && !description.isNull() && (!description.isTextual() || description.textValue().length() > 255)) {
            errors.add(new HttpReplies.FieldError("description", "must be a string of at most 255 characters"));
        }
        if (!errors.isEmpty()) {
            HttpReplies.problem(exchange, 400, "Invalid refund", errors.size() + " field(s) are invalid", errors);
            return;
        }
        Refunds.Result result = refunds.request(orderId, refundId.textValue(), amount,
                description == null || description.isNull() ? null : description.textValue());
        if (result.refund() != null && (result.outcome() == Refunds.Outcome.ACCEPTED || result.outcome() == Refunds.Outcome.REPLAYED)) {
            Payment payment = ledger.find(orderId).orElseThrow();
            HttpReplies.json(exchange, result.outcome().httpStatus, views.refund(
                    refunds.of(orderId).stream().filter(r -> r.refundId().equals(refundId.textValue())).findFirst().orElse(result.refund()),
                    payment.currency()));
            return;
        }
        HttpReplies.problem(exchange, result.outcome().httpStatus, result.outcome().httpStatus == 404 ? "Not Found" : "Conflict", result.detail());
    }

    /**
     * {@code GET /api/v1/events?status=dead}: undelivered events, for an operator to look at and replay (oldest 500;
     * {@code orderId=} narrows to one order, {@code status=pending|delivered} shows the others).
     */
    public void listEvents(Exchange exchange) {
        String status = exchange.getMessage().getHeader("status", "dead", String.class);
        EventOutbox.State state;
        try {
            state = EventOutbox.State.valueOf(status.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            HttpReplies.problem(exchange, 400, "Bad Request", "status must be dead, pending or delivered");
            return;
        }
        ObjectNode reply = Json.MAPPER.createObjectNode();
        ArrayNode list = reply.putArray("events");
        String orderId = exchange.getMessage().getHeader("orderId", String.class);
        for (EventOutbox.Event event : store.inTransaction(c -> outbox.inState(c, state, orderId, 500))) {
            ObjectNode item = list.addObject();
            item.put("eventId", event.eventId());
            item.put("orderId", event.orderId());
            item.put("type", event.type());
            item.put("status", event.state().name().toLowerCase(Locale.ROOT));
            item.put("attempts", event.attempts());
            item.put("lastError", event.lastError());
            item.put("createdAt", Instant.ofEpochMilli(event.createdAt()).toString());
            item.set("event", Json.parseOrNull(event.body().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        HttpReplies.json(exchange, 200, reply);
    }

    public void replayEvent(Exchange exchange) {
        String eventId = exchange.getMessage().getHeader("eventId", String.class);
        int status = store.inTransaction(c -> {
            EventOutbox.Event event = outbox.find(c, eventId);
            if (event == null) {
                return 404;
            }
            return outbox.replay(c, eventId, ledger.now()) ? 202 : 409;
        });
        if (status == 202) {
            HttpReplies.json(exchange, 202, Json.MAPPER.createObjectNode().put("eventId", eventId).put("status", "pending"));
        } else {
            HttpReplies.problem(exchange, status, status == 404 ? "Not Found" : "Conflict",
                    status == 404 ? "no event with this eventId" : "only dead events can be replayed");
        }
    }

    private void reply(Exchange exchange, String orderId, OtpSessions.Result result) {
        if (result.outcome() == OtpSessions.Outcome.FORWARDED) {
            ObjectNode body = Json.MAPPER.createObjectNode().put("orderId", orderId).put("detail", result.detail());
            ledger.find(orderId).ifPresent(p -> body.put("status", p.status().wire()));
            HttpReplies.json(exchange, 202, body);
            return;
        }
        int status = result.outcome().httpStatus;
        String title = switch (status) {
            case 404 -> "Not Found";
            case 429 -> "Too Many Requests";
            default -> "Conflict";
        };
        HttpReplies.problem(exchange, status, title, result.detail());
    }
}
