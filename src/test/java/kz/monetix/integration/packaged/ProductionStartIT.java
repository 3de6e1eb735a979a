package kz.monetix.integration.packaged;

import io.restassured.RestAssured;
import kz.monetix.integration.support.PackagedJar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged jar outside the dev and test profiles fails closed: without real settings, or with the sandbox's, it
 * refuses to start naming each key (never a value); with real-looking settings and a Gate reached over plain http on
 * the loopback (a local egress proxy) it starts, and health and metrics answer on the management port only.
 */
class ProductionStartIT {

    static final Path WORK = Path.of("target/production-it");
    static final int PORT = 18311;

    final PackagedJar jar = new PackagedJar(WORK);

    @AfterEach
    void stopAll() throws InterruptedException {
        jar.stopAll();
    }

    static List<String> dataDir() {
        return new ArrayList<>(List.of("data.dir=./" + WORK.resolve("data-" + UUID.randomUUID())));
    }

    String refusal(String name, String profile, List<String> settings) throws Exception {
        Process process = jar.start(name, profile, PORT, settings);
        assertTrue(process.waitFor(90, TimeUnit.SECONDS), "it stops by itself");
        assertNotEquals(0, process.exitValue());
        return jar.log(name);
    }

    @Test
    void prodWithoutRealSettingsRefusesNamingTheKeys() throws Exception {
        String output = refusal("prod-empty", "prod", dataDir());
        for (String key : List.of("monetix.secret-key", "monetix.project-id", "erp.api-keys")) {
            assertTrue(output.contains(key), key + " named in: " + output);
        }
    }

    @Test
    void aStagingProfileWithTheSandboxValuesIsNoSandbox() throws Exception {
        List<String> settings = dataDir();
        settings.addAll(List.of("monetix.project-id=1234", "monetix.secret-key=sandbox-secret-not-for-production",
                "erp.api-keys=sandbox-erp-key", "monetix.sandbox.enabled=true", "monetix.gate.base-url=http://localhost:" + PORT
                        + "/sandbox/gate"));
        String output = refusal("staging", "staging", settings);
        for (String key : List.of("monetix.secret-key", "monetix.project-id", "erp.api-keys", "monetix.sandbox.enabled",
                "monetix.gate.base-url")) {
            assertTrue(output.contains(key), key + " named in: " + output.lines().filter(l -> l.contains("Refusing")).findFirst()
                    .orElse(output));
        }
        assertTrue(!output.contains("sandbox-secret-not-for-production"), "keys are named, never values");
    }

    @Test
    void prodWithRealSettingsAndALoopbackGateStartsAndKeepsQOffThePublicPort() throws Exception {
        List<String> settings = dataDir();
        settings.addAll(List.of("monetix.project-id=48213", "monetix.secret-key=k7Qx-real-looking-secret",
                "erp.api-keys=erp-key-3f9a:payments", "monetix.gate.base-url=http://127.0.0.1:3128/monetix-gate"));
        jar.start("prod-real", "prod", PORT, settings);
        PackagedJar.awaitReady(PORT);
        RestAssured.given().port(PORT).get("/q/health/ready").then().statusCode(404);
        RestAssured.given().port(PORT).get("/q/metrics").then().statusCode(404);
        RestAssured.given().port(PackagedJar.managementPort(PORT)).get("/q/metrics").then().statusCode(200);
        // the Gate (a proxy that is not there) cannot be reached: the documented operator list stands in
        RestAssured.given().port(PORT).header("X-Api-Key", "erp-key-3f9a").get("/api/v1/operators").then().statusCode(200);
        RestAssured.given().port(PORT).header("X-Api-Key", "erp-key-3f9a").get("/api/v1/events").then().statusCode(403);
        RestAssured.given().port(PORT).get("/sandbox/payments/x/otp").then().statusCode(404);
        assertTrue(jar.log("prod-real").contains("embedded H2 database"), "warned that H2 is for one instance");
    }
}
