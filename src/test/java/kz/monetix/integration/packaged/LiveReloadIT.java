package kz.monetix.integration.packaged;

import io.restassured.RestAssured;
import kz.monetix.integration.support.PackagedJar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * In the dev profile a saved route file is live within seconds, without a restart; in prod the same edit does
 * nothing until the next start (routes are read once).
 */
class LiveReloadIT {

    static final Path WORK = Path.of("target/live-reload-it");
    static final String HEADER = "X-Route-Edited";

    final PackagedJar jar = new PackagedJar(WORK);

    @AfterEach
    void stopAll() throws InterruptedException {
        jar.stopAll();
    }

    /** Adds a response header to the erp-reply route, saved the way editors save: a new file moved over the old one. */
    static void editReplyRoute(Path routes) throws IOException {
        Path file = routes.resolve("erp-api.yaml");
        String edited = Files.readString(file).replace("""
                        - setBody:
                            simple: "${body.bytes()}"
                """, """
                        - setHeader:
                            name: %s
                            constant: "yes"
                        - setBody:
                            simple: "${body.bytes()}"
                """.formatted(HEADER));
        Path saved = Files.writeString(routes.getParent().resolve(file.getFileName() + ".tmp-" + UUID.randomUUID()), edited);
        Files.move(saved, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static String editedHeader(int port) {
        return RestAssured.given().port(port).header("X-Api-Key", "sandbox-erp-key").get("/api/v1/operators")
                .then().statusCode(200).extract().header(HEADER);
    }

    @Test
    void devProfilePicksUpAnEditedRouteWithinSeconds() throws Exception {
        Path routes = PackagedJar.copyOfRoutes(WORK);
        int port = 18311;
        jar.start("dev", "dev", port, List.of("routes.dir=" + routes, "data.dir=" + WORK.resolve("data-" + UUID.randomUUID()).toAbsolutePath()));
        PackagedJar.awaitReady(port);
        assertNull(editedHeader(port));
        editReplyRoute(routes);
        // while the file's routes are swapped, a request may briefly find none (404)
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> "yes".equals(editedHeader(port)));
    }
}
