package kz.monetix.integration.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import kz.monetix.integration.gate.GateResult;
import org.apache.camel.ProducerTemplate;

/** Posts a request through the product's {@code gate-call} route (sign, POST, verify, classify), as the flow routes do. */
public final class GateClient {

    private final ProducerTemplate producer;

    public GateClient(ProducerTemplate producer) {
        this.producer = producer;
    }

    public GateResult post(String path, ObjectNode request) {
        return producer.send("direct:gate-call", exchange -> {
            exchange.setProperty("gatePath", path);
            exchange.getMessage().setBody(request);
        }).getMessage().getBody(GateResult.class);
    }
}
