package kz.monetix.integration.support;

import kz.monetix.integration.support.PackagedJar;
import kz.monetix.integration.support.PostgresProfile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What the chaos suite and the benchmark run, each as its own process of the packaged jar: the Gate simulator and one or
 * more runtime instances sharing one fresh database (H2 under the work directory, or the PostgreSQL database "chaos"),
 * each killed with SIGKILL and started again at will.
 */
public final class Cluster implements AutoCloseable {

    public static final String API_KEY = "sandbox-erp-key";
    public static final String EVENTS_SECRET = "sandbox-events-secret";
    /** The processes' log level ({@code -Dchaos.log-level=INFO} to follow a run in target/chaos/<run>/*.log). */
    public static final String LOG_LEVEL = System.getProperty("chaos.log-level", "WARN");
    /** JVM options of the runtime instances, e.g. {@code -Druntime.jvm-options=-XX:StartFlightRecording=filename=x.jfr}. */
    static final List<String> JVM_OPTIONS = List.of(System.getProperty("runtime.jvm-options", "").split(" ")).stream()
            .filter(option -> !option.isBlank()).toList();

    /** The database the instances share. */
    public enum Database { H2, POSTGRESQL }

    public final int gatePort;
    public final List<Integer> runtimePorts;
    private final Database database;
    private final PackagedJar jar;
    private final Path work;
    private final String erpUrl;
    private final Map<Integer, Process> running = new ConcurrentHashMap<>();
    private Map<String, String> runtimeSettings = Map.of();
    private Process gate;

    public Cluster(Path work, Database database, int basePort, int instances, String erpUrl) {
        this.work = work;
        this.database = database;
        this.jar = new PackagedJar(work);
        this.erpUrl = erpUrl;
        this.gatePort = basePort;
        this.runtimePorts = new ArrayList<>();
        for (int i = 1; i <= instances; i++) {
            runtimePorts.add(basePort + i);
        }
    }

    /**
     * The simulator, then every instance on a fresh database; returns once all are ready. The settings are the
     * run's own ({@code key=value}), beside the wiring of ports, directories, URLs and the database done here.
     */
    public void start(Map<String, String> gateSettings, Map<String, String> runtimeSettings) throws Exception {
        this.runtimeSettings = runtimeSettings;
        deleteTree(work);
        List<String> simulator = new ArrayList<>(List.of(
                "data.dir=./" + work.resolve("gate"),
                "monetix.sandbox.callback-url=http://127.0.0.1:" + runtimePorts.get(0) + "/callbacks/monetix",
                "quarkus.log.level=" + LOG_LEVEL));
        gateSettings.forEach((key, value) -> simulator.add(key + "=" + value));
        this.gate = jar.start("gate", "dev", gatePort, simulator);
        if (database == Database.POSTGRESQL) {
            freshPostgresDatabase();
        }
        PackagedJar.awaitReady(gatePort);
        for (int port : runtimePorts) {
            startRuntime(port);
        }
        for (int port : runtimePorts) {
            PackagedJar.awaitReady(port);
        }
    }

    private void startRuntime(int port) throws IOException {
        List<String> settings = new ArrayList<>(List.of(
                "data.dir=./" + work.resolve("runtime-" + port),
                "monetix.sandbox.enabled=false",
                "monetix.gate.base-url=http://127.0.0.1:" + gatePort + "/sandbox/gate",
                "monetix.callback-url=http://127.0.0.1:" + port + "/callbacks/monetix",
                "erp.events.url=" + erpUrl,
                "camel.main.routes-reload-enabled=false",
                "quarkus.log.level=" + LOG_LEVEL));
        runtimeSettings.forEach((key, value) -> settings.add(key + "=" + value));
        if (database == Database.POSTGRESQL) {
            settings.add("db.url=" + databaseUrl());
            settings.add("db.username=postgres");
        }
        running.put(port, jar.start("runtime-" + port, "dev", port, settings, JVM_OPTIONS));
    }

    /** The process of a running instance (for its CPU and memory figures). */
    public Process process(int port) {
        return running.get(port);
    }

    /** The simulator's process (for its CPU figures). */
    public Process gateProcess() {
        return gate;
    }

    /** SIGKILL, like a crash: no shutdown hook runs, nothing is flushed. */
    public void kill(int port) throws InterruptedException {
        Process process = running.remove(port);
        if (process != null) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Starts a killed instance again on its own port and the same database; returns once it is ready. */
    public void restart(int port) throws IOException {
        restart(List.of(port));
    }

    /** Starts these killed instances again at once; returns once all are ready. */
    public void restart(List<Integer> ports) throws IOException {
        for (int port : ports) {
            startRuntime(port);
        }
        for (int port : ports) {
            PackagedJar.awaitReady(port);
        }
    }

    public boolean isRunning(int port) {
        Process process = running.get(port);
        return process != null && process.isAlive();
    }

    public List<Integer> live() {
        return runtimePorts.stream().filter(this::isRunning).toList();
    }

    /** The JDBC URL of the PostgreSQL database the instances share. */
    public String databaseUrl() {
        return PostgresProfile.URL.replaceFirst("/[^/?]+(\\?.*)?$", "/chaos$1");
    }

    /** Each run starts from an empty database "chaos" on the machine's PostgreSQL. */
    private void freshPostgresDatabase() throws SQLException {
        try (Connection c = DriverManager.getConnection(PostgresProfile.URL, "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS chaos WITH (FORCE)");
            s.execute("CREATE DATABASE chaos");
        }
    }

    /** A run starts from nothing: no H2 file, broker journal or log of an earlier run. */
    private static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.clear();
        jar.stopAll();
    }
}
