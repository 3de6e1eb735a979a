package kz.monetix.integration.erp;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import kz.monetix.integration.json.Json;
import kz.monetix.integration.payment.Money;
import kz.monetix.integration.payment.Payment;
import kz.monetix.integration.payment.PaymentLedger;
import kz.monetix.integration.payment.PaymentStatus;
import kz.monetix.integration.payment.PaymentStore;
import kz.monetix.integration.payment.Refund;
import kz.monetix.integration.payment.Refunds;

import java.time.Instant;

/** The contract's view of a payment ({@code GET /api/v1/payments/{orderId}}). */
@ApplicationScoped
public class PaymentViews {

    private final PaymentLedger ledger;
    private final Refunds refunds;

    public PaymentViews(PaymentLedger ledger, Refunds refunds) {
        this.ledger = ledger;
        this.refunds = refunds;
    }

    /** The short view of replies to a new order. */
    public ObjectNode accepted(Payment payment) {
        ObjectNode view = Json.MAPPER.createObjectNode();
        view.put("orderId", payment.orderId());
        view.put("paymentId", payment.paymentId());
        view.put("status", payment.status().wire());
        return view;
    }

    /** The whole view: state, OTP, refunds and the history of the payment. */
    public ObjectNode full(Payment payment) {
        ObjectNode view = accepted(payment);
        view.put("amount", Money.toMajorText(payment.amountMinor(), payment.currency()));
        view.put("currency", payment.currency());
        view.put("channel", payment.channel());
        if (payment.operator() != null) {
            view.put("operator", payment.operator());
        }
        if (payment.phone() != null) {
            view.put("phoneMasked", payment.phoneMasked());
        }
        if (payment.lastCode() != null) {
            view.put("code", payment.lastCode());
            view.put("message", payment.lastMessage());
        }
        if (payment.status() == PaymentStatus.AWAITING_OTP) {
            view.set("otp", ledger.otpView(payment));
        }
        ArrayNode refundList = view.putArray("refunds");
        for (Refund refund : refunds.of(payment.orderId())) {
            refundList.add(refund(refund, payment.currency()));
        }
        ArrayNode events = view.putArray("history");
        for (PaymentStore.HistoryEntry entry : ledger.history(payment.orderId())) {
            ObjectNode line = events.addObject();
            line.put("at", Instant.ofEpochMilli(entry.at()).toString());
            line.put("kind", entry.kind());
            if (entry.status() != null) {
                line.put("status", entry.status());
            }
            line.put("detail", entry.detail());
        }
        view.put("createdAt", Instant.ofEpochMilli(payment.createdAt()).toString());
        view.put("updatedAt", Instant.ofEpochMilli(payment.updatedAt()).toString());
        return view;
    }

    public ObjectNode refund(Refund refund, String currency) {
        ObjectNode view = Json.MAPPER.createObjectNode();
        view.put("orderId", refund.orderId());
        view.put("refundId", refund.refundId());
        view.put("amount", Money.toMajorText(refund.amountMinor(), currency));
        view.put("status", refund.state().wire());
        view.put("origin", refund.origin().wire());
        if (refund.lastCode() != null) {
            view.put("code", refund.lastCode());
            view.put("message", refund.lastMessage());
        }
        view.put("createdAt", Instant.ofEpochMilli(refund.createdAt()).toString());
        return view;
    }
}
