package kz.monetix.integration.api;

import com.fasterxml.jackson.databind.JsonNode;
import kz.monetix.integration.json.Json;

/** A successful answer of an ERP command: its status (200, 201, 202) and JSON body, written by the {@code erp-reply} route. */
public record ApiReply(int status, JsonNode body) {

    public byte[] bytes() {
        return Json.bytes(body);
    }
}
