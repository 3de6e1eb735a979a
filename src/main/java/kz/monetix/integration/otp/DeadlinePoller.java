package kz.monetix.integration.otp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import kz.monetix.integration.gate.MonetixConfig;
import kz.monetix.integration.payment.Payment;
import kz.monetix.integration.payment.PaymentLedger;
import kz.monetix.integration.payment.PaymentStore;
import kz.monetix.integration.payment.Reconciliation;
import kz.monetix.integration.payment.SaleSubmission;
import kz.monetix.integration.payment.Store;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Runs the payment timers that are due. Timers are the {@code due_at}/{@code due_action} columns of the
 * payment rows (indexed): a waiting payment costs no thread or memory, timers survive restarts, and each
 * action claims its row under a lock first, so with several instances on one database it runs once.
 */
@ApplicationScoped
@Named("deadlinePoller")
public class DeadlinePoller {

    private static final Logger LOG = Logger.getLogger(DeadlinePoller.class);

    private final Store store;
    private final PaymentStore payments;
    private final PaymentLedger ledger;
    private final SaleSubmission sales;
    private final OtpSessions otp;
    private final Reconciliation reconciliation;
    private final MonetixConfig config;

    public DeadlinePoller(Store store, PaymentStore payments, PaymentLedger ledger, SaleSubmission sales, OtpSessions otp,
                          Reconciliation reconciliation, MonetixConfig config) {
        this.store = store;
        this.payments = payments;
        this.ledger = ledger;
        this.sales = sales;
        this.otp = otp;
        this.reconciliation = reconciliation;
        this.config = config;
    }

    /** One poll: every due payment, oldest first, each on its own so that one failure does not stop the rest. */
    public int runDue() {
        List<String> due = store.inTransaction(c -> payments.dueOrderIds(c, ledger.now(), config.timers().batchSize()));
        for (String orderId : due) {
            try {
                Payment payment = ledger.find(orderId).orElse(null);
                if (payment == null || payment.dueAction() == null) {
                    continue;
                }
                switch (payment.dueAction()) {
                    case SEND_SALE -> sales.send(orderId);
                    case OTP_EXPIRY -> otp.deadlinePassed(orderId);
                    case RECONCILE -> reconciliation.reconcile(orderId);
                }
            } catch (RuntimeException e) {
                LOG.warnf("payment %s: timer failed (%s); it stays due and runs again", orderId, e.toString());
            }
        }
        return due.size();
    }
}
