package kz.monetix.integration.gate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.SynchronizationAdapter;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The bulkhead of the ERP API's own Gate calls (the {@code gate-bulkhead} route): at most
 * {@code monetix.gate.api-concurrency} requests hold a place at once, each until its exchange completes; the next
 * waits up to {@code monetix.gate.api-wait} for one, then is refused with {@link GateBusyException} (503). Waiting a
 * little absorbs a burst of codes while the Gate answers in milliseconds; the limit still keeps a hung Gate from
 * holding every API thread. (Camel's throttler either rejects at once or waits without a bound.)
 */
@ApplicationScoped
@Named("gateBulkhead")
public class GateBulkhead implements Processor {

    private final Semaphore places;
    private final long waitNanos;

    public GateBulkhead(MonetixConfig config) {
        this.places = new Semaphore(config.gate().apiConcurrency(), true);
        this.waitNanos = config.gate().apiWait().toNanos();
    }

    @Override
    public void process(Exchange exchange) throws InterruptedException {
        if (!places.tryAcquire(waitNanos, TimeUnit.NANOSECONDS)) {
            throw new GateBusyException();
        }
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                places.release();
            }
        });
    }

    /** No place in the bulkhead within {@code monetix.gate.api-wait}: the caller may retry shortly. */
    public static final class GateBusyException extends RuntimeException {
        GateBusyException() {
            super("the Gate bulkhead is full (monetix.gate.api-concurrency) after waiting monetix.gate.api-wait", null, false, false);
        }
    }
}
