package kz.monetix.integration.payment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.support.DefaultExchange;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The ERP event body, from the event's facts, by {@code routes/mappings/erp-event.jq} (Camel's jq language, as in the
 * routes). Applied once, when the event is written, so every delivery of an event sends the same bytes. The mapping is
 * checked at start and read again when the file changes (looked at once a second, not for every event: events are
 * written inside the payment's transaction).
 */
@ApplicationScoped
public class EventMapping {

    private record Loaded(long modified, Expression expression, long checkedAt) {
    }

    private static final long RECHECK_MILLIS = 1000;

    private final CamelContext camel;
    private final Path file;
    private volatile Loaded loaded;

    public EventMapping(CamelContext camel, @ConfigProperty(name = "routes.dir") String routesDir) {
        this.camel = camel;
        this.file = Path.of(routesDir, "mappings", "erp-event.jq").toAbsolutePath();
    }

    void checkAtStart(@Observes StartupEvent event) {
        current();
    }

    /** The mapped body; {@code eventId}, {@code type} and {@code orderId} stay as the facts say (the contract keys on them). */
    public ObjectNode apply(ObjectNode facts) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setBody(facts);
        JsonNode mapped = current().evaluate(exchange, JsonNode.class);
        if (exchange.getException() != null) {
            throw new IllegalStateException("routes/mappings/erp-event.jq failed", exchange.getException());
        }
        if (!(mapped instanceof ObjectNode body)) {
            throw new IllegalStateException("routes/mappings/erp-event.jq must produce a JSON object");
        }
        for (String key : new String[] {"eventId", "type", "orderId"}) {
            body.set(key, facts.get(key));
        }
        return body;
    }

    private Expression current() {
        Loaded now = loaded;
        long time = System.currentTimeMillis();
        if (now != null && time - now.checkedAt() < RECHECK_MILLIS) {
            return now.expression();
        }
        try {
            long modified = Files.getLastModifiedTime(file).toMillis();
            Expression expression = now != null && now.modified() == modified ? now.expression() : compile();
            loaded = new Loaded(modified, expression, time);
            return expression;
        } catch (IOException e) {
            throw new UncheckedIOException("the ERP event mapping " + file + " cannot be read", e);
        }
    }

    private Expression compile() {
        Expression expression = camel.resolveLanguage("jq").createExpression("resource:file:" + file);
        expression.init(camel);
        return expression;
    }
}
