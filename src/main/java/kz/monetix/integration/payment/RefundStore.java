package kz.monetix.integration.payment;

import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** JDBC access to the {@code refund} table, always inside the payment's transaction (see {@link PaymentLedger.Change}). */
@ApplicationScoped
public class RefundStore {

    private static final String COLUMNS = "order_id, refund_id, merchant_refund_id, amount_minor, description, status, gate_request_id, "
            + "last_code, last_message, created_at, updated_at, origin";

    public void insert(Connection c, Refund r) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO refund (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, r.orderId());
            s.setString(2, r.refundId());
            s.setString(3, r.merchantRefundId());
            s.setLong(4, r.amountMinor());
            s.setString(5, r.description());
            s.setString(6, r.state().name());
            s.setString(7, r.gateRequestId());
            s.setString(8, r.lastCode());
            s.setString(9, r.lastMessage());
            s.setLong(10, r.createdAt());
            s.setLong(11, r.updatedAt());
            s.setString(12, r.origin().name());
            s.executeUpdate();
        }
    }

    public void update(Connection c, Refund r, long now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE refund SET status = ?, gate_request_id = ?, last_code = ?, last_message = ?, "
                + "updated_at = ? WHERE order_id = ? AND refund_id = ?")) {
            s.setString(1, r.state().name());
            s.setString(2, r.gateRequestId());
            s.setString(3, r.lastCode());
            s.setString(4, r.lastMessage());
            s.setLong(5, now);
            s.setString(6, r.orderId());
            s.setString(7, r.refundId());
            s.executeUpdate();
        }
    }

    public Optional<Refund> find(Connection c, String orderId, String refundId) throws SQLException {
        List<Refund> found = query(c, "SELECT " + COLUMNS + " FROM refund WHERE order_id = ? AND refund_id = ?", orderId, refundId);
        return found.stream().findFirst();
    }

    /** The refunds of a payment, oldest first. */
    public List<Refund> of(Connection c, String orderId) throws SQLException {
        return query(c, "SELECT " + COLUMNS + " FROM refund WHERE order_id = ? ORDER BY created_at, refund_id", orderId);
    }

    private static List<Refund> query(Connection c, String sql, String... parameters) throws SQLException {
        List<Refund> refunds = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setString(i + 1, parameters[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    refunds.add(new Refund(r.getString("order_id"), r.getString("refund_id"), r.getString("merchant_refund_id"),
                            r.getLong("amount_minor"), r.getString("description"), Refund.State.valueOf(r.getString("status")),
                            r.getString("gate_request_id"), r.getString("last_code"), r.getString("last_message"),
                            r.getLong("created_at"), r.getLong("updated_at"),
                            Refund.Origin.valueOf(r.getString("origin"))));
                }
            }
        }
        return refunds;
    }
}
