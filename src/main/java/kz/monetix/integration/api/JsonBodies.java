package kz.monetix.integration.api;

import com.fasterxml.jackson.databind.JsonNode;
import kz.monetix.integration.json.Json;

/** Request bodies read within the bounds of {@link Json#parse}: a refusal is a 400 naming what is wrong. */
public final class JsonBodies {

    private JsonBodies() {
    }

    public static JsonNode read(byte[] body) {
        Json.Parsed parsed = Json.parse(body);
        if (parsed.tree() == null) {
            throw new ApiProblem(400, "Bad Request", parsed.problem());
        }
        return parsed.tree();
    }

    /** A body that must be a JSON object. */
    public static JsonNode readObject(byte[] body) {
        JsonNode tree = read(body);
        if (!tree.isObject()) {
            throw new ApiProblem(400, "Bad Request", "the body must be a JSON object");
        }
        return tree;
    }
}
