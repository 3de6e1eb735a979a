package kz.monetix.integration.payment;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import kz.monetix.integration.gate.GateCallback;
import kz.monetix.integration.gate.GateClient;
import kz.monetix.integration.gate.GateRequests;
import kz.monetix.integration.gate.GateResult;
import kz.monetix.integration.gate.GateSigner;
import kz.monetix.integration.gate.Json;
import kz.monetix.integration.otp.OtpSessions;
import kz.monetix.integration.runtime.HttpReplies;
import org.apache.camel.Exchange;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * The steps of the {@code monetix-callback} route (routes/monetix-callbacks.yaml). The signature is checked
 * on the parsed raw body before anything else; every branch commits its change before the 200 goes out.
 */
@ApplicationScoped
@Named("callbackIntake")
public class CallbackIntake {

    /** Exchange property the YAML route branches on. */
    public static final String KIND_PROPERTY = "callbackKind";
    /** Branch value when the callback was answered already (bad signature, unknown payment). */
    public static final String ANSWERED = "answered";

    private static final String CALLBACK = "monetixCallback";
    private static final String ORDER_ID = "orderId";
    private static final Logger LOG = Logger.getLogger(CallbackIntake.class);

    private final GateSigner signer;
    private final PaymentLedger ledger;
    private final PaymentResults results;
    private final OtpSessions otp;
    private final GateClient gate;
    private final GateRequests requests;
    private final MeterRegistry metrics;
    private final Refunds refunds;

    public CallbackIntake(GateSigner signer, PaymentLedger ledger, PaymentResults results, OtpSessions otp, GateClient gate,
                          GateRequests requests, MeterRegistry metrics, Refunds refunds) {
        this.signer = signer;
        this.ledger = ledger;
        this.results = results;
        this.otp = otp;
        this.gate = gate;
        this.requests = requests;
        this.metrics = metrics;
        this.refunds = refunds;
    }

    /** Verifies, finds the payment and sets the {@code callbackKind} property; answers 403 or 404 itself when it must. */
    public void verify(Exchange exchange) {
        JsonNode tree = Json.parseOrNull(exchange.getMessage().getBody(byte[].class));
        GateSigner.Match match = signer.verify(tree);
        if (match == null) {
            metrics.counter("monetix.callbacks.rejected", "reason", "signature").increment();
            LOG.warn("callback rejected: missing or invalid signature");
            answered(exchange, 403, "Forbidden", "the signature is missing or invalid");
            return;
        }
        if (match == GateSigner.Match.NATURAL_ORDER) {
            LOG.info("callback signature matched the natural-order variant (gate-protocol.md §2.3)");
        }
        GateCallback callback = GateCallback.of(tree);
        Optional<Payment> payment = callback.paymentId() == null ? Optional.empty() : ledger.findByPaymentId(callback.paymentId());
        if (payment.isEmpty()) {
            // Possibly ahead of our own commit: a non-2xx makes the platform try again later.
            LOG.warnf("callback for unknown payment_id %s: answered 404 so that it is retried", callback.paymentId());
            answered(exchange, 404, "Not Found", "unknown payment");
            return;
        }
        exchange.setProperty(CALLBACK, callback);
        exchange.setProperty(ORDER_ID, payment.get().orderId());
        exchange.setProperty(KIND_PROPERTY, SaleOutcomes.classify(callback).header());
    }

    /** Branch "otp-required": into the OTP step. */
    public void otpRequired(Exchange exchange) {
        GateCallback callback = callback(exchange);
        ledger.change(orderId(exchange), change -> {
            otp.prompted(change, callback, "callback");
            return null;
        });
        HttpReplies.empty(exchange, 200);
    }

    /**
     * Branch "payment-final". After a resend, callback statuses may be wrong (seed, "Request for the new OTP"):
     * the result is then confirmed with a signed status request before it is applied.
     */
    public void paymentFinal(Exchange exchange) {
        GateCallback callback = callback(exchange);
        String orderId = orderId(exchange);
        Payment payment = ledger.find(orderId).orElseThrow();
        GateCallback confirmed = callback;
        String source = "callback";
        if (payment.otpResendsUsed() > 0 && !payment.status().isFinal()) {
            GateResult status = gate.post(GateRequests.STATUS, requests.status(payment.paymentId()));
            if (!status.accepted() || status.body() == null) {
                HttpReplies.problem(exchange, 503, "Service Unavailable", "the result cannot be confirmed right now; retry later");
                return;
            }
            confirmed = GateCallback.of(status.body());
            source = "callback confirmed by status request";
        }
        GateCallback result = confirmed;
        PaymentStatus target = SaleOutcomes.finalStatus(result);
        String finalSource = source;
        ledger.change(orderId, change -> {
            if (target == null) {
                change.note("ignored", "callback said " + callback.paymentStatus() + " but the status request says "
                        + result.paymentStatus() + " (statuses during resends may be wrong)");
            } else {
                results.applyFinal(change, target, result, finalSource);
            }
            return null;
        });
        HttpReplies.empty(exchange, 200);
    }

    /** Branch "refund-result": the refund is settled (see {@link Refunds#settled}). */
    public void refundResult(Exchange exchange) {
        GateCallback callback = callback(exchange);
        ledger.change(orderId(exchange), change -> {
            refunds.settled(change, callback);
            return null;
        });
        HttpReplies.empty(exchange, 200);
    }

    /** Branch "other": statuses that change nothing (processing, or values we do not know): kept, logged, counted. */
    public void other(Exchange exchange) {
        GateCallback callback = callback(exchange);
        metrics.counter("monetix.callbacks.unrecognised", "status", String.valueOf(callback.paymentStatus())).increment();
        LOG.infof("payment %s: callback with payment status '%s', operation status '%s' changes nothing",
                orderId(exchange), callback.paymentStatus(), callback.operationStatus());
        ledger.change(orderId(exchange), change -> {
            change.note("callback", "payment status " + callback.paymentStatus() + ", operation " + callback.operationType()
                    + " " + callback.operationStatus() + ": no change");
            return null;
        });
        HttpReplies.empty(exchange, 200);
    }

    private static void answered(Exchange exchange, int status, String title, String detail) {
        HttpReplies.problem(exchange, status, title, detail);
        exchange.setProperty(KIND_PROPERTY, ANSWERED);
    }

    private static GateCallback callback(Exchange exchange) {
        return exchange.getProperty(CALLBACK, GateCallback.class);
    }

    private static String orderId(Exchange exchange) {
        return exchange.getProperty(ORDER_ID, String.class);
    }
}
