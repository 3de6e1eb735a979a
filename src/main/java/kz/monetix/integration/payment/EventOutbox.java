package kz.monetix.integration.payment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import kz.monetix.integration.json.Json;
import kz.monetix.integration.payment.Money;
import kz.monetix.integration.payment.Payment;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The ERP event outbox. Events are written in the caller's transaction, next to the state change they
 * report, so a committed change always has its event and a rolled-back one never does.
 */
@ApplicationScoped
public class EventOutbox {

    /** Event types of the contract. */
    public static final String OTP_REQUIRED = "payment.otp_required";
    public static final String SUCCEEDED = "payment.succeeded";
    public static final String DECLINED = "payment.declined";
    public static final String FAILED = "payment.failed";
    public static final String OTP_EXPIRED = "payment.otp_expired";
    /** Monetix did not tell the outcome within the reconciliation window: a person must look. */
    public static final String REVIEW_REQUIRED = "payment.review_required";
    public static final String REFUND_SUCCEEDED = "refund.succeeded";
    public static final String REFUND_DECLINED = "refund.declined";

    /** SKIPPED: a dead event an operator gave up on, so that the later events of its order go on. */
    public enum State { PENDING, DELIVERED, DEAD, SKIPPED }

    /** The ways an event reaches the ERP, each with a delivery state of its own (one failing never holds the other back). */
    public enum Channel {
        HTTP("state", "attempts", "next_attempt_at", "last_error", "delivered_at"),
        JMS("jms_state", "jms_attempts", "jms_next_attempt_at", "jms_last_error", "jms_delivered_at");

        private final String state;
        private final String attempts;
        private final String nextAttemptAt;
        private final String lastError;
        private final String deliveredAt;

        Channel(String state, String attempts, String nextAttemptAt, String lastError, String deliveredAt) {
            this.state = state;
            this.attempts = attempts;
            this.nextAttemptAt = nextAttemptAt;
            this.lastError = lastError;
            this.deliveredAt = deliveredAt;
        }

        /** The event columns, with this channel's delivery state under the common names. */
        private String columns() {
            return "seq, event_id, order_id, type, body, " + state + " AS state, " + attempts + " AS attempts, " + nextAttemptAt
                    + " AS next_attempt_at, retry_until, " + lastError + " AS last_error, created_at";
        }
    }

    /** An event as one channel delivers it. */
    public record Event(long seq, String eventId, String orderId, String type, String body, State state, int attempts,
                        long nextAttemptAt, long retryUntil, String lastError, long createdAt, Channel channel) {
    }

    private final Duration maxAge;
    private final EventMapping mapping;
    private final boolean jms;

    public EventOutbox(@ConfigProperty(name = "erp.events.max-age") Duration maxAge, EventMapping mapping,
                       @ConfigProperty(name = "erp.events.jms.enabled", defaultValue = "false") boolean jms) {
        this.maxAge = maxAge;
        this.mapping = mapping;
        this.jms = jms;
    }

    /**
     * Adds an event about {@code payment} (already in its new state).
     *
     * @param otp the {@code otp} object for OTP events, else null
     * @param fields fields of the event's own that replace the payment's (a refund's id, amount, code), or null
     */
    public String add(Connection c, Payment payment, String type, long now, ObjectNode otp, ObjectNode fields) throws SQLException {
        String eventId = UUID.randomUUID().toString();
        ObjectNode facts = Json.MAPPER.createObjectNode();
        facts.put("eventId", eventId);
        facts.put("type", type);
        facts.put("orderId", payment.orderId());
        facts.put("paymentId", payment.paymentId());
        facts.put("status", payment.status().wire());
        facts.put("amount", Money.toMajorText(payment.amountMinor(), payment.currency()));
        facts.put("currency", payment.currency());
        if (payment.operator() != null) {
            facts.put("operator", payment.operator());
        }
        if (payment.lastCode() != null) {
            facts.put("code", payment.lastCode());
        }
        if (payment.lastMessage() != null) {
            facts.put("message", payment.lastMessage());
        }
        facts.put("occurredAt", Instant.ofEpochMilli(now).toString());
        if (otp != null) {
            facts.set("otp", otp);
        }
        if (fields != null) {
            facts.setAll(fields);
        }
        ObjectNode body = mapping.apply(facts);
        try (PreparedStatement s = c.prepareStatement("INSERT INTO erp_event (event_id, order_id, type, body, state, attempts, "
                + "next_attempt_at, retry_until, created_at, jms_state, jms_next_attempt_at) VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?)")) {
            s.setString(1, eventId);
            s.setString(2, payment.orderId());
            s.setString(3, type);
            s.setString(4, Json.text(body));
            s.setString(5, State.PENDING.name());
            s.setLong(6, now);
            s.setLong(7, now + maxAge.toMillis());
            s.setLong(8, now);
            s.setString(9, jms ? State.PENDING.name() : null);
            s.setLong(10, now);
            s.executeUpdate();
        }
        return eventId;
    }

    /**
     * Events ready to go on {@code channel}: due, and the oldest undelivered one of their order, so each order's events
     * arrive in the order they happened. A dead event holds the later events of its order until an operator replays
     * or skips it.
     */
    public List<Event> deliverable(Connection c, Channel channel, long now, int limit) throws SQLException {
        return query(c, channel, "SELECT " + channel.columns() + " FROM erp_event e WHERE " + headOfItsOrder(channel)
                + " ORDER BY e.seq LIMIT ?", limit, now);
    }

    /** The event of one order ready to go on {@code channel} now, if any (see {@link #deliverable}). */
    public List<Event> deliverableOf(Connection c, Channel channel, String orderId, long now) throws SQLException {
        return query(c, channel, "SELECT " + channel.columns() + " FROM erp_event e WHERE e.order_id = ? AND " + headOfItsOrder(channel)
                + " ORDER BY e.seq LIMIT ?", 1, orderId, now);
    }

    /** Due on the channel, and no earlier event of its order still undelivered there (pending or dead). */
    private static String headOfItsOrder(Channel channel) {
        return "e." + channel.state + " = 'PENDING' AND e." + channel.nextAttemptAt + " <= ? AND NOT EXISTS (SELECT 1 FROM erp_event p "
                + "WHERE p.order_id = e.order_id AND p." + channel.state + " IN ('PENDING', 'DEAD') AND p.seq < e.seq)";
    }

    /** Claims an event for one delivery attempt (atomic across instances): moves its next attempt to the lease end. */
    public boolean claim(Connection c, Event event, long leaseUntil) throws SQLException {
        Channel ch = event.channel();
        try (PreparedStatement s = c.prepareStatement("UPDATE erp_event SET " + ch.nextAttemptAt + " = ? WHERE seq = ? AND "
                + ch.state + " = 'PENDING' AND " + ch.nextAttemptAt + " = ?")) {
            s.setLong(1, leaseUntil);
            s.setLong(2, event.seq());
            s.setLong(3, event.nextAttemptAt());
            return s.executeUpdate() == 1;
        }
    }

    public void delivered(Connection c, Event event, long now) throws SQLException {
        Channel ch = event.channel();
        try (PreparedStatement s = c.prepareStatement("UPDATE erp_event SET " + ch.state + " = 'DELIVERED', " + ch.attempts + " = "
                + ch.attempts + " + 1, " + ch.deliveredAt + " = ?, " + ch.lastError + " = NULL WHERE seq = ?")) {
            s.setLong(1, now);
            s.setLong(2, event.seq());
            s.executeUpdate();
        }
    }

    /** A failed attempt: tried again at {@code nextAttemptAt}, or dead once past its retry window. */
    public State failed(Connection c, Event event, long nextAttemptAt, String error) throws SQLException {
        Channel ch = event.channel();
        State state = nextAttemptAt > event.retryUntil() ? State.DEAD : State.PENDING;
        try (PreparedStatement s = c.prepareStatement("UPDATE erp_event SET " + ch.state + " = ?, " + ch.attempts + " = " + ch.attempts
                + " + 1, " + ch.nextAttemptAt + " = ?, " + ch.lastError + " = ? WHERE seq = ?")) {
            s.setString(1, state.name());
            s.setLong(2, nextAttemptAt);
            s.setString(3, error == null || error.length() <= 500 ? error : error.substring(0, 500));
            s.setLong(4, event.seq());
            s.executeUpdate();
        }
        return state;
    }

    /** Events in a state, oldest first; only those of one order when {@code orderId} is given. */
    public List<Event> inState(Connection c, State state, String orderId, int limit) throws SQLException {
        if (orderId == null) {
            return query(c, Channel.HTTP, "SELECT " + Channel.HTTP.columns() + " FROM erp_event WHERE state = ? ORDER BY seq LIMIT ?",
                    limit, state.name());
        }
        return ofOrder(c, orderId).stream().filter(e -> e.state() == state).limit(limit).toList();
    }

    public List<Event> ofOrder(Connection c, String orderId) throws SQLException {
        return query(c, Channel.HTTP, "SELECT " + Channel.HTTP.columns() + " FROM erp_event WHERE order_id = ? ORDER BY seq LIMIT ?",
                1000, orderId);
    }

    public Event find(Connection c, String eventId) throws SQLException {
        List<Event> found = query(c, Channel.HTTP, "SELECT " + Channel.HTTP.columns() + " FROM erp_event WHERE event_id = ? LIMIT ?",
                1, eventId);
        return found.isEmpty() ? null : found.get(0);
    }

    /** Puts a dead event back in the queue with a fresh retry window. */
    public boolean replay(Connection c, String eventId, long now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE erp_event SET state = 'PENDING', next_attempt_at = ?, retry_until = ? "
                + "WHERE event_id = ? AND state = 'DEAD'")) {
            s.setLong(1, now);
            s.setLong(2, now + maxAge.toMillis());
            s.setString(3, eventId);
            return s.executeUpdate() == 1;
        }
    }

    /** Puts every dead event back in the queue (each order's in their order); returns how many. */
    public int replayAllDead(Connection c, long now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE erp_event SET state = 'PENDING', next_attempt_at = ?, retry_until = ? "
                + "WHERE state = 'DEAD'")) {
            s.setLong(1, now);
            s.setLong(2, now + maxAge.toMillis());
            return s.executeUpdate();
        }
    }

    /** An operator gives up on a dead event: it stays listed (skipped) and no longer holds its order's later events. */
    public boolean skip(Connection c, String eventId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE erp_event SET state = 'SKIPPED' WHERE event_id = ? AND state = 'DEAD'")) {
            s.setString(1, eventId);
            return s.executeUpdate() == 1;
        }
    }

    /** Runs a query with its parameters followed by its LIMIT. */
    private static List<Event> query(Connection c, Channel channel, String sql, int limit, Object... parameters) throws SQLException {
        List<Event> events = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            s.setInt(parameters.length + 1, limit);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    events.add(new Event(r.getLong("seq"), r.getString("event_id"), r.getString("order_id"), r.getString("type"),
                            r.getString("body"), State.valueOf(r.getString("state")), r.getInt("attempts"),
                            r.getLong("next_attempt_at"), r.getLong("retry_until"), r.getString("last_error"), r.getLong("created_at"),
                            channel));
                }
            }
        }
        return events;
    }
}
