package kz.monetix.integration.payment;

import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** JDBC access to the {@code payment} and {@code payment_history} tables. Every method joins the caller's transaction. */
@ApplicationScoped
public class PaymentStore {

    private static final String COLUMNS = "order_id, payment_id, channel, status, amount_minor, currency, phone, operator, description, "
            + "customer_id, customer_first_name, customer_last_name, customer_email, customer_ip, fingerprint, sale_state, gate_request_id, "
            + "otp_expires_at, otp_resends_used, otp_codes_submitted, otp_pending, refunded_minor, last_code, last_message, "
            + "due_at, due_action, reconcile_attempts, version, created_at, updated_at";

    /** Columns that change over a payment's life, in the order {@link #bindMutable} binds them. */
    private static final String MUTABLE = "status, operator, sale_state, gate_request_id, otp_expires_at, otp_resends_used, "
            + "otp_codes_submitted, otp_pending, refunded_minor, last_code, last_message, due_at, due_action, reconcile_attempts";

    /** One line of a payment's history as the ERP view shows it. */
    public record HistoryEntry(long at, String kind, String status, String detail) {
    }

    /** Inserts a new order; a second order with the same order id or payment id fails on the unique keys. */
    public void insert(Connection c, Payment p) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO payment (order_id, payment_id, channel, amount_minor, currency, phone, "
                + "description, customer_id, customer_first_name, customer_last_name, customer_email, customer_ip, fingerprint, "
                + "created_at, " + MUTABLE + ", version, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)")) {
            int i = 1;
            s.setString(i++, p.orderId());
            s.setString(i++, p.paymentId());
            s.setString(i++, p.channel());
            s.setLong(i++, p.amountMinor());
            s.setString(i++, p.currency());
            s.setString(i++, p.phone());
            s.setString(i++, p.description());
            s.setString(i++, p.customerId());
            s.setString(i++, p.customerFirstName());
            s.setString(i++, p.customerLastName());
            s.setString(i++, p.customerEmail());
            s.setString(i++, p.customerIp());
            s.setString(i++, p.fingerprint());
            s.setLong(i++, p.createdAt());
            i = bindMutable(s, i, p);
            s.setLong(i, p.updatedAt());
            s.executeUpdate();
        }
    }

    /** Reads and row-locks a payment until the transaction ends: state changes of one payment are serialised. */
    public Optional<Payment> lock(Connection c, String orderId) throws SQLException {
        return one(c, "SELECT " + COLUMNS + " FROM payment WHERE order_id = ? FOR UPDATE", orderId);
    }

    public Optional<Payment> find(Connection c, String orderId) throws SQLException {
        return one(c, "SELECT " + COLUMNS + " FROM payment WHERE order_id = ?", orderId);
    }

    public Optional<Payment> findByPaymentId(Connection c, String paymentId) throws SQLException {
        return one(c, "SELECT " + COLUMNS + " FROM payment WHERE payment_id = ?", paymentId);
    }

    /**
     * Purchases nobody is settling any more: not final, and no timer left (status requests gave up). They stay listed
     * until Monetix or an operator settles them.
     */
    public List<Payment> reviewRequired(Connection c, int limit) throws SQLException {
        List<Payment> found = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM payment WHERE channel = 'gate' AND due_at IS NULL "
                + "AND status IN ('processing', 'awaiting_otp') ORDER BY created_at LIMIT ?")) {
            s.setInt(1, limit);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    found.add(read(r));
                }
            }
        }
        return found;
    }

    /**
     * Records that a callback (by its {@code digest}) reached the payment; false when it had before. Called under the
     * payment's row lock, so two deliveries of one callback cannot both see it first.
     */
    public boolean firstSight(Connection c, String paymentId, String digest, long now) throws SQLException {
        if (seen(c, paymentId, digest)) {
            return false;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO callback_seen (payment_id, digest, seen_at) VALUES (?, ?, ?)")) {
            s.setString(1, paymentId);
            s.setString(2, digest);
            s.setLong(3, now);
            s.executeUpdate();
        }
        return true;
    }

    public boolean seen(Connection c, String paymentId, String digest) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM callback_seen WHERE payment_id = ? AND digest = ?")) {
            s.setString(1, paymentId);
            s.setString(2, digest);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    /** Writes every mutable column back; the version check guards against a writer that skipped the lock. */
    public Payment update(Connection c, Payment p, long now) throws SQLException {
        String assignments = String.join(" = ?, ", MUTABLE.split(", ")) + " = ?";
        try (PreparedStatement s = c.prepareStatement("UPDATE payment SET " + assignments + ", timer_failures = 0, timer_lease_until = 0, version = version + 1, updated_at = ? "
                + "WHERE order_id = ? AND version = ?")) {
            int i = bindMutable(s, 1, p);
            s.setLong(i++, now);
            s.setString(i++, p.orderId());
            s.setLong(i, p.version());
            if (s.executeUpdate() != 1) {
                throw new SQLException("payment " + p.orderId() + " changed concurrently", "40001");
            }
        }
        return find(c, p.orderId()).orElseThrow();
    }

    /** Binds the {@link #MUTABLE} columns in their order, from {@code index}; returns the next index. */
    private static int bindMutable(PreparedStatement s, int index, Payment p) throws SQLException {
        int i = index;
        s.setString(i++, p.status().wire());
        s.setString(i++, p.operator());
        s.setString(i++, p.saleState().name());
        s.setString(i++, p.gateRequestId());
        setLong(s, i++, p.otpExpiresAt());
        s.setInt(i++, p.otpResendsUsed());
        s.setInt(i++, p.otpCodesSubmitted());
        s.setString(i++, p.otpPending() == null ? null : p.otpPending().name());
        s.setLong(i++, p.refundedMinor());
        s.setString(i++, p.lastCode());
        s.setString(i++, p.lastMessage());
        setLong(s, i++, p.dueAt());
        s.setString(i++, p.dueAction() == null ? null : p.dueAction().name());
        s.setInt(i++, p.reconcileAttempts());
        return i;
    }

    public void history(Connection c, String orderId, long at, String kind, PaymentStatus status, String detail) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO payment_history (order_id, at, kind, status, detail) VALUES (?, ?, ?, ?, ?)")) {
            s.setString(1, orderId);
            s.setLong(2, at);
            s.setString(3, kind);
            s.setString(4, status == null ? null : status.wire());
            s.setString(5, detail == null || detail.length() <= 1000 ? detail : detail.substring(0, 1000));
            s.executeUpdate();
        }
    }

    public List<HistoryEntry> historyOf(Connection c, String orderId) throws SQLException {
        List<HistoryEntry> entries = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT at, kind, status, detail FROM payment_history WHERE order_id = ? ORDER BY id")) {
            s.setString(1, orderId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    entries.add(new HistoryEntry(r.getLong("at"), r.getString("kind"), r.getString("status"), r.getString("detail")));
                }
            }
        }
        return entries;
    }

    /** A payment timer that has passed. */
    public record DueTimer(String orderId, Payment.DueAction action) {
    }

    /**
     * Moves a timer whose action failed behind the others: due again after {@code firstMillis}, doubling with each
     * failure in a row up to {@code maxMillis}, so a timer that keeps failing never holds up the rest. Any change of
     * the payment resets the count ({@link #update}). The poll's lease ends here too, so the backoff alone decides when it
     * runs again.
     */
    public void backOff(Connection c, String orderId, long now, long firstMillis, long maxMillis) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE payment SET timer_failures = timer_failures + 1, timer_lease_until = 0, "
                + "due_at = ? + LEAST(CAST(? * POWER(2, LEAST(timer_failures, 20)) AS BIGINT), ?) WHERE order_id = ? AND due_at <= ?")) {
            s.setLong(1, now);
            s.setLong(2, firstMillis);
            s.setLong(3, maxMillis);
            s.setString(4, orderId);
            s.setLong(5, now);
            s.executeUpdate();
        }
    }

    /**
     * Takes the timers that have passed, oldest first, and leases them to the caller until {@code leaseUntil}: rows
     * another instance is taking right now are skipped ({@code SKIP LOCKED}) and leased rows are left alone until the
     * lease ends, so several pollers on one database each get their own timers. The lease only spreads the work: every
     * action still claims its payment under the row lock, so a pushed and a polled attempt never both act.
     */
    public List<DueTimer> takeDue(Connection c, long now, long leaseUntil, int limit) throws SQLException {
        List<DueTimer> due = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT order_id, due_action FROM payment WHERE due_at <= ? "
                + "AND timer_lease_until <= ? ORDER BY due_at LIMIT ? FOR UPDATE SKIP LOCKED")) {
            s.setLong(1, now);
            s.setLong(2, now);
            s.setInt(3, limit);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String action = r.getString(2);
                    if (action != null) {
                        due.add(new DueTimer(r.getString(1), Payment.DueAction.valueOf(action)));
                    }
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE payment SET timer_lease_until = ? WHERE order_id = ?")) {
            for (DueTimer timer : due) {
                s.setLong(1, leaseUntil);
                s.setString(2, timer.orderId());
                s.addBatch();
            }
            s.executeBatch();
        }
        return due;
    }

    private Optional<Payment> one(Connection c, String sql, String key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, key);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(read(r)) : Optional.empty();
            }
        }
    }

    private static Payment read(ResultSet r) throws SQLException {
        String pending = r.getString("otp_pending");
        String dueAction = r.getString("due_action");
        return new Payment(r.getString("order_id"), r.getString("payment_id"), r.getString("channel"),
                PaymentStatus.fromWire(r.getString("status")), r.getLong("amount_minor"), r.getString("currency"),
                r.getString("phone"), r.getString("operator"), r.getString("description"),
                r.getString("customer_id"), r.getString("customer_first_name"), r.getString("customer_last_name"),
                r.getString("customer_email"), r.getString("customer_ip"), r.getString("fingerprint"),
                Payment.SaleState.valueOf(r.getString("sale_state")), r.getString("gate_request_id"),
                getLong(r, "otp_expires_at"), r.getInt("otp_resends_used"), r.getInt("otp_codes_submitted"),
                pending == null ? null : Payment.OtpPending.valueOf(pending), r.getLong("refunded_minor"),
                r.getString("last_code"), r.getString("last_message"), getLong(r, "due_at"),
                dueAction == null ? null : Payment.DueAction.valueOf(dueAction), r.getInt("reconcile_attempts"),
                r.getLong("version"), r.getLong("created_at"), r.getLong("updated_at"));
    }

    private static void setLong(PreparedStatement s, int index, Long value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.BIGINT);
        } else {
            s.setLong(index, value);
        }
    }

    private static Long getLong(ResultSet r, String column) throws SQLException {
        long value = r.getLong(column);
        return r.wasNull() ? null : value;
    }
}
