package kz.monetix.integration.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import kz.monetix.integration.json.Json;
import kz.monetix.integration.support.GateRequests;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The exact bodies the request mappings (routes/mappings/*.jq, run by Camel's jq language as in the routes) make
 * (seed figures 1, 6, 7, 8, 12), and the §4 Payment Page link.
 */
class GateRequestsTest {

    static final CamelContext CAMEL = new DefaultCamelContext();

    final GateRequests requests = new GateRequests(CAMEL, 1234, Optional.empty());
    final GateSigner signer = new GateSigner("secret");

    @Test
    void saleMatchesTheSeedAndTheSignedExample() throws Exception {
        ObjectNode sale = requests.sale("payment_47", new GateRequests.Customer("customer_123", "198.51.100.47", "John", "Doe",
                "johndoe@example.com"), "71234567890", 100000, "KZT", null);
        signer.signRequest(sale);
        JsonNode expected = Json.MAPPER.readTree("""
                {"general":{"project_id":1234,"payment_id":"payment_47",
                  "signature":"UhlYVvTK4npMQEk9gjiehBbD08AInHEQoJltoOYE9sJXH/yybt/HYyzO4t4iQGkyGLsay2T6Cdfv4EsRJxVxPA=="},
                 "customer":{"id":"customer_123","ip_address":"198.51.100.47","first_name":"John","last_name":"Doe","email":"johndoe@example.com"},
                 "account":{"number":"71234567890"},"payment":{"currency":"KZT","amount":100000}}""");
        assertEquals(expected.toString(), sale.toString(), "same fields, order and JSON types");
        assertTrue(sale.at("/payment/amount").isIntegralNumber(), "amounts are JSON integers");
        assertTrue(sale.at("/general/project_id").isIntegralNumber(), "project id is a JSON integer");
    }

    @Test
    void clarificationResendStatusAndOperators() throws Exception {
        assertEquals(Json.MAPPER.readTree("{\"general\":{\"project_id\":1234,\"payment_id\":\"payment_47\"},"
                + "\"additional_data\":{\"additional_data\":{\"approval_code\":\"123456\"}}}").toString(), requests.clarification("payment_47", "123456").toString());
        assertEquals(Json.MAPPER.readTree("{\"general\":{\"project_id\":1234,\"payment_id\":\"payment_47\"},"
                + "\"customer\":{\"ip_address\":\"198.51.100.47\"}}").toString(), requests.resend("payment_47", "198.51.100.47").toString());
        assertEquals(Json.MAPPER.readTree("{\"general\":{\"project_id\":1234,\"payment_id\":\"payment_47\"}}").toString(), requests.status("payment_47").toString());
        assertEquals(Json.MAPPER.readTree("{\"general\":{\"project_id\":1234}}").toString(), requests.operators().toString());
    }

    @Test
    void refundSendsAmountAndCurrencyTogetherOrNeither() {
        ObjectNode partial = requests.refund("p", 50000L, "KZT", "Refund.", "R-1", null);
        assertEquals(50000, partial.at("/payment/amount").asLong());
        assertEquals("KZT", partial.at("/payment/currency").asText());
        assertEquals("R-1", partial.at("/payment/merchant_refund_id").asText());
        ObjectNode full = requests.refund("p", null, "KZT", null, "R-2", "198.51.100.47");
        assertTrue(full.at("/payment/amount").isMissingNode());
        assertTrue(full.at("/payment/currency").isMissingNode());
        assertEquals("198.51.100.47", full.at("/customer/ip_address").asText());
    }

    @Test
    void callbackUrlGoesToGeneralOnlyWhenConfiguredAndOnlyWhereCallbacksFollow() {
        GateRequests withUrl = new GateRequests(CAMEL, 1234, Optional.of("https://erp.example.kz/callbacks/monetix"));
        assertEquals("https://erp.example.kz/callbacks/monetix", withUrl.clarification("p", "1234").at("/general/merchant_callback_url").asText());
        assertFalse(withUrl.status("p").path("general").has("merchant_callback_url"));
        assertFalse(requests.clarification("p", "1234").path("general").has("merchant_callback_url"));
    }

    @Test
    void paymentPageLinkReproducesTheProtocolExample() {
        PaymentPageLinks links = new PaymentPageLinks("https://paymentpage.trxhost.com/payment", 1234, Optional.empty(), signer);
        String link = links.link(new PaymentPageLinks.Purchase("payment_47", "customer_123", "John", "Doe", "johndoe@example.com",
                "KZT", 100000, "TELE2"));
        assertEquals("https://paymentpage.trxhost.com/payment?project_id=1234&payment_id=payment_47&customer_id=customer_123"
                + "&customer_first_name=John&customer_last_name=Doe&customer_email=johndoe%40example.com&payment_currency=KZT"
                + "&payment_amount=100000&force_payment_method=mobile"
                + "&payment_methods_options=%7B%22enable_mobile_service%22%3A1%2C%22selected_operator%22%3A%22TELE2%22%7D"
                + "&signature=GQw79qoqAjCZeytugPY4%2B96SlbnqGgPA7JxbEfagcDr903EVp6C9Zg57y8aIgtZaynqungI%2B0p6oBZe90qbJNQ%3D%3D", link);
    }

    @Test
    void paymentPageLinkCarriesTheCallbackUrlWhenOneIsConfigured() {
        PaymentPageLinks links = new PaymentPageLinks("https://paymentpage.trxhost.com/payment", 1234,
                Optional.of("https://erp.example.kz/callbacks/monetix"), signer);
        String link = links.link(new PaymentPageLinks.Purchase("payment_47", "customer_123", "John", "Doe", "johndoe@example.com",
                "KZT", 100000, null));
        assertTrue(link.contains("&merchant_callback_url=https%3A%2F%2Ferp.example.kz%2Fcallbacks%2Fmonetix&"), link);
    }

    @Test
    void responsesAreClassified() throws Exception {
        assertEquals(GateResult.Outcome.ACCEPTED, GateResult.fromResponse(GatePaths.SALE, 200,
                Json.MAPPER.readTree("{\"status\":\"success\",\"request_id\":\"r\"}"), false).outcome());
        GateResult rejected = GateResult.fromResponse(GatePaths.SALE, 400,
                Json.MAPPER.readTree("{\"status\":\"error\",\"code\":3261,\"message\":\"x\"}"), false);
        assertEquals(GateResult.Outcome.REJECTED, rejected.outcome());
        assertEquals("3261", rejected.code(), "codes are read as text whether string or number");
        assertEquals(GateResult.Outcome.UNKNOWN, GateResult.fromResponse(GatePaths.SALE, 502, null, false).outcome());
        assertEquals(GateResult.Outcome.REJECTED, GateResult.fromResponse(GatePaths.SALE, 200,
                Json.MAPPER.readTree("{\"status\":\"error\"}"), false).outcome());
    }

    /** Answers that say neither "taken" nor "refused" are unknown outcomes, settled by a status request. */
    @Test
    void answersThatSayNothingAreUnknown() throws Exception {
        assertEquals(GateResult.Outcome.UNKNOWN, GateResult.fromResponse(GatePaths.SALE, 200, null, false).outcome(), "2xx, not JSON");
        assertEquals(GateResult.Outcome.UNKNOWN, GateResult.fromResponse(GatePaths.SALE, 200,
                Json.MAPPER.readTree("{\"request_id\":\"r\"}"), false).outcome(), "2xx without a status");
        assertEquals(GateResult.Outcome.UNKNOWN, GateResult.fromResponse(GatePaths.SALE, 429, null, false).outcome(), "a proxy's 429");
        assertEquals(GateResult.Outcome.UNKNOWN, GateResult.fromResponse(GatePaths.SALE, 408, null, false).outcome(), "a proxy's 408");
        assertEquals(GateResult.Outcome.UNKNOWN, GateResult.fromResponse(GatePaths.SALE, 400,
                Json.MAPPER.readTree("{\"status\":\"error\",\"code\":\"77777\"}"), false).outcome(), "a code we do not know");
        assertEquals(GateResult.Outcome.ACCEPTED, GateResult.fromResponse(GatePaths.STATUS, 200,
                Json.MAPPER.readTree("{\"payment\":{\"id\":\"p\",\"status\":\"success\"}}"), true).outcome(),
                "a status answer has no status field of its own");
    }

    @Test
    void onlySignedAnswersMaySettleAPayment() throws Exception {
        JsonNode status = Json.MAPPER.readTree("{\"payment\":{\"id\":\"p\",\"status\":\"success\"}}");
        assertTrue(GateResult.fromResponse(GatePaths.STATUS, 200, status, true).trustworthy());
        assertFalse(GateResult.fromResponse(GatePaths.STATUS, 200, status, false).trustworthy());
    }

    @Test
    void codesMapToWhatTheyMeanForAPayment() {
        assertEquals(GateCodes.Meaning.SUCCESS, GateCodes.meaning("0"));
        assertEquals(GateCodes.Meaning.NEED_CLARIFICATION, GateCodes.meaning("3191"));
        assertEquals(GateCodes.Meaning.PENDING, GateCodes.meaning("20802"));
        assertEquals(GateCodes.Meaning.DECLINED, GateCodes.meaning("20105"));
        assertEquals(GateCodes.Meaning.DECLINED, GateCodes.meaning("1401"));
        assertEquals(GateCodes.Meaning.RECONCILE, GateCodes.meaning("3041"));
        assertEquals(GateCodes.Meaning.FAILED, GateCodes.meaning("3261"));
        assertEquals(GateCodes.Meaning.FAILED, GateCodes.meaning("20701"));
        assertEquals(GateCodes.Meaning.REFUND_REJECTED, GateCodes.meaning("3283"));
        assertEquals(GateCodes.Meaning.UNKNOWN, GateCodes.meaning("77777"));
        assertEquals(GateCodes.Meaning.UNKNOWN, GateCodes.meaning(null));
    }
}
