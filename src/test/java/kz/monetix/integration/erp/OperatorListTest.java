package kz.monetix.integration.erp;

import kz.monetix.integration.gate.GateResult;
import kz.monetix.integration.json.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The operator list schema is not public: any reasonable shape is read, anything else falls back. */
class OperatorListTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"operators\":[{\"id\":\"TELE2\",\"name\":\"Tele2\"}]}|TELE2|Tele2",
            "[{\"code\":\"KCELL\"}]|KCELL|Kcell",
            "{\"data\":{\"list\":[{\"operator\":\"ALTEL\",\"title\":\"Altel 4G\"}]}}|ALTEL|Altel 4G"})
    void readsLenientShapes(String body, String id, String name) throws Exception {
        var parsed = OperatorList.parse(Json.MAPPER.readTree(body));
        assertEquals(id, parsed.at("/operators/0/id").asText());
        assertEquals(name, parsed.at("/operators/0/name").asText());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"{}", "{\"operators\":[]}", "{\"operators\":[\"TELE2\"]}", "[{\"foo\":1}]"})
    void unreadableShapesFallBack(String body) throws Exception {
        assertNull(OperatorList.parse(Json.MAPPER.readTree(body)));
    }

    @Test
    void documentedListIsTheSeedTable() {
        assertEquals(List.of("ACTIV", "ALTEL", "BEELINE", "KCELL", "TELE2"), OperatorList.documented().findValuesAsText("id"));
    }

    @Test
    void whileMonetixCannotSayTheFallbackIsKeptTooSoTheGateIsNotAskedOnEveryRequest() throws Exception {
        OperatorList list = new OperatorList(Duration.ofMinutes(10), Duration.ofMillis(300));
        assertNull(list.cached());
        assertEquals(OperatorList.documented(), list.fromGate(GateResult.unknown("Read timed out")).body());
        assertEquals(OperatorList.documented(), list.cached().body(), "served from the cache, the Gate not asked");
        Thread.sleep(400);
        assertNull(list.cached(), "asked again after monetix.operators.fallback-ttl");
    }
}
