package kz.monetix.integration.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import kz.monetix.integration.json.Json;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.jboss.logging.Logger;

/**
 * The Java steps of the {@code gate-call} route (routes/gate.yaml): sign the mapped request, then classify the
 * answer. Nothing here retries: a timeout or 5xx is {@link GateResult.Outcome#UNKNOWN}, settled by a status request.
 */
@ApplicationScoped
@Named("gateCalls")
public class GateCalls {

    private static final Logger LOG = Logger.getLogger(GateCalls.class);

    private final GateSigner signer;

    public GateCalls(GateSigner signer) {
        this.signer = signer;
    }

    /** Signs the request (the signature goes to {@code general.signature}) and returns the bytes to send. */
    public byte[] sign(JsonNode request) {
        if (!(request instanceof ObjectNode body) || !body.path("general").isObject()) {
            throw new IllegalArgumentException("a Gate request mapping must produce an object with a 'general' object");
        }
        signer.signRequest(body);
        return Json.bytes(body);
    }

    /** What the Gate answered: accepted, rejected, or unknown (5xx, or a signature that does not verify). */
    public GateResult answer(String path, Integer httpStatus, byte[] body) {
        JsonNode answer = Json.parseOrNull(body);
        boolean signed = answer != null && answer.has("signature");
        if (signed && signer.verify(answer) == null) {
            LOG.warnf("Gate %s: response signature does not verify; treated as unknown", path);
            return GateResult.unknown("response signature does not verify");
        }
        GateResult result = GateResult.fromResponse(path, httpStatus == null ? 0 : httpStatus, answer, signed);
        LOG.debugf("Gate %s: %s", path, result);
        return result;
    }

    /** No HTTP answer (timeout, connection refused): the Gate may or may not have acted. */
    public GateResult noAnswer(String path, Exception cause) {
        String reason = describe(cause);
        LOG.warnf("Gate %s: outcome unknown (%s)", path, reason);
        return GateResult.unknown(reason);
    }

    /** What went wrong, for logs and records: an HTTP status, or the kind of transport failure (never a URL). */
    public static String describe(Exception cause) {
        if (cause instanceof HttpOperationFailedException failed) {
            return "HTTP " + failed.getStatusCode();
        }
        if (cause == null) {
            return "no answer";
        }
        String message = cause.getMessage() == null ? "" : cause.getMessage().replaceAll("https?://\\S+", "<url>");
        return cause.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }
}
