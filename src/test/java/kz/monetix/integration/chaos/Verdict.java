package kz.monetix.integration.chaos;

import kz.monetix.integration.support.Cluster;
import kz.monetix.integration.support.ErpRecorder;

import com.fasterxml.jackson.databind.JsonNode;

import kz.monetix.integration.json.Json;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The invariants of a chaos run, checked from the simulator's books and the ERP recorder's deliveries; the runtime's
 * own views only say what it claims, to be compared with them. Each invariant counts its violations, with examples.
 */
final class Verdict {

    private static final Set<String> PAYMENT_OUTCOMES = Set.of("payment.succeeded", "payment.declined", "payment.failed", "payment.otp_expired");
    private static final Set<String> GATE_UNSETTLED = Set.of("processing", "awaiting clarification");

    /** Invariant name to the orders (with why) that break it. */
    final Map<String, List<String>> violations = new LinkedHashMap<>();
    /** Orders not settled yet: while any, the run is still settling. */
    final List<String> unsettled = new ArrayList<>();
    /** Final states the ERP has not been told yet: deliveries may still be backing off from refusals. */
    private final List<String> erpNotYetTold = new ArrayList<>();
    final Map<String, Integer> outcomes = new HashMap<>();

    Verdict() {
        for (String name : List.of("an order with two sales at the Gate", "settled differently at the Gate and in the runtime",
                "a final state that never reached the ERP", "events reaching the ERP out of order",
                "one eventId with two different bodies", "a delivery with a bad signature", "an accepted order lost",
                "refunded more than paid or asked", "more than 3 resends", "a customer who got an error")) {
            violations.put(name, new ArrayList<>());
        }
    }

    /**
     * @param views the runtime's view of each accepted order (orderId to body)
     * @param gate  the simulator's ledger
     */
    static Verdict of(Map<String, Customers.Flow> flows, Map<String, JsonNode> views, JsonNode gate, List<ErpRecorder.Delivery> deliveries,
                      List<String> troubles) {
        Verdict verdict = new Verdict();
        Map<String, JsonNode> gateBooks = new HashMap<>();
        gate.path("payments").forEach(p -> gateBooks.put(p.path("paymentId").asText(), p));
        Map<String, List<ErpRecorder.Delivery>> byOrder = new HashMap<>();
        Map<String, String> bodies = new HashMap<>();
        for (ErpRecorder.Delivery d : deliveries) {
            byOrder.computeIfAbsent(d.orderId(), k -> new ArrayList<>()).add(d);
            String earlier = bodies.putIfAbsent(d.eventId(), d.body());
            if (earlier != null && !earlier.equals(d.body())) {
                verdict.broken("one eventId with two different bodies", d.orderId() + " " + d.eventId());
            }
            if (!d.signatureValid()) {
                verdict.broken("a delivery with a bad signature", d.orderId() + " " + d.eventId());
            }
        }
        troubles.forEach(t -> verdict.broken("a customer who got an error", t));
        for (Customers.Flow flow : flows.values()) {
            if (flow.accepted) {
                verdict.check(flow, views.get(flow.orderId), gateBooks.get(flow.orderId), byOrder.getOrDefault(flow.orderId, List.of()));
            }
        }
        return verdict;
    }

    private void check(Customers.Flow flow, JsonNode view, JsonNode atGate, List<ErpRecorder.Delivery> delivered) {
        String order = flow.orderId;
        if (view == null || view.path("status").isMissingNode()) {
            broken("an accepted order lost", order + " has no view");
            return;
        }
        String status = view.path("status").asText();
        boolean runtimeFinal = !"processing".equals(status) && !"awaiting_otp".equals(status);
        boolean gateSettled = atGate == null || !GATE_UNSETTLED.contains(atGate.path("status").asText());
        long refundedInRuntime = 0;
        boolean refundsFinal = true;
        for (JsonNode refund : view.path("refunds")) {
            String state = refund.path("status").asText();
            if ("success".equals(state)) {
                refundedInRuntime += new BigDecimal(refund.path("amount").asText()).movePointRight(2).longValueExact();
            } else if (!"declined".equals(state)) {
                refundsFinal = false;
            }
        }
        boolean gateRefundsFinal = atGate == null || atGate.path("refunds").findValuesAsText("status").stream().noneMatch("processing"::equals);
        if (!runtimeFinal || !gateSettled || !refundsFinal || !gateRefundsFinal) {
            unsettled.add(order + " runtime " + status + ", gate " + (atGate == null ? "none" : atGate.path("status").asText()));
            return;
        }
        outcomes.merge(status, 1, Integer::sum);

        if (atGate != null && atGate.path("repeatedSales").asInt() > 0) {
            broken("an order with two sales at the Gate", order + ": " + atGate.path("repeatedSales").asInt() + " repeated");
        }
        if (atGate != null && atGate.path("resends").asInt() > 3) {
            broken("more than 3 resends", order + ": " + atGate.path("resends").asInt());
        }
        String gateStatus = atGate == null ? "none" : atGate.path("status").asText();
        boolean paidAtGate = Set.of("success", "partially refunded", "refunded").contains(gateStatus);
        boolean paidInRuntime = Set.of("success", "partially_refunded", "refunded").contains(status);
        long refundedAtGate = atGate == null ? 0 : atGate.path("refunded").asLong();
        if (paidAtGate != paidInRuntime || refundedAtGate != refundedInRuntime) {
            broken("settled differently at the Gate and in the runtime", order + ": gate " + gateStatus + " refunded " + refundedAtGate
                    + ", runtime " + status + " refunded " + refundedInRuntime);
        }
        if (refundedAtGate > flow.amountMinor || refundedAtGate > flow.refundsAcceptedMinor || refundedInRuntime > flow.amountMinor) {
            broken("refunded more than paid or asked", order + ": paid " + flow.amountMinor + ", asked " + flow.refundsAcceptedMinor
                    + ", gate refunded " + refundedAtGate + ", runtime " + refundedInRuntime);
        }
        checkDeliveries(order, paidInRuntime ? "success" : status, view, delivered);
    }

    private void checkDeliveries(String order, String expectedOutcome, JsonNode view, List<ErpRecorder.Delivery> delivered) {
        List<ErpRecorder.Delivery> firsts = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        delivered.forEach(d -> {
            if (seen.add(d.eventId())) {
                firsts.add(d);
            }
        });
        Instant previous = Instant.EPOCH;
        for (ErpRecorder.Delivery d : firsts) {
            Instant at = occurredAt(d);
            if (at.isBefore(previous)) {
                broken("events reaching the ERP out of order", order + ": " + d.type() + " at " + at + " after one of " + previous);
            }
            previous = at;
        }
        String lastOutcome = firsts.stream().filter(d -> PAYMENT_OUTCOMES.contains(d.type())).reduce((a, b) -> b)
                .map(ErpRecorder.Delivery::status).orElse(null);
        if (!expectedOutcome.equals(lastOutcome)) {
            notYetTold(order + ": runtime " + expectedOutcome + ", ERP last told " + lastOutcome);
        }
        for (JsonNode refund : view.path("refunds")) {
            String type = "success".equals(refund.path("status").asText()) ? "refund.succeeded" : "refund.declined";
            String refundId = refund.path("refundId").asText();
            if (firsts.stream().noneMatch(d -> type.equals(d.type()) && refundId.equals(d.refundId()))) {
                notYetTold(order + ": " + type + " " + refundId);
            }
        }
    }

    private void notYetTold(String what) {
        erpNotYetTold.add(what);
        unsettled.add(what + " (delivery pending)");
    }

    /** Settling is over: a final state the ERP still has not been told is a violation. */
    Verdict stopWaitingForTheErp() {
        erpNotYetTold.forEach(what -> broken("a final state that never reached the ERP", what));
        return this;
    }

    private static Instant occurredAt(ErpRecorder.Delivery d) {
        JsonNode event = Json.parseOrNull(d.body().getBytes(StandardCharsets.UTF_8));
        return event == null ? Instant.EPOCH : Instant.parse(event.path("occurredAt").asText("1970-01-01T00:00:00Z"));
    }

    private void broken(String invariant, String example) {
        violations.computeIfAbsent(invariant, k -> new ArrayList<>()).add(example);
    }

    int violationCount() {
        return violations.values().stream().mapToInt(List::size).sum();
    }
}
