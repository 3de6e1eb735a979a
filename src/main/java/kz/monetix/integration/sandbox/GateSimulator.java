package kz.monetix.integration.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import kz.monetix.integration.gate.GateSigner;
import kz.monetix.integration.json.Json;
import kz.monetix.integration.gate.MonetixConfig;
import kz.monetix.integration.payment.Phones;
import org.jboss.logging.Logger;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A faithful stand-in for the Monetix Gate (gate-protocol.md §3-§7): checks signatures like the platform,
 * answers synchronously, and drives each payment through signed asynchronous callbacks. Its state is the
 * simulated platform's own memory, like stripe-mock's; it never touches the runtime's store.
 */
@ApplicationScoped
public class GateSimulator {

    /** A synchronous answer of the simulated Gate. */
    public record Reply(int status, JsonNode body) {
    }

    private static final Logger LOG = Logger.getLogger(GateSimulator.class);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ").withZone(ZoneOffset.UTC);
    private static final List<String[]> OPERATORS = List.of(new String[] {"ACTIV", "Activ"}, new String[] {"ALTEL", "Altel"},
            new String[] {"BEELINE", "Beeline"}, new String[] {"KCELL", "Kcell"}, new String[] {"TELE2", "Tele2"});

    private final Map<String, SandboxPayment> payments = new ConcurrentHashMap<>();
    private final AtomicLong operationIds = new AtomicLong(1000);
    private final SecureRandom random = new SecureRandom();
    private final MonetixConfig monetix;
    private final SandboxConfig config;
    private final GateSigner signer;
    private final SandboxCallbacks callbacks;
    private final SandboxFaults faults;
    private final Clock clock;

    public GateSimulator(MonetixConfig monetix, SandboxConfig config, GateSigner signer, SandboxCallbacks callbacks, SandboxFaults faults) {
        this.monetix = monetix;
        this.config = config;
        this.signer = signer;
        this.callbacks = callbacks;
        this.faults = faults;
        this.clock = Clock.systemUTC();
    }

    // ---- endpoints -------------------------------------------------------------------------------

    public Reply sale(byte[] raw) throws InterruptedException {
        JsonNode body = signedRequest(raw, "general/payment_id", "customer/id", "customer/ip_address", "customer/first_name",
                "customer/last_name", "customer/email", "account/number", "payment/amount", "payment/currency");
        if (!body.at("/payment/amount").isIntegralNumber()) {
            throw refusal(400, "502", "payment.amount must be an integer in minor units");
        }
        long amount = body.at("/payment/amount").longValue();
        if (amount == SandboxMagic.GATE_5XX) {
            throw refusal(500, "501", "Internal error");
        }
        if (amount == SandboxMagic.SALE_REJECTED) {
            throw refusal(400, "3023", "Currency is disabled for the project");
        }
        String paymentId = body.at("/general/payment_id").asText();
        String callbackUrl = body.at("/general/merchant_callback_url").asText(config.callbackUrl().orElse(null));
        if (callbackUrl == null) {
            throw refusal(400, "2004", "No callback URL: set monetix.sandbox.callback-url or send general.merchant_callback_url");
        }
        SandboxPayment payment = new SandboxPayment(paymentId, body.at("/customer/id").asText(),
                body.at("/account/number").asText(), amount, body.at("/payment/currency").asText(), callbackUrl);
        payment.saleAt = micros();
        SandboxPayment existing = payments.putIfAbsent(paymentId, payment);
        if (existing != null) {
            synchronized (existing) {
                existing.repeatedSales++;
            }
            throw refusal(400, "3041", "Payment with this id already exists");
        }
        String requestId = newRequestId();
        operation(payment, "sale", "processing", "9999", "Awaiting processing", requestId, amount);
        LOG.infof("sandbox: sale %s accepted for %s", paymentId, Phones.mask(payment.phone));
        callbacks.later(() -> askForCode(payment, false));
        if (amount == SandboxMagic.GATE_TIMEOUT) {
            Thread.sleep(config.timeoutDelay().toMillis());
        }
        if (amount == SandboxMagic.PROXY_429) {
            return new Reply(429, null);
        }
        return accepted(paymentId, requestId);
    }

    public Reply clarification(byte[] raw) {
        JsonNode body = signedRequest(raw, "general/payment_id", "additional_data/additional_data/approval_code");
        SandboxPayment payment = paymentOf(body);
        String code = body.at("/additional_data/additional_data/approval_code").asText();
        String requestId = newRequestId();
        ObjectNode replay;
        synchronized (payment) {
            if (!"awaiting clarification".equals(payment.status)) {
                throw refusal(400, "3060", "Payment status does not allow this action");
            }
            payment.status = "processing";
            replay = payment.lastPrompt;
            if (payment.firstCodeAt == 0) {
                payment.firstCodeAt = micros();
            }
            LOG.infof("sandbox: %s code accepted for checking", payment.paymentId);
        }
        if (payment.magic(SandboxMagic.REPLAYED_PROMPT)) {
            callbacks.later(() -> send(payment, replay));
        }
        callbacks.later(() -> checkCode(payment, code));
        return accepted(payment.paymentId, requestId);
    }

    public Reply resend(byte[] raw) {
        SandboxPayment payment = paymentOf(signedRequest(raw, "general/payment_id", "customer/ip_address"));
        synchronized (payment) {
            if (!"awaiting clarification".equals(payment.status)) {
                throw refusal(400, "3060", "Payment status does not allow this action");
            }
            if (payment.resends >= 3) {
                throw refusal(400, "3060", "No more new codes can be requested for this payment");
            }
            if (payment.otpCreated != null && clock.instant().isBefore(payment.otpCreated.plus(config.otpLifetimeOf(payment.operator)))) {
                throw refusal(400, "3060", "The current code has not expired yet");
            }
            payment.resends++;
            LOG.infof("sandbox: %s resend %d accepted", payment.paymentId, payment.resends);
        }
        if (payment.magic(SandboxMagic.MISLEADING_STATUS_AFTER_RESEND)) {
            // The seed warns that statuses in callbacks may be wrong while resending: say "decline" falsely.
            callbacks.later(() -> send(payment, callback(payment, "decline", unrecordedSale(payment, "decline", "20000", "General decline"))));
        }
        callbacks.later(() -> askForCode(payment, true));
        return accepted(payment.paymentId, newRequestId());
    }

    public Reply refund(byte[] raw) throws InterruptedException {
        JsonNode body = signedRequest(raw, "general/payment_id");
        SandboxPayment payment = paymentOf(body);
        JsonNode amountNode = body.at("/payment/amount");
        JsonNode currencyNode = body.at("/payment/currency");
        String merchantRefundId = body.at("/payment/merchant_refund_id").asText(null);
        if (!amountNode.isMissingNode() && currencyNode.isMissingNode()) {
            throw refusal(400, "3287", "Currency is missing");
        }
        if (amountNode.isMissingNode() && !currencyNode.isMissingNode()) {
            throw refusal(400, "3286", "Amount is missing");
        }
        if (!currencyNode.isMissingNode() && !payment.currency.equals(currencyNode.asText())) {
            throw refusal(400, "3284", "Currency does not match the payment");
        }
        String requestId = newRequestId();
        SandboxPayment.Operation refund;
        synchronized (payment) {
            if (payment.knowsRefund(merchantRefundId)) {
                throw refusal(400, "3230", "Refund with this merchant_refund_id already exists");
            }
            if (!"success".equals(payment.status) && !"partially refunded".equals(payment.status)) {
                throw refusal(400, "3060", "Payment status does not allow this action");
            }
            long amount = amountNode.isMissingNode() ? payment.amount - payment.refunded : amountNode.longValue();
            if (amount <= 0 || amount > payment.amount - payment.refunded) {
                throw refusal(400, "3283", "Refund amount exceeds the amount left");
            }
            refund = operation(payment, "refund", "processing", "9999", "Awaiting processing", requestId, amount, merchantRefundId);
        }
        boolean lost = payment.magic(SandboxMagic.REFUND_ANSWER_AND_CALLBACK_LOST);
        callbacks.later(() -> finishRefund(payment, refund, !lost));
        if (lost) {
            Thread.sleep(config.timeoutDelay().toMillis());
        }
        return accepted(payment.paymentId, requestId);
    }

    /** A refund made by somebody in the Monetix Dashboard: no merchant_refund_id, announced by callback only. */
    public Reply dashboardRefund(String paymentId, long amount) {
        SandboxPayment payment = payments.get(paymentId);
        if (payment == null) {
            throw refusal(404, "3061", "Payment not found");
        }
        SandboxPayment.Operation refund;
        synchronized (payment) {
            if (amount <= 0 || amount > payment.amount - payment.refunded) {
                throw refusal(400, "3283", "Refund amount exceeds the amount left");
            }
            refund = operation(payment, "refund", "processing", "9999", "Awaiting processing", newRequestId(), amount, null);
        }
        callbacks.later(() -> finishRefund(payment, refund, true));
        return accepted(paymentId, refund.requestId());
    }

    public Reply operators(byte[] raw) {
        signedRequest(raw);
        ObjectNode reply = Json.MAPPER.createObjectNode();
        reply.put("project_id", monetix.projectId());
        ArrayNode list = reply.putArray("operators");
        OPERATORS.forEach(op -> list.addObject().put("id", op[0]).put("name", op[1]));
        return new Reply(200, reply);
    }

    /** The status request answers from the simulator's state, signed like the platform's data responses. */
    public Reply status(byte[] raw) {
        SandboxPayment payment = paymentOf(signedRequest(raw, "general/payment_id"));
        ObjectNode reply;
        synchronized (payment) {
            reply = paymentView(payment);
            ArrayNode operations = reply.putArray("operations");
            payment.operations.forEach(op -> operations.add(operationNode(op)));
        }
        if (!payment.magic(SandboxMagic.UNSIGNED_STATUS_FINAL_LOST)) {
            reply.put("signature", signer.sign(reply));
        }
        return new Reply(200, reply);
    }

    /**
     * Opens a Payment Page link: the query parameters (as sent, URL-decoded) are verified like the platform does
     * (gate-protocol.md §2.2), and the page tells what it would charge.
     */
    public Reply paymentPage(String rawQuery) {
        ObjectNode params = Json.MAPPER.createObjectNode();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        boolean valid = signer.verify(params) == GateSigner.Match.BYTE_ORDER
                && params.path("project_id").asText().equals(Long.toString(monetix.projectId()));
        ObjectNode page = Json.MAPPER.createObjectNode();
        page.put("signatureValid", valid);
        if (valid) {
            page.put("paymentId", params.path("payment_id").asText());
            page.put("amount", params.path("payment_amount").asLong());
            page.put("currency", params.path("payment_currency").asText());
            page.put("method", params.path("force_payment_method").asText(null));
            JsonNode options = Json.parseOrNull(params.path("payment_methods_options").asText("").getBytes(StandardCharsets.UTF_8));
            if (options != null) {
                page.put("operator", options.path("selected_operator").asText(null));
            }
        }
        return new Reply(valid ? 200 : 400, page);
    }

    /** The code the customer would read on their phone; null when none was delivered (silent operator). */
    public String currentOtp(String paymentId) {
        SandboxPayment payment = payments.get(paymentId);
        if (payment == null || SandboxMagic.silentOperator(payment.phone)) {
            return null;
        }
        synchronized (payment) {
            return payment.otp;
        }
    }

    // ---- asynchronous platform behaviour ----------------------------------------------------------

    private void askForCode(SandboxPayment payment, boolean newCode) {
        ObjectNode message;
        synchronized (payment) {
            if (payment.settled()) {
                return;
            }
            if (payment.otp == null || newCode) {
                payment.otp = String.format("%06d", random.nextInt(1_000_000));
                payment.otpCreated = clock.instant();
                payment.wrongCodes = 0;
            }
            LOG.infof("sandbox: %s asks for a code (%s, was %s)", payment.paymentId, newCode ? "new code" : "first", payment.status);
            payment.status = "awaiting clarification";
            message = callback(payment, "awaiting clarification", operation(payment, "sale", "awaiting clarification",
                    "3191", "Need clarification", payment.sale().requestId(), payment.amount));
            payment.lastPrompt = message;
        }
        if (!(newCode && payment.magic(SandboxMagic.PROMPT_LOST_AFTER_RESEND))) {
            synchronized (payment) {
                if (payment.firstPromptAt == 0) {
                    payment.firstPromptAt = micros();
                }
            }
            send(payment, message);
        }
        Instant askedAt = clock.instant();
        callbacks.after(config.clarificationWindow(), () -> declineIfStillWaiting(payment, askedAt));
    }

    private void checkCode(SandboxPayment payment, String code) {
        ObjectNode message;
        synchronized (payment) {
            if (payment.settled()) {
                // a code that was being checked when another one settled the payment: the platform ignores it
                LOG.infof("sandbox: %s code ignored, the payment is %s", payment.paymentId, payment.status);
                return;
            }
            boolean fresh = payment.otpCreated != null && clock.instant().isBefore(payment.otpCreated.plus(config.otpLifetimeOf(payment.operator)));
            boolean right = fresh && !SandboxMagic.silentOperator(payment.phone) && code.equals(payment.otp);
            LOG.infof("sandbox: %s code checked: %s (was %s)", payment.paymentId, right ? "right" : fresh ? "wrong" : "expired", payment.status);
            if (!right && ++payment.wrongCodes < 3) {
                // a new prompt, not a copy of the last one: its content (and so its signature) differs
                payment.status = "awaiting clarification";
                message = callback(payment, "awaiting clarification", operation(payment, "sale", "awaiting clarification",
                        "3191", "Wrong code, attempt " + payment.wrongCodes + "; enter the code again", payment.sale().requestId(),
                        payment.amount));
                payment.lastPrompt = message;
            } else {
                String declineCode = right ? SandboxMagic.declineCode(payment.phone) : "20104";
                message = finishSale(payment, declineCode);
            }
        }
        send(payment, message);
        if (payment.magic(SandboxMagic.OUT_OF_ORDER_CALLBACKS) && !"awaiting clarification".equals(payment.status)) {
            // A stale prompt, delivered after the final result.
            callbacks.later(() -> send(payment, callback(payment, "awaiting clarification",
                    unrecordedSale(payment, "awaiting clarification", "3191", "Need clarification"))));
        }
    }

    private ObjectNode finishSale(SandboxPayment payment, String declineCode) {
        payment.otp = null;
        payment.resultAt = micros();
        if (declineCode == null) {
            payment.status = "success";
            return callback(payment, "success", operation(payment, "sale", "success", "0", "Success", payment.sale().requestId(), payment.amount));
        }
        payment.status = "decline";
        return callback(payment, "decline", operation(payment, "sale", "decline", declineCode, declineMessage(declineCode),
                payment.sale().requestId(), payment.amount));
    }

    private void declineIfStillWaiting(SandboxPayment payment, Instant askedAt) {
        ObjectNode message = null;
        synchronized (payment) {
            boolean askedSince = payment.otpCreated != null && payment.otpCreated.isAfter(askedAt);
            if ("awaiting clarification".equals(payment.status) && !askedSince) {
                message = finishSale(payment, "20602");
            }
        }
        if (message != null) {
            send(payment, message);
        }
    }

    private void finishRefund(SandboxPayment payment, SandboxPayment.Operation refund, boolean callBack) {
        ObjectNode message;
        synchronized (payment) {
            SandboxPayment.Operation settled;
            if (payment.magic(SandboxMagic.REFUND_DECLINED)) {
                settled = refund.settled("decline", "20706", "Operation not supported by provider");
            } else {
                settled = refund.settled("success", "0", "Success");
                payment.refunded += refund.amount();
                payment.status = payment.refunded == payment.amount ? "refunded" : "partially refunded";
            }
            payment.update(settled);
            message = callback(payment, payment.status, settled);
        }
        if (callBack) {
            send(payment, message);
        }
    }

    private void send(SandboxPayment payment, ObjectNode message) {
        String status = message.at("/payment/status").asText();
        if (payment.magic(SandboxMagic.UNSIGNED_STATUS_FINAL_LOST) && ("success".equals(status) || "decline".equals(status))) {
            return;
        }
        if (payment.magic(SandboxMagic.BAD_SIGNATURE_FIRST) || faults.strikes(SandboxFaults.Kind.CALLBACK_FORGED_FIRST)) {
            ObjectNode forged = message.deepCopy();
            forged.put("signature", signer.sign(forged).substring(0, 20) + "forged" + "A".repeat(62));
            callbacks.deliver(payment.callbackUrl, forged, 1);
        }
        callbacks.deliver(payment.callbackUrl, message, config.callbackAttempts());
        if (payment.magic(SandboxMagic.DUPLICATE_CALLBACKS)) {
            callbacks.deliver(payment.callbackUrl, message, config.callbackAttempts());
        }
        if (faults.strikes(SandboxFaults.Kind.CALLBACK_DUPLICATE)) {
            // late enough to come after the payment's next callbacks: duplicated and out of order at once
            callbacks.after(faults.lateness(), () -> callbacks.deliver(payment.callbackUrl, message, config.callbackAttempts()));
        }
    }

    /**
     * The simulated platform's own books, for the chaos suite's checks and the benchmark's timings: every payment with
     * its status, amounts, resends, refunds, repeated sale requests and when its steps happened (epoch microseconds),
     * and the faults injected so far.
     */
    public ObjectNode ledger() {
        ObjectNode ledger = Json.MAPPER.createObjectNode();
        ledger.set("faults", faults.counts());
        ArrayNode list = ledger.putArray("payments");
        payments.values().forEach(payment -> {
            synchronized (payment) {
                ObjectNode p = list.addObject();
                p.put("paymentId", payment.paymentId);
                p.put("status", payment.status);
                p.put("amount", payment.amount);
                p.put("refunded", payment.refunded);
                p.put("resends", payment.resends);
                p.put("repeatedSales", payment.repeatedSales);
                p.putObject("at").put("sale", payment.saleAt).put("firstPrompt", payment.firstPromptAt)
                        .put("firstCode", payment.firstCodeAt).put("result", payment.resultAt);
                ArrayNode refunds = p.putArray("refunds");
                payment.operations.stream().filter(op -> "refund".equals(op.type())).forEach(op -> refunds.addObject()
                        .put("merchantRefundId", op.merchantRefundId()).put("amount", op.amount()).put("status", op.status()));
            }
        });
        return ledger;
    }

    /** A Gate request the fault mode answers 500 before the platform acts on it. */
    public boolean failsBeforeActing() {
        return faults.strikes(SandboxFaults.Kind.GATE_ERROR);
    }

    /** A Gate request acted on whose answer the fault mode holds back until the caller has given up. */
    public void delayAnswerIfStruck() throws InterruptedException {
        if (faults.strikes(SandboxFaults.Kind.GATE_TIMEOUT)) {
            Thread.sleep(config.timeoutDelay().toMillis());
        }
    }

    // ---- message shapes (seed figures 3, 4, 9, 13) ------------------------------------------------

    /** Records an operation: a refund is added, the sale (always the first operation) is updated in place. */
    private SandboxPayment.Operation operation(SandboxPayment payment, String type, String status, String code,
                                               String message, String requestId, long amount) {
        return operation(payment, type, status, code, message, requestId, amount, null);
    }

    private SandboxPayment.Operation operation(SandboxPayment payment, String type, String status, String code,
                                               String message, String requestId, long amount, String merchantRefundId) {
        SandboxPayment.Operation op = new SandboxPayment.Operation(operationIds.incrementAndGet(), type, status, code, message,
                requestId, amount, clock.instant(), merchantRefundId);
        synchronized (payment) {
            if ("sale".equals(type) && !payment.operations.isEmpty()) {
                payment.update(payment.sale().settled(status, code, message));
                return payment.sale();
            }
            payment.operations.add(op);
        }
        return op;
    }

    /** A sale operation as a misleading or stale callback shows it, without changing the platform's state. */
    private static SandboxPayment.Operation unrecordedSale(SandboxPayment payment, String status, String code, String message) {
        SandboxPayment.Operation sale = payment.sale();
        return sale.settled(status, code, message);
    }

    private ObjectNode callback(SandboxPayment payment, String paymentStatus, SandboxPayment.Operation op) {
        ObjectNode message = paymentView(payment);
        ((ObjectNode) message.get("payment")).put("status", paymentStatus);
        message.set("operation", operationNode(op));
        message.put("signature", signer.sign(message));
        return message;
    }

    private ObjectNode paymentView(SandboxPayment payment) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("project_id", monetix.projectId());
        ObjectNode p = root.putObject("payment");
        p.put("id", payment.paymentId);
        p.put("type", "purchase");
        p.put("status", payment.status);
        p.put("date", DATE.format(clock.instant()));
        p.put("method", "mobile");
        p.putObject("sum").put("amount", payment.amount - payment.refunded).put("currency", payment.currency);
        p.put("description", "");
        root.putObject("customer").put("id", payment.customerId);
        root.putObject("account").put("number", payment.phone).put("type", payment.operator);
        return root;
    }

    private static ObjectNode operationNode(SandboxPayment.Operation op) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("id", op.id());
        o.put("type", op.type());
        o.put("status", op.status());
        o.put("date", DATE.format(Instant.now()));
        o.put("created_date", DATE.format(op.created()));
        o.put("request_id", op.requestId());
        o.putObject("sum_initial").put("amount", op.amount()).put("currency", "KZT");
        o.putObject("sum_converted").put("amount", op.amount()).put("currency", "KZT");
        o.put("code", op.code());
        o.put("message", op.message());
        if (op.merchantRefundId() != null) {
            o.put("merchant_refund_id", op.merchantRefundId());
        }
        o.putObject("provider").put("id", 12345).put("payment_id", "sbx-" + op.id()).put("auth_code", "");
        return o;
    }

    // ---- request checks and replies --------------------------------------------------------------

    /** A request the simulated platform refuses; its reply says why. */
    public static final class Refusal extends RuntimeException {
        private final transient Reply reply;

        Refusal(Reply reply) {
            super(reply.body().path("message").asText(), null, false, false);
            this.reply = reply;
        }

        public Reply reply() {
            return reply;
        }
    }

    /**
     * Checks a request like the platform: JSON (2003), signature first (empty: 3262, wrong: 3261), the project
     * (2442), then the required fields (2004).
     */
    private JsonNode signedRequest(byte[] raw, String... requiredPaths) {
        JsonNode body = Json.parseOrNull(raw);
        if (body == null || !body.isObject()) {
            throw refusal(400, "2003", "Invalid JSON");
        }
        JsonNode signature = body.at("/general/signature");
        if (!signature.isTextual() || signature.asText().isEmpty()) {
            throw refusal(400, "3262", "Signature is empty");
        }
        if (signer.verify(body) != GateSigner.Match.BYTE_ORDER) {
            throw refusal(400, "3261", "Invalid signature");
        }
        if (body.at("/general/project_id").asLong(-1) != monetix.projectId()) {
            throw refusal(400, "2442", "Project not found");
        }
        for (String path : requiredPaths) {
            JsonNode node = body.at("/" + path);
            if (node.isMissingNode() || node.isNull() || (node.isTextual() && node.asText().isBlank())) {
                throw refusal(400, "2004", "Required field is missing: " + path.replace('/', '.'));
            }
        }
        return body;
    }

    private SandboxPayment paymentOf(JsonNode body) {
        SandboxPayment payment = payments.get(body.at("/general/payment_id").asText());
        if (payment == null) {
            throw refusal(400, "3061", "Payment not found");
        }
        return payment;
    }

    private Reply accepted(String paymentId, String requestId) {
        ObjectNode reply = Json.MAPPER.createObjectNode();
        reply.put("status", "success");
        reply.put("request_id", requestId);
        reply.put("project_id", monetix.projectId());
        reply.put("payment_id", paymentId);
        return new Reply(200, reply);
    }

    /** What the platform answers when it fails inside (the fault mode's 500). */
    public Reply internalError() {
        return refusal(500, "501", "Internal error").reply();
    }

    private Refusal refusal(int http, String code, String message) {
        ObjectNode reply = Json.MAPPER.createObjectNode();
        reply.put("status", "error");
        reply.put("code", code);
        reply.put("message", message);
        reply.put("project_id", monetix.projectId());
        return new Refusal(new Reply(http, reply));
    }

    private long micros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, clock.instant());
    }

    private static String newRequestId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static String declineMessage(String code) {
        return switch (code) {
            case "20104" -> "Password attempts exceeded";
            case "20105" -> "Insufficient funds on customer account";
            case "20602" -> "Time-out";
            default -> "General decline";
        };
    }
}
