package kz.monetix.integration.payment;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Personal data retention, the step of the {@code personal-data-retention} route (routes/timers.yaml): a finished
 * payment untouched for {@code data.retention} loses the customer's phone, names, e-mail and IP address; amounts, ids,
 * statuses, refunds and history (which never held them unmasked) stay for accounting.
 */
@ApplicationScoped
@Named("personalData")
public class PersonalData {

    private static final Logger LOG = Logger.getLogger(PersonalData.class);

    /** Finished: final, with no timer left (no refund or status request in flight). */
    private static final String FINISHED = Arrays.stream(PaymentStatus.values()).filter(PaymentStatus::isFinal)
            .map(s -> "'" + s.wire() + "'").collect(Collectors.joining(", ", "status IN (", ") AND due_at IS NULL"));

    private final Store store;
    private final PaymentLedger ledger;
    private final Duration retention;

    public PersonalData(Store store, PaymentLedger ledger, @ConfigProperty(name = "data.retention") Duration retention) {
        this.store = store;
        this.ledger = ledger;
        this.retention = retention;
    }

    /** Erases the personal data of finished payments older than the retention; returns how many payments lost it. */
    public int eraseExpired() {
        long before = ledger.now() - retention.toMillis();
        int erased = store.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE payment SET phone = NULL, customer_first_name = NULL, "
                    + "customer_last_name = NULL, customer_email = NULL, customer_ip = NULL WHERE " + FINISHED
                    + " AND updated_at < ? AND (phone IS NOT NULL OR customer_first_name IS NOT NULL OR customer_last_name IS NOT NULL"
                    + " OR customer_email IS NOT NULL OR customer_ip IS NOT NULL)")) {
                s.setLong(1, before);
                return s.executeUpdate();
            }
        });
        if (erased > 0) {
            LOG.infof("personal data of %d finished payment(s) older than %s erased (data.retention)", erased, retention);
        }
        return erased;
    }
}
