package kz.monetix.integration.payment;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import kz.monetix.integration.gate.MonetixConfig;
import org.apache.camel.CamelContext;

import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * The payment timers polled by the {@code payment-timers} route (routes/timers.yaml). Timers are the
 * {@code due_at}/{@code due_action} columns of the payment rows (indexed): a waiting payment costs no thread or
 * memory, timers survive restarts, and each action claims its row under a lock, so it runs once across instances.
 */
@ApplicationScoped
@Named("paymentTimers")
public class PaymentTimers {

    private final Store store;
    private final PaymentStore payments;
    private final PaymentLedger ledger;
    private final MonetixConfig config;

    public PaymentTimers(Store store, PaymentStore payments, PaymentLedger ledger, MonetixConfig config) {
        this.store = store;
        this.payments = payments;
        this.ledger = ledger;
        this.config = config;
    }

    /**
     * The timers that have passed, oldest first, at most {@code monetix.timers.batch-size}, leased to this instance for
     * {@code monetix.timers.lease} (see {@link PaymentStore#takeDue}).
     */
    public List<PaymentStore.DueTimer> due() {
        long now = ledger.now();
        return store.inTransaction(c -> payments.takeDue(c, now, now + config.timers().lease().toMillis(), config.timers().batchSize()));
    }

    /** The timer action of {@code orderId} failed: it backs off (see {@link PaymentStore#backOff}). */
    public void backOff(String orderId) {
        if (orderId != null) {
            store.inTransaction(c -> {
                payments.backOff(c, orderId, ledger.now(), config.timers().failureBackoff().toMillis(),
                        config.timers().failureBackoffMax().toMillis());
                return null;
            });
        }
    }

    /**
     * The {@code timerWorkers} pool ({@code monetix.timers.workers} threads) the route splits due timers over, so a slow
     * Gate answer holds up one payment only. Camel owns it: it is shut down after the routes stop.
     */
    @Produces
    @Singleton
    @Named("timerWorkers")
    ExecutorService workers(CamelContext camel) {
        return camel.getExecutorServiceManager().newFixedThreadPool(this, "payment-timer", config.timers().workers());
    }
}
