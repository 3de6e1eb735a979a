package kz.monetix.integration.support;

import io.restassured.RestAssured;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/** The packaged jar started as separate processes, as an operator runs it; their output goes to {@code target/<work>/<name>.log}. */
public final class PackagedJar {

    public static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");

    private final Path work;
    private final List<Process> started = new ArrayList<>();

    public PackagedJar(Path work) {
        this.work = work;
    }

    public Path work() {
        return work;
    }

    /**
     * Starts the jar with {@code -Dquarkus.profile=profile}, the port and each {@code key=value} as a system property. Its
     * embedded broker listens on {@code port + 1000} and its management interface on {@code port + 2000}, so that several
     * processes run side by side.
     */
    public Process start(String name, String profile, int port, List<String> settings) throws IOException {
        return start(name, profile, port, settings, List.of());
    }

    /** The same with JVM options first (e.g. {@code -XX:StartFlightRecording=...} to profile it). */
    public Process start(String name, String profile, int port, List<String> settings, List<String> jvmOptions) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaBin()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-Dquarkus.profile=" + profile, "-Dquarkus.http.port=" + port,
                "-Dquarkus.management.port=" + managementPort(port), "-Derp.jms.acceptor=tcp://127.0.0.1:" + (port + 1000)));
        settings.forEach(s -> command.add("-D" + s));
        command.addAll(List.of("-jar", JAR.toString()));
        Files.createDirectories(work);
        File log = work.resolve(name + ".log").toFile();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
        started.add(process);
        return process;
    }

    public String log(String name) throws IOException {
        return Files.readString(work.resolve(name + ".log"));
    }

    /** A copy of routes/ (with its mappings) to edit without touching the project's own. */
    public static Path copyOfRoutes(Path under) throws IOException {
        Path copy = Files.createDirectories(under).resolve("routes-" + UUID.randomUUID()).toAbsolutePath();
        Path routes = Path.of("routes");
        try (Stream<Path> files = Files.walk(routes)) {
            for (Path source : files.toList()) {
                Path target = copy.resolve(routes.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
        return copy;
    }

    public static void awaitReady(int port) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> RestAssured.given().port(managementPort(port)).get("/q/health/ready").statusCode() == 200);
    }

    public static int managementPort(int port) {
        return port + 2000;
    }

    /** Kills every process started here (SIGKILL, like a crash). */
    public void stopAll() throws InterruptedException {
        for (Process process : started) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        started.clear();
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
