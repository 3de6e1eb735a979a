package kz.monetix.integration.erp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import kz.monetix.integration.api.ApiProblem;
import kz.monetix.integration.api.JsonBodies;
import kz.monetix.integration.api.ApiReply;
import kz.monetix.integration.json.Json;
import kz.monetix.integration.gate.MonetixConfig;
import kz.monetix.integration.gate.PaymentPageLinks;
import kz.monetix.integration.payment.Money;
import kz.monetix.integration.payment.Payment;
import kz.monetix.integration.payment.PaymentLedger;
import kz.monetix.integration.payment.PaymentStatus;
import kz.monetix.integration.payment.Phones;
import kz.monetix.integration.payment.Store;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * Takes an ERP payment order: validates it, stores it (the 202 goes out only after the commit), and leaves
 * the purchase to the SEND_SALE timer. The unique order id makes a replay a read and never a second sale.
 */
@ApplicationScoped
@Named("paymentIntake")
public class PaymentIntake {

    private static final Logger LOG = Logger.getLogger(PaymentIntake.class);

    private final PaymentLedger ledger;
    private final PaymentViews views;
    private final PaymentPageLinks links;
    private final MonetixConfig config;

    public PaymentIntake(PaymentLedger ledger, PaymentViews views, PaymentPageLinks links, MonetixConfig config) {
        this.ledger = ledger;
        this.views = views;
        this.links = links;
        this.config = config;
    }

    /** Step of the {@code erp-order} route: the raw request, validated (every bad field named at once). */
    public PaymentOrder validate(byte[] body) {
        JsonNode tree = JsonBodies.read(body);
        OrderValidator.Result result = OrderValidator.validate(tree);
        if (!result.valid()) {
            throw ApiProblem.invalid("Invalid payment order", result.errors());
        }
        return result.order();
    }

    /** Stores a new order (committed before the answer), or answers a repeated one: 202/201 new, 200 same, 409 different. */
    public ApiReply accept(PaymentOrder order) {
        Payment payment = newPayment(order, ledger.now());
        try {
            ledger.insert(payment, "order", "order received: " + Money.toMajorText(order.amountMinor(), order.currency())
                    + " " + order.currency() + (order.phone() != null ? ", phone " + Phones.mask(order.phone()) : "")
                    + ", channel " + order.channel());
        } catch (Store.StoreException e) {
            if (!e.isDuplicateKey()) {
                throw e;
            }
            return replay(order);
        }
        LOG.infof("order %s accepted (%s, phone %s)", order.orderId(), order.channel(), Phones.mask(order.phone()));
        ObjectNode view = views.accepted(payment);
        if (PaymentOrder.PAYMENT_PAGE.equals(order.channel())) {
            view.put("paymentPageUrl", pageLink(payment));
            return new ApiReply(201, view);
        }
        return new ApiReply(202, view);
    }

    private ApiReply replay(PaymentOrder order) {
        Optional<Payment> existing = ledger.find(order.orderId());
        if (existing.isPresent() && existing.get().fingerprint().equals(order.fingerprint())) {
            ObjectNode view = views.full(existing.get());
            if (PaymentOrder.PAYMENT_PAGE.equals(order.channel())) {
                view.put("paymentPageUrl", pageLink(existing.get()));
            }
            return new ApiReply(200, view);
        }
        throw ApiProblem.conflict(existing.isPresent()
                ? "an order with this orderId and different content exists"
                : "the Monetix payment_id derived from this orderId is taken");
    }

    private Payment newPayment(PaymentOrder order, long now) {
        boolean gate = PaymentOrder.GATE.equals(order.channel());
        return new Payment(order.orderId(), config.paymentIdPrefix().orElse("") + order.orderId(), order.channel(),
                PaymentStatus.PROCESSING, order.amountMinor(), order.currency(), order.phone(), order.operator(), order.description(),
                order.customerId(), order.firstName(), order.lastName(), order.email(), order.ipAddress(), order.fingerprint(),
                gate ? Payment.SaleState.NEW : Payment.SaleState.PAYMENT_PAGE, null, null, 0, 0, null, 0, null, null,
                // a gate order is sent at once; a Payment Page order is asked about once the customer had time to pay
                gate ? now : now + config.paymentPage().reconcileAfter().toMillis(),
                gate ? Payment.DueAction.SEND_SALE : Payment.DueAction.RECONCILE, 0, 0, now, now);
    }

    private String pageLink(Payment payment) {
        return links.link(new PaymentPageLinks.Purchase(payment.paymentId(), payment.customerId(), payment.customerFirstName(),
                payment.customerLastName(), payment.customerEmail(), payment.currency(), payment.amountMinor(), payment.operator()));
    }
}
