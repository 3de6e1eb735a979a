package kz.monetix.integration.payment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import kz.monetix.integration.gate.MonetixConfig;
import kz.monetix.integration.json.Json;

/**
 * The input of the Gate request mappings (routes/mappings/*.jq): what we know about a payment, in our own
 * names, with amounts as integer minor units. The mappings turn it into the Gate's field names and shapes.
 */
@ApplicationScoped
@Named("gateFacts")
public class GateFacts {

    private final MonetixConfig config;

    public GateFacts(MonetixConfig config) {
        this.config = config;
    }

    /** Project, payment id and callback URL: what every request carries. */
    public ObjectNode of(String paymentId) {
        ObjectNode facts = Json.MAPPER.createObjectNode();
        facts.put("projectId", config.projectId());
        if (paymentId != null) {
            facts.put("paymentId", paymentId);
        }
        config.callbackUrl().ifPresent(url -> facts.put("callbackUrl", url));
        return facts;
    }

    /** The purchase: amount, phone (the account charged), customer. */
    public ObjectNode sale(Payment p) {
        ObjectNode facts = of(p.paymentId());
        facts.put("amount", p.amountMinor());
        facts.put("currency", p.currency());
        facts.put("phone", p.phone());
        facts.put("operator", p.operator());
        facts.put("description", p.description());
        customer(facts, p).put("id", p.customerId()).put("firstName", p.customerFirstName())
                .put("lastName", p.customerLastName()).put("email", p.customerEmail());
        return facts;
    }

    /** The customer's OTP code for {@code /v2/payment/clarification}; it lives only in this exchange. */
    public ObjectNode clarification(Payment p, String code) {
        return of(p.paymentId()).put("code", code);
    }

    public ObjectNode resend(Payment p) {
        ObjectNode facts = of(p.paymentId());
        customer(facts, p);
        return facts;
    }

    /** A refund of an amount we fixed when it was requested (the mapping may leave it out for "all that remains"). */
    public ObjectNode refund(Payment p, Refund refund) {
        ObjectNode facts = of(p.paymentId());
        facts.put("amount", refund.amountMinor());
        facts.put("currency", p.currency());
        facts.put("description", refund.description());
        facts.put("refundId", refund.refundId());
        facts.put("merchantRefundId", refund.merchantRefundId());
        customer(facts, p);
        return facts;
    }

    private static ObjectNode customer(ObjectNode facts, Payment p) {
        ObjectNode customer = facts.putObject("customer");
        customer.put("ipAddress", p.customerIp());
        return customer;
    }
}
