package kz.monetix.integration.erp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import kz.monetix.integration.gate.Json;
import kz.monetix.integration.gate.MonetixConfig;
import kz.monetix.integration.gate.PaymentPageLinks;
import kz.monetix.integration.payment.Money;
import kz.monetix.integration.payment.Payment;
import kz.monetix.integration.payment.PaymentLedger;
import kz.monetix.integration.payment.PaymentStatus;
import kz.monetix.integration.payment.Phones;
import kz.monetix.integration.payment.Store;
import kz.monetix.integration.runtime.HttpReplies;
import org.apache.camel.Exchange;
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

    /** Step of the {@code erp-create-payment} route: the body is the raw request. */
    public void accept(Exchange exchange) {
        JsonNode body = Json.parseOrNull(exchange.getMessage().getBody(byte[].class));
        if (body == null) {
            HttpReplies.problem(exchange, 400, "Bad Request", "the body is not well-formed JSON");
            return;
        }
        OrderValidator.Result result = OrderValidator.validate(body);
        if (!result.valid()) {
            HttpReplies.problem(exchange, 400, "Invalid payment order", result.errors().size() + " field(s) are invalid", result.errors());
            return;
        }
        Reply reply = accept(result.order(), "HTTP");
        HttpReplies.json(exchange, reply.status(), reply.body());
    }

    /** The answer to an order, whatever channel it came through. */
    public record Reply(int status, ObjectNode body) {
    }

    public Reply accept(PaymentOrder order, String via) {
        Payment payment = newPayment(order, ledger.now());
        try {
            ledger.insert(payment, "order", "order received over " + via + ": " + Money.toMajorText(order.amountMinor(), order.currency())
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
            return new Reply(201, view);
        }
        return new Reply(202, view);
    }

    private Reply replay(PaymentOrder order) {
        Optional<Payment> existing = ledger.find(order.orderId());
        if (existing.isPresent() && existing.get().fingerprint().equals(order.fingerprint())) {
            ObjectNode view = views.full(existing.get());
            if (PaymentOrder.PAYMENT_PAGE.equals(order.channel())) {
                view.put("paymentPageUrl", pageLink(existing.get()));
            }
            return new Reply(200, view);
        }
        return new Reply(409, HttpReplies.problemBody(409, "Conflict", existing.isPresent()
                ? "an order with this orderId and different content exists"
                : "the Monetix payment_id derived from this orderId is taken"));
    }

    private Payment newPayment(PaymentOrder order, long now) {
        boolean gate = PaymentOrder.GATE.equals(order.channel());
        return new Payment(order.orderId(), config.paymentIdPrefix().orElse("") + order.orderId(), order.channel(),
                PaymentStatus.PROCESSING, order.amountMinor(), order.currency(), order.phone(), order.operator(), order.description(),
                order.customerId(), order.firstName(), order.lastName(), order.email(), order.ipAddress(), order.fingerprint(),
                gate ? Payment.SaleState.NEW : Payment.SaleState.PAYMENT_PAGE, null, null, 0, 0, null, 0, null, null,
                gate ? now : null, gate ? Payment.DueAction.SEND_SALE : null, 0, 0, now, now);
    }

    private String pageLink(Payment payment) {
        return links.link(new PaymentPageLinks.Purchase(payment.paymentId(), payment.customerId(), payment.customerFirstName(),
                payment.customerLastName(), payment.customerEmail(), payment.currency(), payment.amountMinor(), payment.operator()));
    }
}
