package kz.monetix.integration.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One payment as the simulated platform sees it. Guarded by its own monitor. */
final class SandboxPayment {

    /** One operation of the payment, as reported in callbacks and status responses. */
    record Operation(long id, String type, String status, String code, String message, String requestId,
                     long amount, Instant created, String merchantRefundId) {

        Operation settled(String newStatus, String newCode, String newMessage) {
            return new Operation(id, type, newStatus, newCode, newMessage, requestId, amount, created, merchantRefundId);
        }
    }

    final String paymentId;
    final String customerId;
    final String phone;
    final String operator;
    final long amount;
    final String currency;
    final String callbackUrl;
    final List<Operation> operations = new ArrayList<>();

    /** The last OTP prompt sent, for the replay magic value. */
    ObjectNode lastPrompt;
    String status = "processing";
    String otp;
    Instant otpCreated;
    int wrongCodes;
    int resends;
    long refunded;
    /** When (epoch microseconds, 0: not yet) the sale arrived, the first prompt and the result left, the first code arrived. */
    long saleAt;
    long firstPromptAt;
    long firstCodeAt;
    long resultAt;
    /** Sale requests for this payment_id after the first (each refused with 3041): the runtime must send none. */
    int repeatedSales;

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

    /** Replaces an operation by its settled self (same id). */
    void update(Operation settled) {
        operations.replaceAll(op -> op.id() == settled.id() ? settled : op);
    }

    boolean knowsRefund(String merchantRefundId) {
        return merchantRefundId != null && operations.stream().anyMatch(op -> merchantRefundId.equals(op.merchantRefundId()));
    }

    /** The sale is over (paid, declined or refunded): no code or prompt moves it again. */
    boolean settled() {
        return !"processing".equals(status) && !"awaiting clarification".equals(status);
    }

    boolean magic(long value) {
        return amount == value;
    }
}
