package kz.monetix.integration.erp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import kz.monetix.integration.gate.GateCalls;
import kz.monetix.integration.payment.EventOutbox;
import kz.monetix.integration.payment.PaymentLedger;
import kz.monetix.integration.payment.Store;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The steps of the ERP delivery routes (routes/erp-delivery.yaml): at least once, in order per order, with
 * exponential backoff; an event still undelivered after {@code erp.events.max-age} is dead. Each attempt is claimed
 * in the database first, so several instances never deliver one event at once.
 */
@ApplicationScoped
@Named("eventDelivery")
public class EventDelivery {

    private static final Logger LOG = Logger.getLogger(EventDelivery.class);

    private final Store store;
    private final EventOutbox outbox;
    private final PaymentLedger ledger;
    private final Optional<String> url;
    private final Optional<String> secret;
    private final Duration firstBackoff;
    private final Duration maxBackoff;
    private final Duration lease;

    public EventDelivery(Store store, EventOutbox outbox, PaymentLedger ledger,
                         @ConfigProperty(name = "erp.events.url") Optional<String> url,
                         @ConfigProperty(name = "erp.events.secret") Optional<String> secret,
                         @ConfigProperty(name = "erp.events.backoff.first", defaultValue = "PT1S") Duration firstBackoff,
                         @ConfigProperty(name = "erp.events.backoff.max", defaultValue = "PT5M") Duration maxBackoff,
                         @ConfigProperty(name = "erp.events.lease", defaultValue = "PT2M") Duration lease) {
        this.store = store;
        this.outbox = outbox;
        this.ledger = ledger;
        this.url = url;
        this.secret = secret;
        this.firstBackoff = firstBackoff;
        this.maxBackoff = maxBackoff;
        this.lease = lease;
    }

    /**
     * Events ready to go on a channel (each the oldest pending one of its order). Without {@code erp.events.url}, HTTP
     * events wait in the outbox.
     */
    public List<EventOutbox.Event> due(EventOutbox.Channel channel) {
        if (channel == EventOutbox.Channel.HTTP && url.isEmpty()) {
            return List.of();
        }
        long now = ledger.now();
        return store.inTransaction(c -> outbox.deliverable(c, channel, now, 200));
    }

    /** The order's event ready to go over HTTP now, if any: pushed right after the change that wrote it committed. */
    public List<EventOutbox.Event> dueOf(String orderId) {
        if (url.isEmpty() || orderId == null) {
            return List.of();
        }
        long now = ledger.now();
        return store.inTransaction(c -> outbox.deliverableOf(c, EventOutbox.Channel.HTTP, orderId, now));
    }

    /** Claims one attempt (atomic across instances); false when another attempt has it. */
    public boolean claim(EventOutbox.Event event) {
        return store.inTransaction(c -> outbox.claim(c, event, ledger.now() + lease.toMillis()));
    }

    /** {@code erp.events.url}, POSTed with the delivery's own HTTP client ({@link ErpHttp}). */
    public String url() {
        String target = url.orElseThrow();
        return target + (target.contains("?") ? "&" : "?") + "httpMethod=POST&httpClient=#" + ErpHttp.CLIENT;
    }

    public byte[] body(EventOutbox.Event event) {
        return event.body().getBytes(StandardCharsets.UTF_8);
    }

    /** The body as text, for a JMS TextMessage. */
    public String text(EventOutbox.Event event) {
        return event.body();
    }

    /** {@code X-Signature}: HMAC-SHA256 of the body with {@code erp.events.secret}. */
    public String signature(EventOutbox.Event event) {
        return EventSignature.sign(secret.orElse(""), body(event));
    }

    public void delivered(EventOutbox.Event event) {
        long now = ledger.now();
        store.inTransaction(c -> {
            outbox.delivered(c, event, now);
            return null;
        });
    }

    /** A failed attempt: tried again after a backoff, or dead once past its retry window. */
    public void failed(EventOutbox.Event event, Exception cause) {
        String error = GateCalls.describe(cause);
        long now = ledger.now();
        long next = now + backoff(event.attempts() + 1);
        EventOutbox.State state = store.inTransaction(c -> outbox.failed(c, event, next, error));
        if (state == EventOutbox.State.DEAD) {
            LOG.errorf("event %s (%s, order %s) is dead on %s after %d attempts: %s", event.eventId(), event.type(), event.orderId(),
                    event.channel(), event.attempts() + 1, error);
        } else {
            LOG.warnf("event %s (%s, order %s) not delivered over %s (%s); next attempt in %d ms", event.eventId(), event.type(),
                    event.orderId(), event.channel(), error, next - now);
        }
    }

    long backoff(int attempt) {
        return Math.min(maxBackoff.toMillis(), firstBackoff.toMillis() << Math.min(20, attempt - 1));
    }
}
