package kz.monetix.integration.gate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Signed Payment Page links (gate-protocol.md §2.2): flat parameters, the mobile method forced, the
 * operator preselected through {@code payment_methods_options} sent as a JSON string.
 */
public final class PaymentPageLinks {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final long projectId;
    private final Optional<String> callbackUrl;
    private final GateSigner signer;

    public PaymentPageLinks(String baseUrl, long projectId, Optional<String> callbackUrl, GateSigner signer) {
        this.baseUrl = baseUrl;
        this.projectId = projectId;
        this.callbackUrl = callbackUrl;
        this.signer = signer;
    }

    public record Purchase(String paymentId, String customerId, String firstName, String lastName, String email,
                           String currency, long amountMinor, String operator) {
    }

    public String link(Purchase purchase) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("project_id", Long.toString(projectId));
        params.put("payment_id", purchase.paymentId());
        putIfPresent(params, "customer_id", purchase.customerId());
        putIfPresent(params, "customer_first_name", purchase.firstName());
        putIfPresent(params, "customer_last_name", purchase.lastName());
        putIfPresent(params, "customer_email", purchase.email());
        params.put("payment_currency", purchase.currency());
        params.put("payment_amount", Long.toString(purchase.amountMinor()));
        params.put("force_payment_method", "mobile");
        callbackUrl.ifPresent(url -> params.put("merchant_callback_url", url));
        if (purchase.operator() != null) {
            ObjectNode options = JSON.createObjectNode().put("enable_mobile_service", 1)
                    .put("selected_operator", purchase.operator());
            params.put("payment_methods_options", options.toString());
        }
        return signedUrl(params);
    }

    /** Signs the parameters exactly as transmitted (as text) and appends the URL-encoded query. */
    String signedUrl(Map<String, String> params) {
        ObjectNode flat = JSON.createObjectNode();
        params.forEach(flat::put);
        StringBuilder url = new StringBuilder(baseUrl).append(baseUrl.contains("?") ? '&' : '?');
        params.forEach((key, value) -> url.append(encode(key)).append('=').append(encode(value)).append('&'));
        return url.append("signature=").append(encode(signer.sign(flat))).toString();
    }

    private static void putIfPresent(Map<String, String> params, String key, String value) {
        if (value != null && !value.isEmpty()) {
            params.put(key, value);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
