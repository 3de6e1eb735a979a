package kz.monetix.integration.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import kz.monetix.integration.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GateSignerTest {

    record Vector(String name, String secret, String json, String stringToSign, String signature) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** gate-protocol.md §2.4 (V1-V4), §4 and §6, then our own vectors for what those do not cover. */
    static Stream<Vector> vectors() {
        return Stream.of(
                new Vector("V1 docs Gate request", "secret",
                        "{\"general\":{\"project_id\":3254,\"payment_id\":\"id_38202316\"},"
                                + "\"customer\":{\"id\":\"585741\",\"email\":\"johndoe@example.com\",\"first_name\":\"John\",\"last_name\":\"Doe\","
                                + "\"address\":\"Downing str., 23\",\"identify\":{\"doc_number\":\"54122312544\"},\"ip_address\":\"198.51.100.47\"},"
                                + "\"payment\":{\"amount\":10800,\"currency\":\"USD\",\"description\":\"Computer keyboards\"},"
                                + "\"receipt_data\":{\"positions\":[{\"quantity\":\"10\",\"amount\":\"108\",\"description\":\"Computer keyboard\"}]},"
                                + "\"return_url\":{\"success\":\"https://paymentpage.example.com/complete-redirect?id=success\","
                                + "\"decline\":\"https://paymentpage.example.com/complete-redirect?id=decline\"}}",
                        "customer:address:Downing str., 23;customer:email:johndoe@example.com;customer:first_name:John;customer:id:585741;"
                                + "customer:identify:doc_number:54122312544;customer:ip_address:198.51.100.47;customer:last_name:Doe;"
                                + "general:payment_id:id_38202316;general:project_id:3254;payment:amount:10800;payment:currency:USD;"
                                + "payment:description:Computer keyboards;receipt_data:positions:0:amount:108;"
                                + "receipt_data:positions:0:description:Computer keyboard;receipt_data:positions:0:quantity:10;"
                                + "return_url:decline:https://paymentpage.example.com/complete-redirect?id=decline;"
                                + "return_url:success:https://paymentpage.example.com/complete-redirect?id=success",
                        "lagSnuspAn+F6XkmQISqwtBg0PsiTy62fF9x33TM+278mnufIDZyi1yP0BQALuCxyikkIxIMbodBn2F8hMdRwA=="),
                new Vector("V2 Payment Page params with boolean", "secret",
                        "{\"project_id\":12345,\"payment_id\":\"X03936\",\"payment_amount\":2035,\"payment_currency\":\"USD\","
                                + "\"payment_description\":\"Guyliner purchase\",\"customer_first_name\":\"Jack\",\"customer_id\":\"user007\","
                                + "\"customer_last_name\":\"Sparrow\",\"customer_phone\":\"02081234567\",\"close_on_missclick\":true}",
                        "close_on_missclick:1;customer_first_name:Jack;customer_id:user007;customer_last_name:Sparrow;"
                                + "customer_phone:02081234567;payment_amount:2035;payment_currency:USD;payment_description:Guyliner purchase;"
                                + "payment_id:X03936;project_id:12345",
                        "SyA3cx/dmFrwjRcpbnwEK9zaklWKR9buIfTctQob/EHUTutFLpI0zWpSDFEWEwbZt/04i83395RCdEhtUMw83A=="),
                new Vector("V3 arrays, nested array, null", "qwerty",
                        "{\"payment\":{\"id\":\"test-payment\"},\"errors\":[{\"code\":\"123\",\"message\":\"grand crash\","
                                + "\"description\":[\"description-str\",{\"description1\":1}]},{\"code\":\"456\",\"message\":\"minor crash\",\"description\":null}]}",
                        "errors:0:code:123;errors:0:description:0:description-str;errors:0:description:1:description1:1;"
                                + "errors:0:message:grand crash;errors:1:code:456;errors:1:description:;errors:1:message:minor crash;payment:id:test-payment",
                        "dxjnun8oySSl0CWlhhjy/k1V9CZcCtaHvu/Y5qJQbWHq8wd6TqTUt4bIfHrlWxT8ba9NOJfkgGHrGc5OgyQVGA=="),
                new Vector("V4 callback, general.signature, empty arrays", "123",
                        "{\"general\":{\"signature\":\"Cm0L/+dLPg6Au/jEG0yr1FktzA1QwojRp95R9o5O4Wxx6MzjwTrso5B4rBXekM/fp5znut0WVGLFGG+TtJjuHQ==\"},"
                                + "\"redirectData\":{\"method\":\"GET\",\"body\":[],\"encrypted\":[],\"url\":\"url data\"},\"payment\":{\"id\":\"qwerty123\"}}",
                        "payment:id:qwerty123;redirectData:method:GET;redirectData:url:url data",
                        "Cm0L/+dLPg6Au/jEG0yr1FktzA1QwojRp95R9o5O4Wxx6MzjwTrso5B4rBXekM/fp5znut0WVGLFGG+TtJjuHQ=="),
                new Vector("§4 mobile sale", "secret",
                        "{\"general\":{\"project_id\":1234,\"payment_id\":\"payment_47\"},\"customer\":{\"id\":\"customer_123\","
                                + "\"ip_address\":\"198.51.100.47\",\"first_name\":\"John\",\"last_name\":\"Doe\",\"email\":\"johndoe@example.com\"},"
                                + "\"account\":{\"number\":\"71234567890\"},\"payment\":{\"currency\":\"KZT\",\"amount\":100000}}",
                        null, "UhlYVvTK4npMQEk9gjiehBbD08AInHEQoJltoOYE9sJXH/yybt/HYyzO4t4iQGkyGLsay2T6Cdfv4EsRJxVxPA=="),
                new Vector("§4 clarification", "secret",
                        "{\"general\":{\"project_id\":1234,\"payment_id\":\"payment_47\"},"
                                + "\"additional_data\":{\"additional_data\":{\"approval_code\":\"123456\"}}}",
                        "additional_data:additional_data:approval_code:123456;general:payment_id:payment_47;general:project_id:1234",
                        "l9vwQJFohEpx52oDvc7Vldgpx18mpmcZ4Yvf5ck5lS6aGsX1nk8/ZNTsR/m1lv/eDGRYpIQmxXVohrDnUL5QUQ=="),
                new Vector("§6 status", "secret",
                        "{\"general\":{\"project_id\":1234,\"payment_id\":\"payment_47\"}}",
                        "general:payment_id:payment_47;general:project_id:1234",
                        "ntsudfghe3asOjkKsmlsjPip49+I9SUeVKQryMg365j3HtxXbl96iGOvkfabU+VThc/hlOYVo8QydN3i6wWpaA=="),
                // Our own vectors: strings to sign written by hand from the rules of §2, signatures computed
                // independently (Python hmac) from those strings and matched by this implementation.
                new Vector("own: Kazakh and Cyrillic text, non-ASCII secret", "құпия-кілт-Ключ",
                        "{\"general\":{\"project_id\":1234,\"payment_id\":\"ТӨЛЕМ-1\"},"
                                + "\"payment\":{\"description\":\"Төлем үшін рақмет — спасибо\",\"amount\":150050,\"currency\":\"KZT\"}}",
                        "general:payment_id:ТӨЛЕМ-1;general:project_id:1234;payment:amount:150050;payment:currency:KZT;"
                                + "payment:description:Төлем үшін рақмет — спасибо",
                        OWN_KAZAKH),
                new Vector("own: booleans, null, empty containers, doubled colon, frame_mode at depth", "secret",
                        "{\"a:b\":{\"flag\":true,\"off\":false},\"n\":null,\"empty\":{},\"list\":[],\"x\":{\"frame_mode\":\"iframe\","
                                + "\"signature\":\"ignored\",\"arr\":[[1,2],[\"z\"]]}}",
                        "a::b:flag:1;a::b:off:0;n:;x:arr:0:0:1;x:arr:0:1:2;x:arr:1:0:z",
                        OWN_SHAPES));
    }

    static final String OWN_KAZAKH = "HBzCVy6bopGBY3qaviVwDmX2oH2HfDLYwgUVYitvq5Yt5Qx3+jVl3TfJ5e26ZkXWYWSJhWea1WyHwKXZnRoVxA==";
    static final String OWN_SHAPES = "Wak1H6ZByRp4LKd02FVWLYPmRZjPeI1cAZUK6fH4C/W3yCmwi36RE/7Bq8qeC5YuqlAcKKAWVIEMSgIg7G8w0w==";

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void reproducesVector(Vector vector) throws Exception {
        JsonNode tree = Json.MAPPER.readTree(vector.json());
        if (vector.stringToSign() != null) {
            assertEquals(vector.stringToSign(), GateSigner.stringToSign(tree, GateSigner.Order.BYTE));
        }
        assertEquals(vector.signature(), new GateSigner(vector.secret()).sign(tree));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void verifiesSignedMessageAndRejectsAnyChange(Vector vector) throws Exception {
        ObjectNode message = (ObjectNode) Json.MAPPER.readTree(vector.json());
        message.put("signature", vector.signature());
        GateSigner signer = new GateSigner(vector.secret());
        assertEquals(GateSigner.Match.BYTE_ORDER, signer.verify(message));

        ObjectNode tampered = message.deepCopy();
        tampered.put("unexpected_field", "x");
        assertNull(signer.verify(tampered), "an extra field is part of the signed text");
        assertNull(new GateSigner(vector.secret() + "x").verify(message), "another secret");
    }

    @Test
    void signatureInGeneralIsFoundAndRemovedBeforeVerifying() throws Exception {
        GateSigner signer = new GateSigner("secret");
        ObjectNode request = (ObjectNode) Json.MAPPER.readTree("{\"general\":{\"project_id\":1234,\"payment_id\":\"payment_47\"}}");
        signer.signRequest(request);
        assertEquals("ntsudfghe3asOjkKsmlsjPip49+I9SUeVKQryMg365j3HtxXbl96iGOvkfabU+VThc/hlOYVo8QydN3i6wWpaA==",
                request.at("/general/signature").asText());
        assertEquals(GateSigner.Match.BYTE_ORDER, signer.verify(request));
        signer.signRequest(request);
        assertEquals(GateSigner.Match.BYTE_ORDER, signer.verify(request), "re-signing replaces, never signs the old signature");
    }

    @Test
    void missingOrEmptySignatureNeverVerifies() throws Exception {
        GateSigner signer = new GateSigner("secret");
        assertNull(signer.verify(Json.MAPPER.readTree("{\"payment\":{\"id\":\"p\"}}")));
        assertNull(signer.verify(Json.MAPPER.readTree("{\"payment\":{\"id\":\"p\"},\"signature\":\"\"}")));
        assertNull(signer.verify(Json.MAPPER.readTree("[1,2]")));
    }

    @Test
    void naturalOrderFallbackAcceptsPhpSortedSignatures() throws Exception {
        // 11 array elements: byte order puts "a:10" before "a:2", PHP natural order after "a:9".
        ObjectNode message = Json.MAPPER.createObjectNode();
        for (int i = 0; i <= 10; i++) {
            message.withArrayProperty("a").add("v" + i);
        }
        String natural = GateSigner.stringToSign(message, GateSigner.Order.NATURAL);
        assertTrue(natural.indexOf("a:9:v9") < natural.indexOf("a:10:v10"));
        String bytes = GateSigner.stringToSign(message, GateSigner.Order.BYTE);
        assertTrue(bytes.indexOf("a:10:v10") < bytes.indexOf("a:2:v2"));

        GateSigner signer = new GateSigner("secret");
        String phpSignature = signer.signText(natural);
        message.put("signature", phpSignature);
        assertEquals(GateSigner.Match.NATURAL_ORDER, signer.verify(message));
    }

    @Test
    void integersKeepEveryDigitAndDecimalsTheirText() throws Exception {
        JsonNode tree = Json.MAPPER.readTree("{\"big\":123456789012345678901234567890,\"card\":5028800010128225,\"d\":10.50}");
        assertEquals("big:123456789012345678901234567890;card:5028800010128225;d:10.50", GateSigner.stringToSign(tree, GateSigner.Order.BYTE));
    }

    @Test
    void emptySecretIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new GateSigner(""));
    }

    @Test
    void secretNeverAppearsInToString() {
        assertEquals("GateSigner[secret=***]", new GateSigner("top-secret").toString());
    }

    /** A tiny body with a huge exponent must not become 500 million digits in the signer (issue "Hostile input"). */
    @Test
    void numbersNoMessageOfOursHasAreRefusedBeforeSigning() {
        GateSigner signer = new GateSigner("secret");
        assertNull(signer.verify(Json.parseOrNull("{\"signature\":\"x\",\"a\":1e500000000}".getBytes())));
        assertNull(signer.verify(Json.parseOrNull("{\"signature\":\"x\",\"a\":[1, {\"b\":1e-500000000}]}".getBytes())));
        assertNull(signer.verify(Json.parseOrNull(("{\"signature\":\"x\",\"a\":" + "9".repeat(200) + "}").getBytes())));
        assertTrue(Json.reasonableNumbers(Json.parseOrNull("{\"a\":10.50,\"b\":[100000]}".getBytes())));
    }
}
