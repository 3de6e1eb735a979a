package kz.monetix.integration.gate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Optional;

/**
 * Bodies of the Gate requests this method uses, with the seed's field names and JSON types
 * (integers for ids and amounts). Unsigned: {@link GateClient} signs them just before sending.
 */
public final class GateRequests {

    public static final String SALE = "/v2/payment/mobile/sale";
    public static final String CLARIFICATION = "/v2/payment/clarification";
    public static final String RESEND = "/v2/customer/action/resend";
    public static final String REFUND = "/v2/payment/mobile/refund";
    public static final String OPERATORS = "/v2/info/mobile/sale/list";
    public static final String STATUS = "/v2/payment/status";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final long projectId;
    private final Optional<String> callbackUrl;

    public GateRequests(long projectId, Optional<String> callbackUrl) {
        this.projectId = projectId;
        this.callbackUrl = callbackUrl;
    }

    /** The customer as Monetix requires it for a mobile sale (all fields strictly required). */
    public record Customer(String id, String ipAddress, String firstName, String lastName, String email) {
    }

    public ObjectNode sale(String paymentId, Customer customer, String accountNumber, long amountMinor,
                           String currency, String description) {
        ObjectNode body = general(paymentId, true);
        ObjectNode c = body.putObject("customer");
        c.put("id", customer.id());
        c.put("ip_address", customer.ipAddress());
        c.put("first_name", customer.firstName());
        c.put("last_name", customer.lastName());
        c.put("email", customer.email());
        body.putObject("account").put("number", accountNumber);
        ObjectNode payment = body.putObject("payment");
        payment.put("currency", currency);
        payment.put("amount", amountMinor);
        if (description != null && !description.isEmpty()) {
            payment.put("description", description);
        }
        return body;
    }

    /** The customer's OTP goes to {@code additional_data.additional_data.approval_code}. */
    public ObjectNode clarification(String paymentId, String otpCode) {
        ObjectNode body = general(paymentId, true);
        body.putObject("additional_data").putObject("additional_data").put("approval_code", otpCode);
        return body;
    }

    public ObjectNode resend(String paymentId, String customerIp) {
        ObjectNode body = general(paymentId, true);
        body.putObject("customer").put("ip_address", customerIp);
        return body;
    }

    /**
     * A refund; {@code amountMinor} null means the whole remaining amount (amount and currency are
     * sent together or not at all: codes 3286/3287).
     */
    public ObjectNode refund(String paymentId, Long amountMinor, String currency, String description,
                             String merchantRefundId, String customerIp) {
        ObjectNode body = general(paymentId, true);
        ObjectNode payment = body.putObject("payment");
        if (amountMinor != null) {
            payment.put("amount", amountMinor);
            payment.put("currency", currency);
        }
        if (description != null && !description.isEmpty()) {
            payment.put("description", description);
        }
        payment.put("merchant_refund_id", merchantRefundId);
        if (customerIp != null) {
            body.putObject("customer").put("ip_address", customerIp);
        }
        return body;
    }

    public ObjectNode operators() {
        return general(null, false);
    }

    public ObjectNode status(String paymentId) {
        return general(paymentId, false);
    }

    private ObjectNode general(String paymentId, boolean triggersCallback) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode general = body.putObject("general");
        general.put("project_id", projectId);
        if (paymentId != null) {
            general.put("payment_id", paymentId);
        }
        if (triggersCallback) {
            callbackUrl.ifPresent(url -> general.put("merchant_callback_url", url));
        }
        return body;
    }
}
