package kz.monetix.integration.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import kz.monetix.integration.json.Json;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Monetix signature (gate-protocol.md §2): the JSON tree is flattened into {@code path:value} entries,
 * sorted, joined with {@code ;} and signed with HMAC-SHA512; the result is standard Base64.
 * Pure and thread-safe; the secret is never exposed by {@link #toString()}.
 */
public final class GateSigner {

    /** Keys left out of the signed text at any depth. */
    static final Set<String> EXCLUDED_KEYS = Set.of("signature", "frame_mode");

    /** How entries are ordered before joining: the platform's byte order, or PHP's natural order on paths (§2.3). */
    public enum Order { BYTE, NATURAL }

    /** Which variant of the signature matched a verified message (null when none did). */
    public enum Match { BYTE_ORDER, NATURAL_ORDER }

    private final byte[] secret;

    public GateSigner(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("the Monetix secret key is empty");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** Signature of a JSON object, ignoring any signature it already carries. */
    public String sign(JsonNode tree) {
        return hmac(stringToSign(tree, Order.BYTE));
    }

    /** Signs a Gate request body in place: the signature goes to {@code general.signature}. */
    public ObjectNode signRequest(ObjectNode body) {
        ObjectNode general = body.withObjectProperty("general");
        general.remove("signature");
        general.put("signature", sign(body));
        return body;
    }

    /**
     * Verifies a received message (callback or signed response) over its parsed tree: the signature
     * is taken from the top level, else from {@code general}. Unknown fields are part of the signed text.
     */
    public Match verify(JsonNode message) {
        // a number no message of ours has is refused before it is written out (a forged 1e500000000 costs nothing)
        if (message == null || !message.isObject() || !Json.reasonableNumbers(message)) {
            return null;
        }
        ObjectNode copy = ((ObjectNode) message).deepCopy();
        String received = takeSignature(copy);
        if (received == null || received.isEmpty()) {
            return null;
        }
        byte[] receivedBytes = received.getBytes(StandardCharsets.UTF_8);
        if (constantTimeEquals(receivedBytes, hmac(stringToSign(copy, Order.BYTE)))) {
            return Match.BYTE_ORDER;
        }
        if (constantTimeEquals(receivedBytes, hmac(stringToSign(copy, Order.NATURAL)))) {
            return Match.NATURAL_ORDER;
        }
        return null;
    }

    private static String takeSignature(ObjectNode copy) {
        JsonNode top = copy.get("signature");
        if (top != null && top.isTextual()) {
            copy.remove("signature");
            return top.textValue();
        }
        JsonNode general = copy.get("general");
        if (general instanceof ObjectNode generalObject && generalObject.path("signature").isTextual()) {
            String value = generalObject.remove("signature").textValue();
            if (generalObject.isEmpty()) {
                copy.remove("general");
            }
            return value;
        }
        return null;
    }

    private static boolean constantTimeEquals(byte[] received, String expected) {
        return MessageDigest.isEqual(received, expected.getBytes(StandardCharsets.UTF_8));
    }

    /** The exact text that is signed (exposed for tests and for diagnosing a mismatch without the secret). */
    public static String stringToSign(JsonNode tree, Order order) {
        List<String[]> entries = new ArrayList<>();
        flatten("", tree, entries);
        Comparator<String[]> comparator = order == Order.BYTE
                ? (a, b) -> compareCodePoints(a[0] + ":" + a[1], b[0] + ":" + b[1])
                : (a, b) -> NaturalOrder.compare(a[0], b[0]);
        entries.sort(comparator);
        StringBuilder joined = new StringBuilder();
        for (String[] entry : entries) {
            if (joined.length() > 0) {
                joined.append(';');
            }
            joined.append(entry[0]).append(':').append(entry[1]);
        }
        return joined.toString();
    }

    /** Code-point order, which equals the byte order of the UTF-8 encoding (String.compareTo differs beyond the BMP). */
    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    private static void flatten(String path, JsonNode node, List<String[]> out) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!EXCLUDED_KEYS.contains(field.getKey())) {
                    flatten(child(path, field.getKey().replace(":", "::")), field.getValue(), out);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(child(path, Integer.toString(i)), node.get(i), out);
            }
        } else {
            out.add(new String[] {path, scalar(node)});
        }
    }

    private static String child(String path, String segment) {
        return path.isEmpty() ? segment : path + ":" + segment;
    }

    private static String scalar(JsonNode node) {
        if (node.isNull() || node.isMissingNode()) {
            return "";
        }
        if (node.isBoolean()) {
            return node.booleanValue() ? "1" : "0";
        }
        if (node.isBigDecimal()) {
            return node.decimalValue().toPlainString();
        }
        return node.asText();
    }

    /** HMAC of an already built string to sign (diagnostics and tests of the ordering variants). */
    public String signText(String text) {
        return hmac(text);
    }

    private String hmac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA512");
            mac.init(new SecretKeySpec(secret, "HmacSHA512"));
            return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA512 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "GateSigner[secret=***]";
    }

    /** PHP-style natural order: runs of digits compare by numeric value, everything else byte-wise. */
    static final class NaturalOrder {
        private NaturalOrder() {
        }

        static int compare(String a, String b) {
            int i = 0;
            int j = 0;
            while (i < a.length() && j < b.length()) {
                char ca = a.charAt(i);
                char cb = b.charAt(j);
                if (isAsciiDigit(ca) && isAsciiDigit(cb)) {
                    int endA = digitsEnd(a, i);
                    int endB = digitsEnd(b, j);
                    int byValue = compareDigits(a, i, endA, b, j, endB);
                    if (byValue != 0) {
                        return byValue;
                    }
                    i = endA;
                    j = endB;
                } else {
                    if (ca != cb) {
                        return Character.compare(ca, cb);
                    }
                    i++;
                    j++;
                }
            }
            return Integer.compare(a.length() - i, b.length() - j);
        }

        /** Two runs of digits by numeric value, in time linear in their length (no big numbers built). */
        private static int compareDigits(String a, int fromA, int endA, String b, int fromB, int endB) {
            while (fromA < endA - 1 && a.charAt(fromA) == '0') {
                fromA++;
            }
            while (fromB < endB - 1 && b.charAt(fromB) == '0') {
                fromB++;
            }
            int byLength = Integer.compare(endA - fromA, endB - fromB);
            if (byLength != 0) {
                return byLength;
            }
            for (; fromA < endA; fromA++, fromB++) {
                if (a.charAt(fromA) != b.charAt(fromB)) {
                    return Character.compare(a.charAt(fromA), b.charAt(fromB));
                }
            }
            return 0;
        }

        private static boolean isAsciiDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private static int digitsEnd(String s, int from) {
            int end = from;
            while (end < s.length() && isAsciiDigit(s.charAt(end))) {
                end++;
            }
            return end;
        }
    }
}
