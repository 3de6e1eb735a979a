package kz.monetix.integration.erp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import kz.monetix.integration.api.ApiReply;
import kz.monetix.integration.gate.GateResult;
import kz.monetix.integration.json.Json;
import kz.monetix.integration.gate.MonetixConfig;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/operators}: the operators Monetix offers now ({@code /v2/info/mobile/sale/list}), cached for
 * {@code monetix.operators.cache-ttl}. The response schema is not public (gate-protocol.md §7), so any array of
 * objects with an id or code is accepted; when Monetix cannot be reached, the seed's list is served (and kept for
 * {@code monetix.operators.fallback-ttl}).
 */
@ApplicationScoped
@Named("operatorList")
public class OperatorList {

    static final Map<String, String> DOCUMENTED = Map.of("ACTIV", "Activ", "ALTEL", "Altel", "BEELINE", "Beeline",
            "KCELL", "Kcell", "TELE2", "Tele2");
    private static final Logger LOG = Logger.getLogger(OperatorList.class);

    private record Cached(ObjectNode body, long until) {
    }

    private final Duration ttl;
    private final Duration fallbackTtl;
    private final Clock clock = Clock.systemUTC();
    private volatile Cached cached;

    @Inject
    public OperatorList(MonetixConfig config) {
        this(config.operators().cacheTtl(), config.operators().fallbackTtl());
    }

    OperatorList(Duration ttl, Duration fallbackTtl) {
        this.ttl = ttl;
        this.fallbackTtl = fallbackTtl;
    }

    /** The list from Monetix while it is fresh, else null (the route then asks the Gate). */
    public ApiReply cached() {
        Cached now = cached;
        return now != null && now.until() > clock.millis() ? new ApiReply(200, now.body()) : null;
    }

    /** The Gate's answer, kept for {@code monetix.operators.cache-ttl}; the documented list when it has none. */
    public ApiReply fromGate(GateResult result) {
        ObjectNode fromGate = result.accepted() ? parse(result.body()) : null;
        if (fromGate != null) {
            cached = new Cached(fromGate, clock.millis() + ttl.toMillis());
            return new ApiReply(200, fromGate);
        }
        // kept too (for less time): while the Gate is down, each request must not wait on it again
        LOG.warnf("operator list unavailable from Monetix (%s); serving the documented list for %s", result, fallbackTtl);
        ObjectNode documented = documented();
        cached = new Cached(documented, clock.millis() + fallbackTtl.toMillis());
        return new ApiReply(200, documented);
    }

    /** Reads any array of objects carrying an operator id (id, code or operator) and optionally a name. */
    static ObjectNode parse(JsonNode body) {
        ArrayNode found = body == null ? null : findArray(body);
        if (found == null) {
            return null;
        }
        ObjectNode reply = Json.MAPPER.createObjectNode();
        ArrayNode operators = reply.putArray("operators");
        for (JsonNode item : found) {
            String id = firstText(item, List.of("id", "code", "operator", "operator_id"));
            if (id != null) {
                String name = firstText(item, List.of("name", "title", "description"));
                operators.addObject().put("id", id).put("name", name != null ? name : DOCUMENTED.getOrDefault(id, id));
            }
        }
        return operators.isEmpty() ? null : reply;
    }

    private static ArrayNode findArray(JsonNode node) {
        if (node.isArray() && !node.isEmpty() && node.get(0).isObject()) {
            return (ArrayNode) node;
        }
        if (node.isObject()) {
            Iterator<JsonNode> children = node.elements();
            while (children.hasNext()) {
                ArrayNode found = findArray(children.next());
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static String firstText(JsonNode item, List<String> fields) {
        for (String field : fields) {
            JsonNode value = item.get(field);
            if (value != null && value.isValueNode() && !value.asText().isBlank()) {
                return value.asText();
            }
        }
        return null;
    }

    static ObjectNode documented() {
        ObjectNode reply = Json.MAPPER.createObjectNode();
        ArrayNode operators = reply.putArray("operators");
        DOCUMENTED.keySet().stream().sorted().forEach(id -> operators.addObject().put("id", id).put("name", DOCUMENTED.get(id)));
        return reply;
    }
}
