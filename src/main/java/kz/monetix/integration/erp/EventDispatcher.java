package kz.monetix.integration.erp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import kz.monetix.integration.payment.PaymentLedger;
import kz.monetix.integration.payment.Store;
import kz.monetix.integration.runtime.ErrorPolicies;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Delivers outbox events to the ERP through the {@code erp-deliver} route: at least once, in order per
 * order, with exponential backoff; an event still undelivered after {@code erp.events.max-age} is dead.
 * Each attempt is claimed in the database first, so several instances never deliver one event at once.
 */
@ApplicationScoped
@Named("eventDispatcher")
public class EventDispatcher {

    /** Exchange property carrying the target URL to the {@code erp-deliver} route. */
    public static final String URL_PROPERTY = "erpEventsUrl";

    private static final Logger LOG = Logger.getLogger(EventDispatcher.class);

    private final Store store;
    private final EventOutbox outbox;
    private final PaymentLedger ledger;
    private final ProducerTemplate producer;
    private final Optional<String> url;
    private final Optional<String> secret;
    private final Duration firstBackoff;
    private final Duration maxBackoff;
    private final Duration lease;

    public EventDispatcher(Store store, EventOutbox outbox, PaymentLedger ledger, ProducerTemplate producer,
                           @ConfigProperty(name = "erp.events.url") Optional<String> url,
                           @ConfigProperty(name = "erp.events.secret") Optional<String> secret,
                           @ConfigProperty(name = "erp.events.backoff.first", defaultValue = "PT1S") Duration firstBackoff,
                           @ConfigProperty(name = "erp.events.backoff.max", defaultValue = "PT5M") Duration maxBackoff,
                           @ConfigProperty(name = "erp.events.lease", defaultValue = "PT2M") Duration lease) {
        this.store = store;
        this.outbox = outbox;
        this.ledger = ledger;
        this.producer = producer;
        this.url = url;
        this.secret = secret;
        this.firstBackoff = firstBackoff;
        this.maxBackoff = maxBackoff;
        this.lease = lease;
    }

    /** One round: every deliverable event once. Without {@code erp.events.url}, events wait in the outbox. */
    public int dispatchDue() {
        if (url.isEmpty()) {
            return 0;
        }
        long now = ledger.now();
        List<EventOutbox.Event> due = store.inTransaction(c -> outbox.deliverable(c, now, 200));
        int delivered = 0;
        for (EventOutbox.Event event : due) {
            if (store.inTransaction(c -> outbox.claim(c, event, now + lease.toMillis())) && deliver(event)) {
                delivered++;
            }
        }
        return delivered;
    }

    private boolean deliver(EventOutbox.Event event) {
        byte[] body = event.body().getBytes(StandardCharsets.UTF_8);
        Exchange reply = producer.send("direct:erp-deliver", exchange -> {
            exchange.setProperty(URL_PROPERTY, url.get());
            exchange.getMessage().setHeader("X-Event-Id", event.eventId());
            exchange.getMessage().setHeader("X-Signature", EventSignature.sign(secret.orElse(""), body));
            exchange.getMessage().setBody(body);
        });
        Integer status = reply.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        String transportError = reply.getProperty(ErrorPolicies.TRANSPORT_ERROR, String.class);
        long now = ledger.now();
        if (transportError == null && reply.getException() == null && status != null && status >= 200 && status < 300) {
            store.inTransaction(c -> {
                outbox.delivered(c, event, now);
                return null;
            });
            return true;
        }
        String error = transportError != null ? transportError : reply.getException() != null ? reply.getException().toString() : "HTTP " + status;
        long next = now + backoff(event.attempts() + 1);
        EventOutbox.State state = store.inTransaction(c -> outbox.failed(c, event, now, next, error));
        if (state == EventOutbox.State.DEAD) {
            LOG.errorf("event %s (%s, order %s) is dead after %d attempts: %s", event.eventId(), event.type(), event.orderId(),
                    event.attempts() + 1, error);
        } else {
            LOG.warnf("event %s (%s, order %s) not delivered (%s); next attempt in %d ms", event.eventId(), event.type(),
                    event.orderId(), error, next - now);
        }
        return false;
    }

    long backoff(int attempt) {
        return Math.min(maxBackoff.toMillis(), firstBackoff.toMillis() << Math.min(20, attempt - 1));
    }
}
