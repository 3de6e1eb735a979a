package kz.monetix.integration.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import kz.monetix.integration.gate.GatePaths;
import kz.monetix.integration.json.Json;
import org.apache.camel.CamelContext;

import java.util.Optional;

/** Gate request bodies for tests, made by the product's own mappings (routes/mappings) from their input facts. */
public final class GateRequests {

    public static final String SALE = GatePaths.SALE;
    public static final String CLARIFICATION = GatePaths.CLARIFICATION;
    public static final String RESEND = GatePaths.RESEND;
    public static final String REFUND = GatePaths.REFUND;
    public static final String OPERATORS = GatePaths.OPERATORS;
    public static final String STATUS = GatePaths.STATUS;

    /** The customer of a sale. */
    public record Customer(String id, String ipAddress, String firstName, String lastName, String email) {
    }

    private final CamelContext context;
    private final long projectId;
    private final Optional<String> callbackUrl;

    public GateRequests(CamelContext context, long projectId, Optional<String> callbackUrl) {
        this.context = context;
        this.projectId = projectId;
        this.callbackUrl = callbackUrl;
    }

    public ObjectNode sale(String paymentId, Customer customer, String phone, long amountMinor, String currency, String description) {
        ObjectNode facts = facts(paymentId).put("amount", amountMinor).put("currency", currency).put("phone", phone)
                .put("description", description);
        facts.putObject("customer").put("id", customer.id()).put("ipAddress", customer.ipAddress())
                .put("firstName", customer.firstName()).put("lastName", customer.lastName()).put("email", customer.email());
        return Mappings.apply(context, "sale", facts);
    }

    public ObjectNode clarification(String paymentId, String code) {
        return Mappings.apply(context, "clarification", facts(paymentId).put("code", code));
    }

    public ObjectNode resend(String paymentId, String customerIp) {
        ObjectNode facts = facts(paymentId);
        facts.putObject("customer").put("ipAddress", customerIp);
        return Mappings.apply(context, "resend", facts);
    }

    public ObjectNode refund(String paymentId, Long amountMinor, String currency, String description, String merchantRefundId,
                             String customerIp) {
        ObjectNode facts = facts(paymentId).put("currency", currency).put("description", description)
                .put("merchantRefundId", merchantRefundId);
        if (amountMinor != null) {
            facts.put("amount", amountMinor);
        }
        facts.putObject("customer").put("ipAddress", customerIp);
        return Mappings.apply(context, "refund", facts);
    }

    public ObjectNode status(String paymentId) {
        return Mappings.apply(context, "status", facts(paymentId));
    }

    public ObjectNode operators() {
        return Mappings.apply(context, "operators", facts(null));
    }

    private ObjectNode facts(String paymentId) {
        ObjectNode facts = Json.MAPPER.createObjectNode().put("projectId", projectId);
        if (paymentId != null) {
            facts.put("paymentId", paymentId);
        }
        callbackUrl.ifPresent(url -> facts.put("callbackUrl", url));
        return facts;
    }
}
