package kz.monetix.integration.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One payment as the simulated platform sees it. Guarded by its own monitor. */
final class SandboxPayment {

    /** One operation of the payment, as reported in callbacks and status responses. */
    record Operation(long id, String type, String status, String code, String message, String requestId,
                     long amount, Instant created) {
    }

    final String paymentId;
    final String customerId;
    final String phone;
    final String operator;
    final long amount;
    final String currency;
    final String callbackUrl;
    final List<Operation> operations = new ArrayList<>();

    String status = "processing";
    String otp;
    Instant otpCreated;
    int wrongCodes;
    int resends;
    long refunded;

    SandboxPayment(String paymentId, String customerId, String phone, long amount, String currency, String callbackUrl) {
        this.paymentId = paymentId;
        this.customerId = customerId;
        this.phone = phone;
        this.operator = SandboxMagic.operatorOf(phone);
        this.amount = amount;
        this.currency = currency;
        this.callbackUrl = callbackUrl;
    }

    Operation sale() {
        return operations.get(0);
    }

    boolean magic(long value) {
        return amount == value;
    }
}
