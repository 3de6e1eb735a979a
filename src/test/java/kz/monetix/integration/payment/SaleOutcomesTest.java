package kz.monetix.integration.payment;

import kz.monetix.integration.gate.GateCallback;
import kz.monetix.integration.json.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which branch of the callback route each callback takes, and the status it maps to. */
class SaleOutcomesTest {

    @ParameterizedTest(name = "{0}/{1}/{2}/{3} -> {4} {5}")
    @CsvSource(nullValues = "-", value = {
            "sale, awaiting clarification, awaiting clarification, 3191, otp-required, -",
            "sale, processing, -, 3191, otp-required, -",
            "sale, success, success, 0, payment-final, SUCCESS",
            "sale, decline, decline, 20000, payment-final, DECLINED",
            "sale, processing, decline, 20105, payment-final, DECLINED",
            "sale, error, error, 20701, payment-final, FAILED",
            "sale, external error, -, 501, payment-final, FAILED",
            "-, success, -, 0, payment-final, SUCCESS",
            "sale, processing, processing, 9999, other, -",
            "sale, some new status, -, -, other, -",
            "refund, refunded, success, 0, refund-result, -",
            "reversal, partially refunded, success, 0, refund-result, -"})
    void classifies(String type, String paymentStatus, String operationStatus, String code, String kind, String status) {
        var root = Json.MAPPER.createObjectNode();
        root.putObject("payment").put("id", "p").put("status", paymentStatus);
        var operation = root.putObject("operation");
        if (type != null) {
            operation.put("type", type);
        }
        if (operationStatus != null) {
            operation.put("status", operationStatus);
        }
        if (code != null) {
            operation.put("code", code);
        }
        GateCallback callback = GateCallback.of(root);
        assertEquals(kind, SaleOutcomes.classify(callback).header());
        assertEquals(status == null ? null : PaymentStatus.valueOf(status), SaleOutcomes.finalStatus(callback));
    }
}
