package kz.monetix.integration.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import kz.monetix.integration.runtime.ErrorPolicies;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.jboss.logging.Logger;

/**
 * Sends signed requests to the Gate through the {@code gate-post} route and classifies the answers.
 * Nothing here retries: a sale that timed out is reported as {@link GateResult.Outcome#UNKNOWN} and
 * the caller reconciles with a status request.
 */
@ApplicationScoped
public class GateClient {

    /** Exchange property carrying the Gate path to the {@code gate-post} route. */
    public static final String PATH_PROPERTY = "gatePath";

    private static final Logger LOG = Logger.getLogger(GateClient.class);

    private final ProducerTemplate producer;
    private final GateSigner signer;

    public GateClient(ProducerTemplate producer, GateSigner signer) {
        this.producer = producer;
        this.signer = signer;
    }

    /** Signs {@code body} (in place) and posts it to {@code path} (one of the {@link GateRequests} paths). */
    public GateResult post(String path, ObjectNode body) {
        signer.signRequest(body);
        Exchange reply = producer.send("direct:gate-post", exchange -> {
            exchange.setProperty(PATH_PROPERTY, path);
            exchange.getMessage().setBody(Json.bytes(body));
        });
        String transportError = reply.getProperty(ErrorPolicies.TRANSPORT_ERROR, String.class);
        if (reply.getException() != null || transportError != null) {
            String reason = transportError != null ? transportError : reply.getException().toString();
            LOG.warnf("Gate %s: outcome unknown (%s)", path, reason);
            return GateResult.unknown(reason);
        }
        Integer status = reply.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        JsonNode answer = Json.parseOrNull(reply.getMessage().getBody(byte[].class));
        GateResult result = GateResult.fromResponse(status == null ? 0 : status, answer);
        if (answer != null && answer.has("signature") && signer.verify(answer) == null) {
            LOG.warnf("Gate %s: response signature does not verify; treated as unknown", path);
            return GateResult.unknown("response signature does not verify");
        }
        LOG.debugf("Gate %s: %s", path, result);
        return result;
    }
}
