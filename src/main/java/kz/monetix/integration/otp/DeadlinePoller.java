package kz.monetix.integration.otp;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Named;
import kz.monetix.integration.gate.MonetixConfig;
import kz.monetix.integration.payment.Payment;
import kz.monetix.integration.payment.PaymentLedger;
import kz.monetix.integration.payment.PaymentStore;
import kz.monetix.integration.payment.Reconciliation;
import kz.monetix.integration.payment.Refunds;
import kz.monetix.integration.payment.SaleSubmission;
import kz.monetix.integration.payment.Store;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.event.Observes;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

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
    private final Refunds refunds;
    private final MonetixConfig config;
    private final ExecutorService workers;

    public DeadlinePoller(Store store, PaymentStore payments, PaymentLedger ledger, SaleSubmission sales, OtpSessions otp,
                          Reconciliation reconciliation, Refunds refunds, MonetixConfig config) {
        this.store = store;
        this.payments = payments;
        this.ledger = ledger;
        this.sales = sales;
        this.otp = otp;
        this.reconciliation = reconciliation;
        this.refunds = refunds;
        this.config = config;
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(config.timers().workers(), runnable -> {
            Thread thread = new Thread(runnable, "payment-timer-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * One poll: every due payment, oldest first, on a few workers so that a slow Gate answer for one payment
     * does not hold up the others; each payment on its own so that one failure does not stop the rest.
     */
    public int runDue() throws InterruptedException {
        List<String> due = store.inTransaction(c -> payments.dueOrderIds(c, ledger.now(), config.timers().batchSize()));
        List<Callable<Void>> work = due.stream().<Callable<Void>>map(orderId -> () -> {
            fire(orderId);
            return null;
        }).toList();
        workers.invokeAll(work);
        return due.size();
    }

    private void fire(String orderId) {
        try {
            Payment payment = ledger.find(orderId).orElse(null);
            if (payment == null || payment.dueAction() == null) {
                return;
            }
            switch (payment.dueAction()) {
                case SEND_SALE -> sales.send(orderId);
                case OTP_EXPIRY -> otp.deadlinePassed(orderId);
                case RECONCILE -> reconciliation.reconcile(orderId);
                case SEND_REFUNDS -> refunds.sendPending(orderId);
            }
        } catch (RuntimeException e) {
            LOG.warnf("payment %s: timer failed (%s); it stays due and runs again", orderId, e.toString());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        workers.shutdownNow();
    }
}
