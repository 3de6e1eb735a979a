package kz.monetix.integration.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.math.BigDecimal;

/**
 * One JSON mapper for messages that are signed or carry money: decimals are read as {@link java.math.BigDecimal}
 * (integers keep every digit anyway), so a parsed tree signs exactly like the text it came from.
 */
public final class Json {

    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private Json() {
    }

    /** Decimals beyond this scale or precision are no amount or id of ours. */
    static final int MAX_NUMBER_DIGITS = 64;

    /** Parses bytes into a tree; null when they are not JSON. */
    public static JsonNode parseOrNull(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return null;
        }
        try {
            return MAPPER.readTree(bytes);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Every number of the tree could be a value of ours: at most 64 digits of scale and precision. Checked before a tree
     * is written out for a signature: {@code 1e500000000} is 11 bytes, and 500 million digits once written out.
     */
    public static boolean reasonableNumbers(JsonNode node) {
        if (node.isBigDecimal()) {
            BigDecimal value = node.decimalValue();
            return Math.abs(value.scale()) <= MAX_NUMBER_DIGITS && value.precision() <= MAX_NUMBER_DIGITS;
        }
        if (node.isBigInteger()) {
            return node.bigIntegerValue().abs().toString().length() <= MAX_NUMBER_DIGITS;
        }
        for (JsonNode child : node) {
            if (!reasonableNumbers(child)) {
                return false;
            }
        }
        return true;
    }

    public static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    public static String text(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }
}
