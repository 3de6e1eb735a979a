package kz.monetix.integration.jms;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import kz.monetix.integration.payment.Store;
import kz.monetix.integration.support.ErpJms;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static kz.monetix.integration.support.Erp.api;
import static kz.monetix.integration.support.Erp.awaitStatus;
import static kz.monetix.integration.support.Erp.newOrderId;
import static kz.monetix.integration.support.Erp.order;
import static kz.monetix.integration.support.Erp.sandboxOtp;
import static kz.monetix.integration.support.Erp.view;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static kz.monetix.integration.support.Erp.management;

/**
 * The ERP over JMS, against the embedded broker's TCP acceptor: orders, codes and refunds go through the same
 * command routes as over HTTP; refused messages land in their DLQ with the reason; a store failure rolls back.
 */
@QuarkusTest
class JmsIntakeTest {

    ErpJms erp;

    @Inject
    Store store;

    @BeforeEach
    void connect() throws Exception {
        erp = new ErpJms();
    }

    @AfterEach
    void disconnect() throws Exception {
        erp.close();
    }

    static long purchasesSent(String orderId) {
        return view(orderId).getList("history.detail", String.class).stream().filter(d -> d.startsWith("purchase sent")).count();
    }

    @Test
    void orderAndCodeOverJmsCompleteTheOtpFlowAndAnswerTheReplyTo() throws Exception {
        String orderId = newOrderId("jms");
        Queue replies = erp.temporaryQueue();
        TextMessage orderMessage = erp.text(order(orderId, "77011234567", "1000.00"));
        orderMessage.setJMSReplyTo(replies);
        orderMessage.setJMSCorrelationID("erp-corr-" + orderId);
        erp.send("erp.payment.orders", orderMessage);

        Message accepted = erp.receive(replies, null, 15_000);
        assertNotNull(accepted, "the accepted view comes back to JMSReplyTo");
        assertEquals("erp-corr-" + orderId, accepted.getJMSCorrelationID());
        JsonPath view = JsonPath.from(ErpJms.body(accepted));
        assertEquals(orderId, view.getString("orderId"));
        assertEquals("processing", view.getString("status"));

        awaitStatus(orderId, "awaiting_otp");
        Message code = erp.bytes("{\"orderId\":\"" + orderId + "\",\"code\":\"" + sandboxOtp(orderId) + "\"}");
        code.setJMSReplyTo(replies);
        erp.send("erp.payment.otp", code);
        Message forwarded = erp.receive(replies, null, 15_000);
        assertNotNull(forwarded);
        assertEquals(code.getJMSMessageID(), forwarded.getJMSCorrelationID(), "without a correlation id, the message id");
        awaitStatus(orderId, "success");
        assertEquals(1, purchasesSent(orderId));

        List<Message> events = erp.receiveAll("erp.payment.events", "orderId = '" + orderId + "'", 2, 15_000);
        assertEquals(List.of("payment.otp_required", "payment.succeeded"),
                events.stream().map(m -> property(m, "type")).toList(), "in order, on erp.payment.events");
        for (Message event : events) {
            JsonPath body = JsonPath.from(ErpJms.body(event));
            assertEquals(property(event, "eventId"), body.getString("eventId"), "the HTTP event body, eventId as a property");
            assertEquals(orderId, body.getString("orderId"));
        }
    }

    static String property(Message message, String name) {
        try {
            return message.getStringProperty(name);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void rawStompClientSendsAnOrderThroughTheAcceptor() throws Exception {
        String orderId = newOrderId("stomp");
        try (Socket socket = new Socket("127.0.0.1", 18616)) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(stompFrame("CONNECT", "accept-version:1.2\nhost:localhost\n", ""));
            assertTrue(readFrame(in).startsWith("CONNECTED"));
            out.write(stompFrame("SEND", "destination:erp.payment.orders\ndestination-type:ANYCAST\ncontent-type:application/json\n"
                    + "receipt:order-sent\n", order(orderId, "77011234567", "1000.00")));
            assertTrue(readFrame(in).startsWith("RECEIPT"), "the broker took the message");
            out.write(stompFrame("DISCONNECT", "", ""));
        }
        awaitStatus(orderId, "awaiting_otp");
    }

    static byte[] stompFrame(String command, String headers, String body) {
        return (command + "\n" + headers + "\n" + body + "\u0000").getBytes(StandardCharsets.UTF_8);
    }

    static String readFrame(InputStream in) throws Exception {
        StringBuilder frame = new StringBuilder();
        for (int b = in.read(); b > 0; b = in.read()) {
            frame.append((char) b);
        }
        return frame.toString().strip();
    }

    @Test
    void refusedMessagesGoToTheirDlqWithEveryReasonAndDoNotHoldBackTheRest() throws Exception {
        String run = newOrderId("poison");
        String invalidOrderId = run + "-invalid";
        Message notJson = erp.text("{not json");
        notJson.setStringProperty("testRun", run);
        Message invalid = erp.bytes("{\"orderId\":\"" + invalidOrderId + "\",\"amount\":\"-5\",\"currency\":\"USD\",\"phone\":\"123\"}");
        invalid.setStringProperty("testRun", run);
        String validOrderId = run + "-valid";
        erp.send("erp.payment.orders", notJson);
        erp.send("erp.payment.orders", invalid);
        erp.send("erp.payment.orders", erp.text(order(validOrderId, "77011234567", "1000.00")));
        Message unknownOrderCode = erp.text("{\"orderId\":\"" + run + "-nobody\",\"code\":\"123456\"}");
        unknownOrderCode.setStringProperty("testRun", run);
        erp.send("erp.payment.otp", unknownOrderCode);

        awaitStatus(validOrderId, "awaiting_otp");
        List<Message> dead = erp.receiveAll("erp.payment.orders.DLQ", "testRun = '" + run + "'", 2, 15_000);
        assertEquals(2, dead.size());
        Message deadNotJson = null;
        Message deadInvalid = null;
        for (Message message : dead) {
            if ("{not json".equals(ErpJms.body(message))) {
                deadNotJson = message;
            } else {
                deadInvalid = message;
            }
        }
        assertNotNull(deadNotJson, "the original body is kept");
        assertTrue(deadNotJson.getStringProperty("errorReason").contains("not well-formed JSON"));
        String reason = deadInvalid.getStringProperty("errorReason");
        for (String field : List.of("amount", "currency", "phone", "customer")) {
            assertTrue(reason.contains(field), "errorReason names " + field + ": " + reason);
        }
        Message deadCode = erp.receive("erp.payment.otp.DLQ", "testRun = '" + run + "'", 15_000);
        assertNotNull(deadCode);
        assertTrue(deadCode.getStringProperty("errorReason").contains("no payment with this orderId"));
        api().get("/api/v1/payments/{id}", invalidOrderId).then().statusCode(404);

        Message conflicting = erp.text(order(validOrderId, "77011234567", "2000.00")); // same orderId, other amount
        conflicting.setStringProperty("testRun", run + "-conflict");
        erp.send("erp.payment.orders", conflicting);
        Message deadConflict = erp.receive("erp.payment.orders.DLQ", "testRun = '" + run + "-conflict'", 15_000);
        assertNotNull(deadConflict, "a conflicting duplicate is dead-lettered, not retried");
        assertTrue(deadConflict.getStringProperty("errorReason").contains("different content"));
        management().get("/q/metrics").then().body(org.hamcrest.Matchers.matchesPattern(
                "(?s).*erp_jms_dead_lettered_total\\{[^}]*queue=\"erp.payment.orders\"[^}]*} [1-9].*"));
    }

    @Test
    void aStoreFailureRollsTheMessageBackAndItIsProcessedOnceTheStoreIsBack() throws Exception {
        String orderId = newOrderId("storefail");
        store.inTransaction(c -> c.createStatement().execute("ALTER TABLE payment RENAME TO payment_offline"));
        try {
            Message message = erp.text(order(orderId, "77011234567", "1000.00"));
            message.setStringProperty("testRun", orderId);
            erp.send("erp.payment.orders", message);
            Thread.sleep(1_500); // several deliveries fail and roll back meanwhile
        } finally {
            store.inTransaction(c -> c.createStatement().execute("ALTER TABLE payment_offline RENAME TO payment"));
        }
        awaitStatus(orderId, "awaiting_otp"); // redelivered with backoff: not stored (404) until the store is back
        assertEquals(1, purchasesSent(orderId), "one order, one purchase");
        assertNull(erp.receive("erp.payment.orders.DLQ", "testRun = '" + orderId + "'", 500), "redelivered, not dead-lettered");
    }

    @Test
    void eventsReachTheQueueWhileTheHttpErpIsDown() throws Exception {
        RestAssured.given().queryParam("count", 1_000_000).post("/sandbox/erp/failures").then().statusCode(204);
        try {
            String orderId = newOrderId("jmsonly");
            api().contentType("application/json").body(order(orderId, "77011234567", "1000.00")).post("/api/v1/payments")
                    .then().statusCode(202);
            awaitStatus(orderId, "awaiting_otp");
            Message event = erp.receive("erp.payment.events", "orderId = '" + orderId + "'", 15_000);
            assertNotNull(event, "JMS delivery does not wait for the HTTP one");
            assertEquals("payment.otp_required", event.getStringProperty("type"));
        } finally {
            RestAssured.given().queryParam("count", 0).post("/sandbox/erp/failures").then().statusCode(204);
        }
    }
}
