package kz.monetix.integration.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.support.DefaultExchange;

import java.nio.file.Path;

/** Runs a mapping of routes/mappings through Camel's jq language, exactly as the routes do. */
public final class Mappings {

    private Mappings() {
    }

    public static ObjectNode apply(CamelContext context, Path routesDir, String mapping, JsonNode input) {
        Expression expression = context.resolveLanguage("jq")
                .createExpression("resource:file:" + routesDir.resolve("mappings").resolve(mapping + ".jq"));
        expression.init(context);
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setBody(input);
        return (ObjectNode) expression.evaluate(exchange, JsonNode.class);
    }

    public static ObjectNode apply(CamelContext context, String mapping, JsonNode input) {
        return apply(context, Path.of("routes"), mapping, input);
    }
}
