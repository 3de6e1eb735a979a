package kz.monetix.integration.packaged;

import io.restassured.RestAssured;
import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import kz.monetix.integration.support.PackagedJar;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Orders wait in the embedded broker's queue when the runtime is killed (SIGKILL); started again on the same data
 * directory, it takes every one of them from the journal, and each order is stored and purchased once.
 */
class JmsRestartIT {

    static final Path WORK = Path.of("target/jms-restart-it");
    static final int GATE_PORT = 18321;
    static final int RUNTIME_PORT = 18322;
    static final String BROKER = "tcp://127.0.0.1:" + (RUNTIME_PORT + 1000);
    static final int ORDERS = 40;

    final PackagedJar jar = new PackagedJar(WORK);

    @AfterEach
    void stopAll() throws InterruptedException {
        jar.stopAll();
    }

    Process startRuntime(String dataDir) throws Exception {
        Process runtime = jar.start("runtime", "dev", RUNTIME_PORT, List.of(
                "data.dir=" + dataDir,
                "monetix.sandbox.enabled=false",
                "monetix.gate.base-url=http://localhost:" + GATE_PORT + "/sandbox/gate",
                "erp.events.url=http://localhost:" + GATE_PORT + "/sandbox/erp/events",
                "erp.jms.consumers=1",
                "monetix.timers.poll-interval=200"));
        PackagedJar.awaitReady(RUNTIME_PORT);
        return runtime;
    }

    static String order(String orderId) {
        return """
                {"orderId":"%s","amount":"1000.00","currency":"KZT","phone":"77011234567","operator":"KCELL",
                 "customer":{"id":"C-1","firstName":"Aigerim","lastName":"Nurlanova","email":"a@example.kz","ipAddress":"198.51.100.47"}}
                """.formatted(orderId);
    }

    static int status(String orderId) {
        return RestAssured.given().port(RUNTIME_PORT).header("X-Api-Key", "sandbox-erp-key").get("/api/v1/payments/{id}", orderId)
                .statusCode();
    }

    static List<String> history(String orderId) {
        return RestAssured.given().port(RUNTIME_PORT).header("X-Api-Key", "sandbox-erp-key").get("/api/v1/payments/{id}", orderId)
                .then().statusCode(200).extract().jsonPath().getList("history.detail", String.class);
    }

    @Test
    void ordersWaitingInTheQueueAcrossAKillAreEachTakenOnce() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String dataDir = WORK.resolve("runtime-" + run).toAbsolutePath().toString();
        jar.start("gate", "dev", GATE_PORT, List.of("data.dir=" + WORK.resolve("gate-" + run).toAbsolutePath(),
                "monetix.sandbox.callback-url=http://localhost:" + RUNTIME_PORT + "/callbacks/monetix"));
        PackagedJar.awaitReady(GATE_PORT);
        Process runtime = startRuntime(dataDir);

        List<String> orderIds = new ArrayList<>();
        try (Connection connection = new ActiveMQConnectionFactory(BROKER).createConnection()) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer producer = session.createProducer(session.createQueue("erp.payment.orders"));
            for (int i = 0; i < ORDERS; i++) {
                String orderId = "jmskill-" + run + "-" + i;
                orderIds.add(orderId);
                producer.send(session.createTextMessage(order(orderId)));
            }
            session.commit();
        }
        runtime.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        String logBeforeTheKill = jar.log("runtime");
        long takenBeforeTheKill = orderIds.stream().filter(id -> logBeforeTheKill.contains("order " + id + " accepted")).count();

        startRuntime(dataDir);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> orderIds.stream().allMatch(id -> status(id) == 200
                        && history(id).stream().anyMatch(d -> d.startsWith("purchase accepted"))));
        for (String orderId : orderIds) {
            List<String> history = history(orderId);
            assertEquals(1, history.stream().filter(d -> d.startsWith("order received")).count(), orderId + " stored once");
            assertEquals(1, history.stream().filter(d -> d.startsWith("purchase sent")).count(), orderId + " purchased once");
        }
        assertTrue(takenBeforeTheKill < ORDERS, "some orders were still waiting in the queue at the kill (" + takenBeforeTheKill + ")");
    }
}
