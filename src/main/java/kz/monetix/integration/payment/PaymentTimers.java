package kz.monetix.integration.payment;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import kz.monetix.integration.gate.MonetixConfig;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

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
    private final ExecutorService workers;

    public PaymentTimers(Store store, PaymentStore payments, PaymentLedger ledger, MonetixConfig config) {
        this.store = store;
        this.payments = payments;
        this.ledger = ledger;
        this.config = config;
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(config.timers().workers(), runnable -> {
            Thread thread = new Thread(runnable, "payment-timer-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The timers that have passed, oldest first, at most {@code monetix.timers.batch-size}. */
    public List<PaymentStore.DueTimer> due() {
        return store.inTransaction(c -> payments.due(c, ledger.now(), config.timers().batchSize()));
    }

    /** The {@code timerWorkers} pool the route splits due timers over, so a slow Gate answer holds up one payment only. */
    @Produces
    @Named("timerWorkers")
    ExecutorService workers() {
        return workers;
    }

    void stop(@Observes ShutdownEvent event) {
        workers.shutdownNow();
    }
}
