package kz.monetix.integration.chaos;

import kz.monetix.integration.support.Cluster;
import kz.monetix.integration.support.ErpRecorder;

import com.fasterxml.jackson.databind.JsonNode;
import kz.monetix.integration.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reliability proof: many customers' purchases through the packaged jar while instances are killed (SIGKILL) and
 * restarted, the Gate answers 5xx or times out, callbacks come twice, late or forged first, and the ERP refuses
 * deliveries and goes down. The invariants are then checked from the simulator's books and the ERP's own record, and
 * one table of figures is printed. Size: {@code -Dchaos.flows}, {@code -Dchaos.kills} (CI runs a small budget;
 * {@code mvn -B verify -Pchaos} the full one).
 */
class ChaosIT {

    static final int FLOWS = Integer.getInteger("chaos.flows", 150);
    static final int KILLS = Integer.getInteger("chaos.kills", 2);
    static final int CUSTOMERS = Integer.getInteger("chaos.customers", 24);
    static final Duration KILL_EVERY = Duration.ofSeconds(Integer.getInteger("chaos.kill-every-seconds", 6));
    static final Duration SETTLING = Duration.ofMinutes(4);
    /** The simulator: quick, and faulty (20% of Gate calls fail or time out, 30% of callbacks duplicated, 10% forged first). */
    static final Map<String, String> GATE = Map.ofEntries(
            Map.entry("monetix.sandbox.callback-delay", "PT0.05S"),
            Map.entry("monetix.sandbox.otp-lifetime", "PT3S"),
            Map.entry("monetix.sandbox.clarification-window", "PT20S"),
            Map.entry("monetix.sandbox.timeout-delay", "PT3S"),
            Map.entry("monetix.sandbox.callback-attempts", "12"),
            Map.entry("monetix.sandbox.callback-retry-interval", "PT1S"),
            Map.entry("monetix.sandbox.faults.gate-errors", "0.1"),
            Map.entry("monetix.sandbox.faults.gate-timeouts", "0.1"),
            Map.entry("monetix.sandbox.faults.callback-duplicates", "0.3"),
            Map.entry("monetix.sandbox.faults.callback-forged-first", "0.1"));
    /** The runtime: the production logic with its waits shortened to seconds, so that thousands of flows fit in minutes. */
    static final Map<String, String> RUNTIME = Map.ofEntries(
            Map.entry("monetix.gate.read-timeout", "PT2S"),
            Map.entry("monetix.otp.expiry", "PT3S"),
            Map.entry("monetix.reconcile.first-after", "PT5S"),
            Map.entry("monetix.reconcile.after-unknown", "PT1S"),
            Map.entry("monetix.reconcile.max-interval", "PT3S"),
            Map.entry("monetix.reconcile.not-found-after", "PT6S"),
            Map.entry("monetix.reconcile.code-result-grace", "PT3S"),
            Map.entry("monetix.callbacks.failures-per-minute", "0"),
            Map.entry("monetix.timers.poll-interval", "300"),
            Map.entry("monetix.timers.lease", "PT10S"),
            Map.entry("erp.events.poll-interval", "500"),
            Map.entry("erp.events.backoff.first", "PT0.2S"),
            Map.entry("erp.events.backoff.max", "PT2S"),
            Map.entry("erp.events.lease", "PT5S"),
            Map.entry("erp.events.read-timeout", "PT5S"),
            Map.entry("erp.rate-limit.requests-per-second", "100000"),
            Map.entry("erp.rate-limit.burst", "100000"));
    static final double ERP_REFUSALS = 0.3;

    @Test
    void oneInstanceOnH2() throws Exception {
        run("one instance, H2", "h2", Cluster.Database.H2, 1);
    }

    /** The full proof only ({@code -Pchaos}): the budget run covers H2 and PostgreSQL with the two-instance topology. */
    @Test
    @EnabledIfSystemProperty(named = "chaos.full", matches = "true")
    void oneInstanceOnPostgresql() throws Exception {
        run("one instance, PostgreSQL", "postgresql", Cluster.Database.POSTGRESQL, 1);
    }

    /** Both instances serve the API and callbacks and run the timers; the last kill is for good: the survivor finishes. */
    @Test
    void twoInstancesOnPostgresql() throws Exception {
        run("two instances, PostgreSQL", "two-instances", Cluster.Database.POSTGRESQL, 2);
    }

    private void run(String title, String name, Cluster.Database database, int instances) throws Exception {
        Path work = Path.of("target/chaos", name);
        long started = System.nanoTime();
        try (ErpRecorder erp = new ErpRecorder(18450, ERP_REFUSALS, Cluster.EVENTS_SECRET);
             Cluster cluster = new Cluster(work, database, 18400, instances, erp.url())) {
            cluster.start(GATE, RUNTIME);
            // JMS customers where one instance holds the queues in its embedded broker (several instances need an external one)
            Customers customers = new Customers(cluster::live, cluster.gatePort, instances == 1);
            AtomicInteger kills = new AtomicInteger();
            Thread killer = new Thread(() -> killAtRandom(cluster, erp, kills, instances > 1), "chaos-killer");
            killer.start();

            ExecutorService checkouts = Executors.newFixedThreadPool(CUSTOMERS);
            long pace = KILL_EVERY.toMillis() * Math.max(1, KILLS) * 1_000_000L / FLOWS;
            for (int i = 0; i < FLOWS; i++) {
                String orderId = "chaos-" + name + "-" + i;
                Customers.Kind kind = Customers.pick(i);
                checkouts.submit(() -> customers.play(orderId, kind));
                TimeUnit.NANOSECONDS.sleep(pace);
            }
            checkouts.shutdown();
            assertTrue(checkouts.awaitTermination(10, TimeUnit.MINUTES));
            killer.join();
            long drove = System.nanoTime();

            Verdict verdict = settle(customers, cluster, erp);
            long settled = System.nanoTime();
            String table = table(title, instances, customers, cluster, erp, kills.get(), verdict, drove - started, settled - drove);
            System.out.println(table);
            Files.writeString(work.resolve("figures.txt"), table);
            assertTrue(verdict.unsettled.isEmpty(), "still settling after " + SETTLING + ": " + verdict.unsettled.stream().limit(10).toList());
            assertEquals(0, verdict.violationCount(), "invariants broken: " + examples(verdict));
            assertTrue(kills.get() >= KILLS, "only " + kills.get() + " kills");
        }
    }

    /** Kills an instance at a random moment every few seconds, KILLS times; the ERP goes down twice meanwhile. */
    private static void killAtRandom(Cluster cluster, ErpRecorder erp, AtomicInteger kills, boolean lastForGood) {
        try {
            for (int k = 0; k < KILLS; k++) {
                Thread.sleep(ThreadLocalRandom.current().nextLong(KILL_EVERY.toMillis() / 2, KILL_EVERY.toMillis() * 3 / 2));
                if (k == KILLS / 2 || k == 0) {
                    erp.outage(Duration.ofSeconds(4));
                }
                List<Integer> live = cluster.live();
                int port = live.get(ThreadLocalRandom.current().nextInt(live.size()));
                cluster.kill(port);
                kills.incrementAndGet();
                boolean forGood = lastForGood && k == KILLS - 1;
                if (!forGood) {
                    cluster.restart(port);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("the killer failed", e);
        }
    }

    /** Waits until every accepted order is final everywhere and the ERP was told (or SETTLING passes), then judges. */
    private static Verdict settle(Customers customers, Cluster cluster, ErpRecorder erp) throws Exception {
        long deadline = System.nanoTime() + SETTLING.toNanos();
        Verdict verdict;
        do {
            Thread.sleep(2_000);
            Map<String, JsonNode> views = new HashMap<>();
            for (Customers.Flow flow : customers.flows.values()) {
                if (flow.accepted) {
                    Customers.Answer view = customers.view(flow.orderId);
                    views.put(flow.orderId, view.status() == 200 ? view.body() : null);
                }
            }
            verdict = Verdict.of(customers.flows, views, gateLedger(cluster.gatePort), erp.accepted(), customers.troubles);
        } while (!verdict.unsettled.isEmpty() && System.nanoTime() < deadline);
        return verdict.stopWaitingForTheErp();
    }

    static JsonNode gateLedger(int gatePort) throws IOException, InterruptedException {
        HttpResponse<byte[]> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatePort
                + "/sandbox/gate/ledger")).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, answer.statusCode());
        return Json.parseOrNull(answer.body());
    }

    private static String table(String title, int instances, Customers customers, Cluster cluster, ErpRecorder erp, int kills,
                                Verdict verdict, long droveNanos, long settledNanos) throws Exception {
        JsonNode faults = gateLedger(cluster.gatePort).path("faults");
        long accepted = customers.flows.values().stream().filter(f -> f.accepted).count();
        List<ErpRecorder.Delivery> deliveries = erp.accepted();
        long distinctEvents = deliveries.stream().map(ErpRecorder.Delivery::eventId).distinct().count();
        StringBuilder out = new StringBuilder("\n==== chaos: " + title + " (" + Runtime.getRuntime().availableProcessors() + " cores) ====\n");
        row(out, "flows (customers at once)", FLOWS + " (" + CUSTOMERS + ")");
        row(out, "orders accepted (of which over JMS)", accepted + " (" + customers.flows.values().stream()
                .filter(f -> f.accepted && f.kind == Customers.Kind.PAY_OVER_JMS).count() + ")");
        row(out, "instances / kills (SIGKILL)", instances + " / " + kills + (instances > 1 ? " (the last one for good)" : ""));
        row(out, "Gate 5xx before acting / answers timed out", faults.path("gateErrors").asLong() + " / " + faults.path("gateTimeouts").asLong());
        row(out, "callbacks duplicated late / forged first", faults.path("callbackDuplicates").asLong() + " / "
                + faults.path("callbackForgedFirst").asLong());
        row(out, "ERP deliveries refused / outages", erp.refused() + " / " + erp.outages());
        row(out, "ERP deliveries accepted (distinct events)", deliveries.size() + " (" + distinctEvents + ")");
        row(out, "outcomes", new java.util.TreeMap<>(verdict.outcomes));
        row(out, "customers who stopped waiting after 90 s (settled later)", customers.flows.values().stream().filter(f -> f.stoppedWaiting).count());
        row(out, "driving / settling", Duration.ofNanos(droveNanos).toSeconds() + " s / " + Duration.ofNanos(settledNanos).toSeconds() + " s");
        out.append("-- invariant (violations) --\n");
        verdict.violations.forEach((name, found) -> row(out, name, found.size()));
        row(out, "still unsettled at the end", verdict.unsettled.size());
        return out.append("====\n").toString();
    }

    private static void row(StringBuilder out, String name, Object value) {
        out.append(String.format("%-52s %s%n", name, value));
    }

    private static String examples(Verdict verdict) {
        StringBuilder out = new StringBuilder();
        verdict.violations.forEach((name, found) -> {
            if (!found.isEmpty()) {
                out.append("\n  ").append(name).append(": ").append(found.stream().limit(5).toList());
            }
        });
        return out.toString();
    }
}
