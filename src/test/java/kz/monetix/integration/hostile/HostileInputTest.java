package kz.monetix.integration.hostile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import kz.monetix.integration.gate.GateSigner;
import kz.monetix.integration.json.Json;
import kz.monetix.integration.payment.PersonalData;
import kz.monetix.integration.payment.Store;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;

import static kz.monetix.integration.support.Erp.api;
import static kz.monetix.integration.support.Erp.awaitStatus;
import static kz.monetix.integration.support.Erp.create;
import static kz.monetix.integration.support.Erp.newOrderId;
import static kz.monetix.integration.support.Erp.order;
import static kz.monetix.integration.support.Erp.paidOrder;
import static kz.monetix.integration.support.Erp.view;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Small hostile requests cost little and change nothing; a timer that keeps failing starves no other (issue "Hostile input"). */
@QuarkusTest
class HostileInputTest {

    @Inject
    GateSigner signer;

    @Inject
    Store store;

    static io.restassured.response.ValidatableResponse callback(String body) {
        return RestAssured.given().contentType("application/json").body(body).post("/callbacks/monetix").then();
    }

    @Test
    void aHugeExponentIsRefusedAt400QuicklyWithoutSignatureWork() {
        long started = System.nanoTime();
        for (int i = 0; i < 12; i++) {
            callback("{\"signature\":\"x\",\"a\":1e500000000}").statusCode(400).contentType("application/problem+json")
                    .body("detail", containsString("digits"));
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(millis < 3_000, "12 hostile callbacks took " + millis + " ms");
    }

    @Test
    void malformedCallbacksAre400NotRetryable503() {
        callback("{\"signature\":").statusCode(400).contentType("application/problem+json");
        callback("[1,2,3]").statusCode(400);
        callback("{\"signature\":\"x\",\"a\":1,\"a\":2}").statusCode(400).body("detail", containsString("twice"));
        callback("{\"a\":" + "[".repeat(200) + "]".repeat(200) + "}").statusCode(400).body("detail", containsString("limit"));
        callback("{\"signature\":\"" + "x".repeat(70 * 1024) + "\"}").statusCode(413);
    }

    @Test
    void forgedCallbacksWithLongDigitRunsAreCheap() {
        ObjectNode forged = Json.MAPPER.createObjectNode();
        for (int i = 0; i < 200; i++) {
            forged.put("k" + "9".repeat(60) + i, i);
        }
        forged.put("signature", "forged");
        long started = System.nanoTime();
        callback(forged.toString()).statusCode(403);
        assertTrue((System.nanoTime() - started) / 1_000_000 < 2_000);
    }

    @Test
    void erpBodiesWithDuplicateKeysOrDeepNestingAreRefusedNamingWhy() {
        api().contentType("application/json").body("{\"orderId\":\"a\",\"orderId\":\"b\"}").post("/api/v1/payments")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("twice"));
        api().contentType("application/json").body("[".repeat(100) + "]".repeat(100)).post("/api/v1/payments")
                .then().statusCode(400).body("detail", containsString("limit"));
    }

    @Test
    void oversizedGateValuesAreCutToTheirColumnsNotAWedge() {
        String orderId = newOrderId("oversized");
        create(order(orderId, "77011234589", "10.00")).then().statusCode(202);
        awaitStatus(orderId, "awaiting_otp");
        ObjectNode callback = Json.MAPPER.createObjectNode();
        callback.put("project_id", 1234);
        ObjectNode payment = callback.putObject("payment").put("id", orderId).put("status", "decline");
        payment.putObject("sum").put("amount", 1000).put("currency", "KZT");
        callback.putObject("account").put("type", "OPERATOR-" + "X".repeat(500));
        callback.putObject("operation").put("type", "sale").put("status", "decline")
                .put("code", "20105" + "0".repeat(100)).put("message", "m".repeat(5000)).put("request_id", "r".repeat(300));
        callback.put("signature", signer.sign(callback));
        callback(callback.toString()).statusCode(200);
        awaitStatus(orderId, "declined");
        assertEquals(255, view(orderId).getString("message").length());
    }

    @Test
    void aTimerThatKeepsFailingBacksOffAndStarvesNoOther() throws Exception {
        long now = System.currentTimeMillis();
        int poisoned = 150; // more than a poll's batch (monetix.timers.batch-size 100)
        try {
            store.inTransaction(c -> {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO payment (order_id, payment_id, channel, status, amount_minor, "
                        + "currency, fingerprint, sale_state, due_at, due_action, created_at, updated_at) "
                        + "VALUES (?, ?, 'gate', 'unreadable', 100, 'KZT', 'x', 'NEW', ?, 'RECONCILE', ?, ?)")) {
                    for (int i = 0; i < poisoned; i++) {
                        s.setString(1, "poison-" + now + "-" + i);
                        s.setString(2, "poison-" + now + "-" + i);
                        s.setLong(3, now - 60_000 - i); // due long before any new order
                        s.setLong(4, now);
                        s.setLong(5, now);
                        s.addBatch();
                    }
                    s.executeBatch();
                }
                return null;
            });
            // a healthy timer behind them: the OTP deadline of a new order (its sale is pushed, the deadline is the poller's)
            String orderId = newOrderId("unstarved");
            create(order(orderId, "77011234590", "10.00")).then().statusCode(202);
            awaitStatus(orderId, "awaiting_otp");
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                    .until(() -> view(orderId).getInt("otp.resendsLeft") < 3 || !"awaiting_otp".equals(view(orderId).getString("status")));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> backedOff(now) == poisoned);
        } finally {
            store.inTransaction(c -> {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM payment WHERE order_id LIKE ?")) {
                    s.setString(1, "poison-" + now + "-%");
                    s.executeUpdate();
                }
                return null;
            });
        }
    }

    /** The poisoned rows that failed and moved behind the others. */
    int backedOff(long now) {
        return store.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM payment WHERE order_id LIKE ? AND timer_failures > 0 AND due_at > ?")) {
                s.setString(1, "poison-" + now + "-%");
                s.setLong(2, now);
                try (var r = s.executeQuery()) {
                    r.next();
                    return r.getInt(1);
                }
            }
        });
    }

    @Inject
    PersonalData personalData;

    @Test
    void personalDataOfFinishedPaymentsIsErasedAfterTheRetention() {
        String orderId = paidOrder("retention", "77011234591", "10.00");
        String fresh = paidOrder("retained", "77011234592", "10.00");
        long longAgo = System.currentTimeMillis() - Duration.ofDays(91).toMillis();
        store.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE payment SET updated_at = ? WHERE order_id = ?")) {
                s.setLong(1, longAgo);
                s.setString(2, orderId);
                s.executeUpdate();
            }
            return null;
        });
        assertTrue(personalData.eraseExpired() >= 1);
        assertEquals(List.of("null", "null", "null", "null", "null"), personalColumns(orderId));
        assertTrue(personalColumns(fresh).stream().noneMatch("null"::equals), "a payment inside the retention keeps its data");
        var view = view(orderId);
        assertEquals("success", view.getString("status"));
        assertEquals("10.00", view.getString("amount"));
        assertEquals(null, view.getString("phoneMasked"));
        assertTrue(view.getList("history").size() >= 4, "the history stays");
    }

    List<String> personalColumns(String orderId) {
        return store.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT phone, customer_first_name, customer_last_name, customer_email, "
                    + "customer_ip FROM payment WHERE order_id = ?")) {
                s.setString(1, orderId);
                try (var r = s.executeQuery()) {
                    r.next();
                    List<String> values = new java.util.ArrayList<>();
                    for (int i = 1; i <= 5; i++) {
                        values.add(String.valueOf(r.getString(i)));
                    }
                    return values;
                }
            }
        });
    }
}
