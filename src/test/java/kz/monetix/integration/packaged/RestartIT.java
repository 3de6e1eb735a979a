package kz.monetix.integration.packaged;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterEach;
import kz.monetix.integration.support.PackagedJar;
import kz.monetix.integration.support.PostgresProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged jar as an operator runs it. Two processes of the same jar: one plays the Gate (simulator on),
 * the other is the runtime under test (simulator off, pointed at the first by configuration only). The runtime
 * is killed (SIGKILL) while it awaits an OTP and holds undelivered events, then started again on the same
 * database: its timer still fires, the events arrive, the flow completes, and nothing is sent twice.
 */
class RestartIT {

    static final Path WORK = Path.of("target/restart-it");
    static final int GATE_PORT = 18301;
    static final int RUNTIME_PORT = 18302;
    static final String API_KEY = "sandbox-erp-key";

    final PackagedJar jar = new PackagedJar(WORK);

    @AfterEach
    void stopAll() throws InterruptedException {
        jar.stopAll();
    }

    Process start(String name, int port, List<String> settings) throws IOException {
        return jar.start(name, "dev", port, settings);
    }

    static RequestSpecification runtime() {
        return RestAssured.given().port(RUNTIME_PORT).header("X-Api-Key", API_KEY);
    }

    static RequestSpecification gate() {
        return RestAssured.given().port(GATE_PORT);
    }

    static JsonPath view(String orderId) {
        return runtime().get("/api/v1/payments/{id}", orderId).then().statusCode(200).extract().jsonPath();
    }

    static List<Map<String, Object>> sinkEvents(String orderId) {
        return gate().queryParam("orderId", orderId).get("/sandbox/erp/events").then().statusCode(200).extract().jsonPath().getList("$");
    }

    Process startRuntime(String dataDir, String database) throws IOException {
        List<String> settings = new ArrayList<>(List.of(
                "data.dir=" + dataDir,
                "monetix.sandbox.enabled=false",
                "monetix.gate.base-url=http://localhost:" + GATE_PORT + "/sandbox/gate",
                "erp.events.url=http://localhost:" + GATE_PORT + "/sandbox/erp/events",
                "monetix.otp.expiry=PT3S",
                "monetix.timers.poll-interval=200",
                "erp.events.poll-interval=200",
                "erp.events.backoff.first=PT0.2S",
                "erp.events.backoff.max=PT1S",
                "erp.events.lease=PT5S"));
        if ("postgresql".equals(database)) {
            settings.add("db.url=" + PostgresProfile.URL);
            settings.add("db.username=postgres");
        }
        Process process = start("runtime-" + database, RUNTIME_PORT, settings);
        PackagedJar.awaitReady(RUNTIME_PORT);
        return process;
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"h2", "postgresql"})
    void killedWhileAwaitingOtpWithUndeliveredEventsThenRestartedOnTheSameDatabase(String database) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String runtimeData = "./" + WORK.resolve("runtime-" + run);
        start("gate-" + database, GATE_PORT, List.of(
                "data.dir=./" + WORK.resolve("gate-" + run),
                "monetix.sandbox.callback-url=http://localhost:" + RUNTIME_PORT + "/callbacks/monetix",
                "monetix.sandbox.otp-lifetime=PT3S",
                "erp.events.url=http://localhost:" + GATE_PORT + "/sandbox/erp/events"));
        PackagedJar.awaitReady(GATE_PORT);
        Process runtime = startRuntime(runtimeData, database);

        gate().queryParam("count", 1_000_000).post("/sandbox/erp/failures").then().statusCode(204);
        String orderId = "restart-" + database + "-" + run;
        String phone = "77011234599";
        runtime().contentType("application/json").body("""
                {"orderId":"%s","amount":"1500.00","currency":"KZT","phone":"%s","operator":"KCELL",
                 "customer":{"id":"C-9","firstName":"Dias","lastName":"Ospanov","email":"dias@example.kz","ipAddress":"203.0.113.9"}}
                """.formatted(orderId, phone)).post("/api/v1/payments").then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> "awaiting_otp".equals(view(orderId).getString("status")));
        String firstOtp = gate().get("/sandbox/payments/{id}/otp", orderId).then().statusCode(200).extract().path("otp");

        runtime.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        Thread.sleep(4_000); // the OTP expires while the runtime is down
        startRuntime(runtimeData, database);

        await().atMost(Duration.ofSeconds(30)).until(() -> view(orderId).getString("history").contains("new OTP requested (auto, 1 of 3)"));
        gate().queryParam("count", 0).post("/sandbox/erp/failures").then().statusCode(204);
        await().atMost(Duration.ofSeconds(30)).until(() -> sinkEvents(orderId).size() >= 2);

        String newOtp = gate().get("/sandbox/payments/{id}/otp", orderId).then().statusCode(200).extract().path("otp");
        runtime().contentType("application/json").body("{\"code\":\"" + newOtp + "\"}").post("/api/v1/payments/{id}/otp", orderId)
                .then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> "success".equals(view(orderId).getString("status")));
        await().atMost(Duration.ofSeconds(30)).until(() -> sinkEvents(orderId).size() >= 3);

        List<Map<String, Object>> events = sinkEvents(orderId);
        List<String> types = events.stream().map(e -> (String) ((Map<?, ?>) e.get("event")).get("type")).toList();
        assertEquals(List.of("payment.otp_required", "payment.otp_required", "payment.succeeded"), types, "in order, each once");
        assertEquals(3, events.stream().map(e -> e.get("eventId")).distinct().count());
        String history = view(orderId).getString("history");
        assertEquals(1, history.split("purchase sent").length - 1, "one purchase across the restart");
        assertEquals(1, history.split("new OTP requested").length - 1, "the expired OTP was replaced once");
        assertNotEquals(firstOtp, newOtp);

        for (String log : List.of("runtime-" + database + ".log", "gate-" + database + ".log")) {
            String text = Files.readString(WORK.resolve(log), StandardCharsets.UTF_8);
            for (String secret : List.of(firstOtp, newOtp, phone, "sandbox-secret-not-for-production", "sandbox-events-secret")) {
                assertTrue(!text.matches("(?s).*(?<![0-9A-Za-z])" + secret + "(?![0-9A-Za-z]).*"), log + " leaks a secret, OTP or phone");
            }
        }
    }
}
