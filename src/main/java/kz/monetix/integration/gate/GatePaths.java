package kz.monetix.integration.gate;

/**
 * Gate endpoints of this method, appended to {@code monetix.gate.base-url}. The request bodies are the jq mappings
 * under {@code routes/mappings}; the routes name the path they post to.
 */
public final class GatePaths {

    public static final String SALE = "/v2/payment/mobile/sale";
    public static final String CLARIFICATION = "/v2/payment/clarification";
    public static final String RESEND = "/v2/customer/action/resend";
    public static final String REFUND = "/v2/payment/mobile/refund";
    public static final String OPERATORS = "/v2/info/mobile/sale/list";
    public static final String STATUS = "/v2/payment/status";

    private GatePaths() {
    }
}
