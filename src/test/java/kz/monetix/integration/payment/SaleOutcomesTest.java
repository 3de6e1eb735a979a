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
            "sale, awaiting clarification, awaiting clarification, 3191, OTP_REQUIRED, -",
            "sale, processing, -, 3191, OTP_REQUIRED, -",
            "sale, success, success, 0, PAYMENT_FINAL, SUCCESS",
            "sale, decline, decline, 20000, PAYMENT_FINAL, DECLINED",
            "sale, processing, decline, 20105, PAYMENT_FINAL, DECLINED",
            "sale, error, error, 20701, PAYMENT_FINAL, FAILED",
            "sale, external error, -, 501, PAYMENT_FINAL, FAILED",
            "-, success, -, 0, PAYMENT_FINAL, SUCCESS",
            "sale, processing, processing, 9999, OTHER, -",
            "sale, expired, expired, -, PAYMENT_FINAL, DECLINED",
            "sale, cancelled, -, -, PAYMENT_FINAL, DECLINED",
            "sale, canceled, -, -, PAYMENT_FINAL, DECLINED",
            "sale, internal error, internal error, -, PAYMENT_FINAL, FAILED",
            "sale, external processing, external processing, -, OTHER, -",
            "sale, awaiting customer, -, -, OTHER, -",
            "sale, some new status, -, -, OTHER, -",
            "refund, refunded, success, 0, REFUND_RESULT, -",
            "reversal, partially refunded, success, 0, REFUND_RESULT, -"})
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
        assertEquals(SaleOutcomes.Kind.valueOf(kind), SaleOutcomes.classify(callback));
        assertEquals(status == null ? null : PaymentStatus.valueOf(status), SaleOutcomes.finalStatus(callback));
    }
}
