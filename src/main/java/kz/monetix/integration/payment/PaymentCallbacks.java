package kz.monetix.integration.payment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import kz.monetix.integration.api.ApiProblem;
import kz.monetix.integration.gate.GateCallback;
import kz.monetix.integration.gate.GateResult;
import kz.monetix.integration.gate.GateSigner;
import kz.monetix.integration.gate.MonetixConfig;
import kz.monetix.integration.json.Json;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The steps of the {@code monetix-callback} route (routes/monetix-callbacks.yaml). The signature is checked on the
 * parsed raw body before anything else; every step commits its change before the route answers 200.
 */
@ApplicationScoped
@Named("paymentCallbacks")
public class PaymentCallbacks {

    private static final Logger LOG = Logger.getLogger(PaymentCallbacks.class);

    /** Far above any callback the platform sends (a few KiB). */
    public static final int MAX_CALLBACK_BYTES = 64 * 1024;

    private final GateSigner signer;
    private final PaymentLedger ledger;
    private final PaymentResults results;
    private final GateFacts facts;
    private final MeterRegistry metrics;
    private final Refunds refunds;
    private final long projectId;

    public PaymentCallbacks(GateSigner signer, PaymentLedger ledger, PaymentResults results, GateFacts facts, MeterRegistry metrics,
                            Refunds refunds, MonetixConfig config) {
        this.projectId = config.projectId();
        this.signer = signer;
        this.ledger = ledger;
        this.results = results;
        this.facts = facts;
        this.metrics = metrics;
        this.refunds = refunds;
    }

    /** Verifies the signature (403 when missing or wrong), finds the payment (404, so that Monetix retries) and classifies. */
    public GateReport verify(byte[] body) {
        // bounded before any signature work; garbage is a 400, which Monetix does not retry
        if (body != null && body.length > MAX_CALLBACK_BYTES) {
            metrics.counter("monetix.callbacks.rejected", "reason", "size").increment();
            throw new ApiProblem(413, "Payload Too Large", "a callback must not exceed " + MAX_CALLBACK_BYTES + " bytes");
        }
        Json.Parsed parsed = Json.parse(body);
        if (parsed.tree() == null || !parsed.tree().isObject()) {
            metrics.counter("monetix.callbacks.rejected", "reason", "malformed").increment();
            LOG.warnf("callback rejected: %s", parsed.tree() == null ? parsed.problem() : "not a JSON object");
            throw new ApiProblem(400, "Bad Request", parsed.tree() == null ? parsed.problem() : "the body must be a JSON object");
        }
        JsonNode tree = parsed.tree();
        if (!Json.reasonableNumbers(tree)) {
            metrics.counter("monetix.callbacks.rejected", "reason", "malformed").increment();
            LOG.warn("callback rejected: a number no callback has (over 64 digits of precision or scale)");
            throw new ApiProblem(400, "Bad Request", "a number has more than 64 digits of scale or precision");
        }
        GateSigner.Match match = signer.verify(tree);
        if (match == null) {
            metrics.counter("monetix.callbacks.rejected", "reason", "signature").increment();
            LOG.warn("callback rejected: missing or invalid signature");
            throw new ApiProblem(403, "Forbidden", "the signature is missing or invalid");
        }
        if (match == GateSigner.Match.NATURAL_ORDER) {
            LOG.info("callback signature matched the natural-order variant (gate-protocol.md §2.3)");
        }
        GateCallback callback = GateCallback.of(tree);
        Optional<Payment> payment = callback.paymentId() == null ? Optional.empty() : ledger.findByPaymentId(callback.paymentId());
        if (payment.isEmpty()) {
            // Possibly ahead of our own commit: a non-2xx makes the platform try again later.
            LOG.warnf("callback for unknown payment_id %s: answered 404 so that it is retried", callback.paymentId());
            throw ApiProblem.notFound("unknown payment");
        }
        Payment p = payment.get();
        String fingerprint = fingerprint(tree);
        if (ledger.alreadyApplied(p.paymentId(), fingerprint)) {
            return new GateReport(p.orderId(), callback, SaleOutcomes.Kind.DUPLICATE, "callback", false, fingerprint);
        }
        String mismatch = mismatch(callback, p);
        if (mismatch != null) {
            return new GateReport(p.orderId(), callback, SaleOutcomes.Kind.MISMATCHED, "callback (" + mismatch + ")", false, fingerprint);
        }
        SaleOutcomes.Kind kind = SaleOutcomes.classify(callback);
        // After a resend, callback statuses may be wrong (seed, "Request for the new OTP"): confirm by status request.
        boolean confirm = kind == SaleOutcomes.Kind.PAYMENT_FINAL && p.otpResendsUsed() > 0 && !p.status().isFinal();
        return new GateReport(p.orderId(), callback, kind, "callback", confirm, fingerprint);
    }

    /**
     * A callback's identity: the digest of its verified signature, which covers every field. A delivery retried by
     * the platform, or replayed, has it; a new prompt after a wrong code differs at least in its dates.
     */
    private static String fingerprint(JsonNode tree) {
        JsonNode signature = tree.has("signature") ? tree.path("signature") : tree.at("/general/signature");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(signature.asText().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * What in the callback contradicts the payment as we stored it: the project, the currency, or (for the sale) the
     * amount; null when nothing does. Absent fields are tolerated (gate-protocol.md marks the shape [C]/[I]).
     */
    private String mismatch(GateCallback callback, Payment p) {
        if (callback.projectId() != null && callback.projectId() != projectId) {
            return "project " + callback.projectId() + ", ours is " + projectId;
        }
        if (callback.currency() != null && !callback.currency().equalsIgnoreCase(p.currency())) {
            return "currency " + callback.currency() + ", the payment's is " + p.currency();
        }
        if (callback.isSale() && callback.paymentSumMinor() != null && callback.paymentSumMinor() != p.amountMinor()) {
            return "amount " + Money.toMajorText(callback.paymentSumMinor(), p.currency()) + ", the payment's is "
                    + Money.toMajorText(p.amountMinor(), p.currency());
        }
        return null;
    }

    /** A callback that contradicts the payment: recorded for an operator, counted, logged; nothing changes. */
    public void mismatched(GateReport report) {
        metrics.counter("monetix.callbacks.mismatched").increment();
        LOG.errorf("payment %s: callback does not match the payment (%s); ignored, needs an operator's look", report.orderId(),
                report.source());
        ledger.apply(report, change -> {
            change.note("ignored", report.source() + " does not match the payment; nothing changed");
            return null;
        });
    }

    /** The same signed callback again (a retried delivery or a replay): one history line, nothing else. */
    public void duplicate(GateReport report) {
        ledger.apply(report, change -> null);
    }

    /** The final result as the callback says it. */
    public void applyFinal(GateReport report) {
        ledger.apply(report, change -> {
            results.applyFinal(change, SaleOutcomes.finalStatus(report.callback()), report.callback(), report.source());
            return null;
        });
    }

    /** The input of the status mapping that confirms a result. */
    public ObjectNode confirmationFacts(GateReport report) {
        return facts.of(ledger.find(report.orderId()).orElseThrow().paymentId());
    }

    /** The final result as the status request says it; without a signed answer Monetix is asked to retry (503). */
    public void applyConfirmed(GateReport report, GateResult status) {
        if (!status.trustworthy()) {
            throw new ApiProblem(503, "Service Unavailable", "the result cannot be confirmed right now; retry later");
        }
        GateCallback confirmed = GateCallback.of(status.body());
        PaymentStatus target = SaleOutcomes.finalStatus(confirmed);
        ledger.apply(report, change -> {
            if (target == null) {
                change.note("ignored", "callback said " + report.callback().paymentStatus() + " but the status request says "
                        + confirmed.paymentStatus() + " (statuses during resends may be wrong)");
            } else {
                results.applyFinal(change, target, confirmed, "callback confirmed by status request");
            }
            return null;
        });
    }

    /** A refund's result (see {@link Refunds#settled}). */
    public void refundResult(GateReport report) {
        ledger.apply(report, change -> {
            refunds.settled(change, report.callback());
            return null;
        });
    }

    /** Statuses that change nothing (processing, or values we do not know): kept, logged, counted. */
    public void other(GateReport report) {
        GateCallback callback = report.callback();
        metrics.counter("monetix.callbacks.unrecognised", "status", String.valueOf(callback.paymentStatus())).increment();
        LOG.infof("payment %s: callback with payment status '%s', operation status '%s' changes nothing",
                report.orderId(), callback.paymentStatus(), callback.operationStatus());
        ledger.apply(report, change -> {
            change.note("callback", "payment status " + callback.paymentStatus() + ", operation " + callback.operationType()
                    + " " + callback.operationStatus() + ": no change");
            return null;
        });
    }
}
