package kz.monetix.integration.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
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

    /** Decimals beyond this scale or precision are no amount or id of ours. */
    static final int MAX_NUMBER_DIGITS = 64;

    /**
     * Bounds no message of ours comes near, enforced while parsing (before any signature work): nesting depth, the
     * text of one number, one string; a key given twice is refused, since two readers could take different values.
     */
    private static final StreamReadConstraints BOUNDS = StreamReadConstraints.builder()
            .maxNestingDepth(32)
            .maxNumberLength(2 * MAX_NUMBER_DIGITS)
            .maxStringLength(16 * 1024)
            .build();

    public static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(BOUNDS)
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private Json() {
    }

    /** A parsed body: the tree, or why there is none. */
    public record Parsed(JsonNode tree, String problem) {
    }

    /**
     * Parses bytes into a tree within the bounds above; the problem names what is wrong (never the content). A short
     * number with a huge exponent ({@code 1e500000000}) parses cheaply; what must not write it out checks
     * {@link #reasonableNumbers} (signatures), or refuses numbers where it wants text (the ERP's amounts).
     */
    public static Parsed parse(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return new Parsed(null, "the body is empty");
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(bytes);
        } catch (StreamConstraintsException e) {
            return new Parsed(null, "the JSON exceeds a limit (nesting depth 32, numbers of " + 2 * MAX_NUMBER_DIGITS
                    + " characters, strings of 16384)");
        } catch (JsonParseException e) {
            return new Parsed(null, e.getOriginalMessage().startsWith("Duplicate field")
                    ? "a key appears twice in one object" : "the body is not well-formed JSON");
        } catch (IOException e) {
            return new Parsed(null, "the body is not well-formed JSON");
        }
        if (tree == null || tree.isMissingNode()) {
            return new Parsed(null, "the body is not well-formed JSON");
        }
        return new Parsed(tree, null);
    }

    /** Parses bytes into a tree; null when they are not JSON within the bounds. */
    public static JsonNode parseOrNull(byte[] bytes) {
        return parse(bytes).tree();
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
