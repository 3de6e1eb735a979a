package kz.monetix.integration.payment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import kz.monetix.integration.json.Json;
import kz.monetix.integration.gate.MonetixConfig;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The only way a payment changes: under its row lock, in one transaction with its history lines and the
 * ERP events the change causes. Either all of it is committed or none of it.
 */
@ApplicationScoped
public class PaymentLedger {

    /** One change being prepared on a locked payment. */
    public final class Change {
        private final Payment original;
        private Payment payment;
        private final long now;
        private final List<String[]> notes = new ArrayList<>();
        private final List<Map.Entry<String, ObjectNode>> events = new ArrayList<>();
        private final Connection connection;

        private Change(Connection connection, Payment payment, long now) {
            this.connection = connection;
            this.original = payment;
            this.payment = payment;
            this.now = now;
        }

        /** The transaction of this change, for related rows (refunds) that must commit with it. */
        public Connection connection() {
            return connection;
        }

        public Payment payment() {
            return payment;
        }

        public long now() {
            return now;
        }

        public void set(Payment next) {
            payment = next;
        }

        /** A history line; {@code detail} must already be free of personal data and OTP codes. */
        public void note(String kind, String detail) {
            notes.add(new String[] {kind, detail});
        }

        /** An ERP event of {@code type}, built from the payment as it is when the change commits. */
        public void emit(String type) {
            emit(type, null);
        }

        /** An ERP event with fields of its own (a refund's id and amount) over the payment's. */
        public void emit(String type, ObjectNode fields) {
            events.add(new AbstractMap.SimpleEntry<>(type, fields));
        }
    }

    /** What a change function does with a locked payment. */
    @FunctionalInterface
    public interface ChangeFunction<T> {
        T apply(Change change) throws SQLException;
    }

    private final Store store;
    private final PaymentStore payments;
    private final EventOutbox outbox;
    private final MonetixConfig config;
    private final Clock clock = Clock.systemUTC();

    public PaymentLedger(Store store, PaymentStore payments, EventOutbox outbox, MonetixConfig config) {
        this.store = store;
        this.payments = payments;
        this.outbox = outbox;
        this.config = config;
    }

    public long now() {
        return clock.millis();
    }

    /**
     * Locks the payment of {@code orderId}, lets {@code function} decide, and commits the result.
     *
     * @return empty when no such payment exists
     */
    public <T> Optional<T> change(String orderId, ChangeFunction<T> function) {
        return store.inTransaction(c -> {
            Optional<Payment> locked = payments.lock(c, orderId);
            if (locked.isEmpty()) {
                return Optional.empty();
            }
            Change change = new Change(c, locked.get(), now());
            T result = function.apply(change);
            commit(c, change);
            return Optional.ofNullable(result);
        });
    }

    /**
     * A change for what Monetix reported: a callback (known by its fingerprint) applies once; the same signed callback
     * again, duplicated or replayed, only adds a history line.
     */
    public void apply(GateReport report, ChangeFunction<?> function) {
        change(report.orderId(), change -> {
            if (report.fingerprint() != null
                    && !payments.firstSight(change.connection(), change.payment().paymentId(), report.fingerprint(), change.now())) {
                change.note("ignored", report.source() + ": the same callback again, applied once already");
                return null;
            }
            return function.apply(change);
        });
    }

    /** The callback of {@code report} was applied before (see {@link #apply}). */
    public boolean alreadyApplied(String paymentId, String fingerprint) {
        return store.inTransaction(c -> payments.seen(c, paymentId, fingerprint));
    }

    /** Stores a new order with its first history line (and events, if any), in one transaction. */
    public void insert(Payment payment, String kind, String detail) {
        store.inTransaction(c -> {
            payments.insert(c, payment);
            payments.history(c, payment.orderId(), payment.createdAt(), kind, payment.status(), detail);
            return null;
        });
    }

    public Optional<Payment> find(String orderId) {
        return store.inTransaction(c -> payments.find(c, orderId));
    }

    public Optional<Payment> findByPaymentId(String paymentId) {
        return store.inTransaction(c -> payments.findByPaymentId(c, paymentId));
    }

    /** A read outside any change. */
    public <T> T read(Store.Work<T> work) {
        return store.inTransaction(work);
    }

    public List<PaymentStore.HistoryEntry> history(String orderId) {
        return store.inTransaction(c -> payments.historyOf(c, orderId));
    }

    /** The {@code otp} object of views and events: deadline and resends left. */
    public ObjectNode otpView(Payment payment) {
        ObjectNode otp = Json.MAPPER.createObjectNode();
        if (payment.otpExpiresAt() != null) {
            otp.put("expiresAt", Instant.ofEpochMilli(payment.otpExpiresAt()).toString());
        }
        otp.put("resendsLeft", Math.max(0, config.otp().maxResends() - payment.otpResendsUsed()));
        return otp;
    }

    private void commit(Connection c, Change change) throws SQLException {
        Payment written = change.payment;
        if (!written.equals(change.original)) {
            written = payments.update(c, change.payment, change.now);
        }
        for (String[] note : change.notes) {
            payments.history(c, written.orderId(), change.now, note[0], written.status(), note[1]);
        }
        for (Map.Entry<String, ObjectNode> event : change.events) {
            String type = event.getKey();
            boolean aboutOtp = EventOutbox.OTP_REQUIRED.equals(type) || EventOutbox.OTP_EXPIRED.equals(type);
            String eventId = outbox.add(c, written, type, change.now, aboutOtp ? otpView(written) : null, event.getValue());
            payments.history(c, written.orderId(), change.now, "event", written.status(), type + " " + eventId);
        }
    }
}
