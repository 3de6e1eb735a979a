package kz.monetix.integration.gate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.SynchronizationAdapter;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bulkhead of the ERP API's own Gate calls (the {@code gate-bulkhead} route): at most
 * {@code monetix.gate.api-concurrency} requests hold a place at once, each until its exchange completes; up to
 * {@code monetix.gate.api-queue} more wait, each at most {@code monetix.gate.api-wait}, for a place; any other is
 * refused at once with {@link GateBusyException} (503). The short queue absorbs a burst of codes while the Gate
 * answers in milliseconds; its bound keeps waiting requests from taking the worker threads the callbacks need, and a
 * hung Gate holds at most places plus queue. (Camel's throttler either rejects at once or waits without a bound.)
 */
@ApplicationScoped
@Named("gateBulkhead")
public class GateBulkhead implements Processor {

    private final Semaphore places;
    private final AtomicInteger waiting = new AtomicInteger();
    private final int queue;
    private final long waitNanos;

    public GateBulkhead(MonetixConfig config) {
        this.places = new Semaphore(config.gate().apiConcurrency(), true);
        this.queue = config.gate().apiQueue();
        this.waitNanos = config.gate().apiWait().toNanos();
    }

    @Override
    public void process(Exchange exchange) throws InterruptedException {
        if (!places.tryAcquire() && !waitForPlace()) {
            throw new GateBusyException();
        }
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                places.release();
            }
        });
    }

    private boolean waitForPlace() throws InterruptedException {
        try {
            return waiting.incrementAndGet() <= queue && places.tryAcquire(waitNanos, TimeUnit.NANOSECONDS);
        } finally {
            waiting.decrementAndGet();
        }
    }

    /** No place in the bulkhead within {@code monetix.gate.api-wait}: the caller may retry shortly. */
    public static final class GateBusyException extends RuntimeException {
        GateBusyException() {
            super("the Gate bulkhead and its queue are full (monetix.gate.api-concurrency, api-queue, api-wait)", null, false, false);
        }
    }
}
