package kz.monetix.integration.bench;

import com.fasterxml.jackson.databind.JsonNode;
import kz.monetix.integration.json.Json;
import kz.monetix.integration.support.Cluster;
import kz.monetix.integration.support.ErpRecorder;
import kz.monetix.integration.support.PackagedJar;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The product measured as users run it: the packaged jar in its own process, the Gate simulator in another (callbacks
 * without delay), and this JVM as the load generator and the ERP. Prints figures beside the HTTP stack's own ceiling
 * measured in the same run; asserts only that every purchase completed. Run with {@code mvn -B verify -Pbench}
 * ({@code -Dbench.customers=8,128,512 -Dbench.stage-seconds=20 -Dbench.rates=20,100}).
 */
@Tag("benchmark")
class LoadBenchmarkIT {

    static final int[] CUSTOMERS = Arrays.stream(System.getProperty("bench.customers", "8,128,512").split(",")).mapToInt(Integer::parseInt).toArray();
    static final Duration STAGE = Duration.ofSeconds(Integer.getInteger("bench.stage-seconds", 20));
    static final int[] RATES = Arrays.stream(System.getProperty("bench.rates", "20,100").split(",")).mapToInt(Integer::parseInt).toArray();
    static final int INTAKE_ORDERS = Integer.getInteger("bench.intake-orders", 3000);
    static final int TIMER_ROWS = Integer.getInteger("bench.timer-rows", 1000);

    /** Codes live 10 minutes on both sides: orders of the intake stages wait quietly instead of asking for new codes. */
    static final Map<String, String> GATE = Map.of("monetix.sandbox.callback-delay", "PT0S", "monetix.sandbox.delivery-lanes", "16",
            "monetix.sandbox.otp-lifetime", "PT10M");
    static final Map<String, String> RUNTIME = Map.of("erp.rate-limit.requests-per-second", "1000000", "erp.rate-limit.burst", "1000000",
            "monetix.otp.expiry", "PT10M");

    /** Apache HttpClient with pooled keep-alive connections: on loopback it outruns the JDK's client many times over. */
    final CloseableHttpClient http = HttpClients.custom().setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
            .setMaxConnTotal(2048).setMaxConnPerRoute(2048).build()).disableAutomaticRetries().build();
    final Map<String, CompletableFuture<ErpRecorder.Delivery>> prompts = new ConcurrentHashMap<>();
    final Map<String, CompletableFuture<ErpRecorder.Delivery>> results = new ConcurrentHashMap<>();
    final AtomicLong busyAnswers = new AtomicLong();
    int port;
    int gatePort;

    @Test
    void onH2() throws Exception {
        run("H2", Cluster.Database.H2);
    }

    @Test
    void onPostgresql() throws Exception {
        run("PostgreSQL", Cluster.Database.POSTGRESQL);
    }

    private void run(String title, Cluster.Database database) throws Exception {
        Path work = Path.of("target/bench", title.toLowerCase());
        try (ErpRecorder erp = new ErpRecorder(18550, 0, Cluster.EVENTS_SECRET);
             Cluster cluster = new Cluster(work, database, 18500, 1, erp.url())) {
            erp.onDelivery(this::erpActs);
            cluster.start(GATE, RUNTIME);
            port = cluster.runtimePorts.get(0);
            gatePort = cluster.gatePort;
            Process runtime = cluster.process(port);
            CpuUse cpu = new CpuUse(runtime, cluster.gateProcess());
            StringBuilder out = new StringBuilder("\n==== benchmark: packaged jar on " + title + ", " + Runtime.getRuntime().availableProcessors()
                    + " cores (runtime, simulator and load generator share them) ====\n");

            healthRate("/q/health/live", 32, Duration.ofSeconds(3)); // warm-up: the JIT of all three processes
            intake(8, 300);
            double ready = healthRate("/q/health/ready", 32, Duration.ofSeconds(5));
            double live = healthRate("/q/health/live", 32, Duration.ofSeconds(5));
            row(out, "HTTP stack ceiling, 32 clients: GET /q/health/live", String.format("%,.0f req/s", live));
            row(out, "  GET /q/health/ready (database and broker checked)", String.format("%,.0f req/s", ready));
            for (int rate : RATES) {
                Thread.sleep(3_000);
                Timings timings = atFixedRate(rate, STAGE);
                row(out, "time added by the runtime at " + rate + " purchases/s (p50 / p99):", "");
                row(out, "  order -> sale request at the Gate", timings.orderToSale.summary());
                row(out, "  prompt callback -> payment.otp_required at the ERP", timings.promptToEvent.summary());
                row(out, "  OTP code -> clarification request at the Gate", timings.codeToClarification.summary());
                row(out, "  result callback -> payment.succeeded at the ERP", timings.resultToEvent.summary());
            }
            for (int customers : CUSTOMERS) {
                Thread.sleep(3_000); // the previous stage's last deliveries
                cpu.start();
                Figures purchases = purchases(customers, STAGE);
                row(out, "complete OTP purchases, " + customers + " customers", purchases.rate() + ", each " + purchases.latency());
                row(out, "  CPU per purchase: runtime / simulator / load generator and ERP", cpu.perUnit(purchases.done.get()));
            }
            // last: these orders stay waiting for codes
            for (int clients : new int[] {8, 32}) {
                Thread.sleep(3_000);
                cpu.start();
                Figures intake = intake(clients, INTAKE_ORDERS);
                row(out, "POST /api/v1/payments, " + clients + " clients", intake.rate() + ", " + intake.latency());
                row(out, "  order -> payment.otp_required at the ERP, pipeline", pipelineRate(intake));
                row(out, "  CPU per order to otp_required: runtime / simulator / load generator and ERP", cpu.perUnit(intake.done.get()));
            }
            row(out, "runtime memory: peak RSS (VmHWM)", memory(runtime, "VmHWM"));
            row(out, "503 busy answers retried by the load generator", busyAnswers.get());
            // idle: warm, with the intake orders waiting for codes (their timers far ahead); only the polls run
            row(out, "idle CPU of the runtime over 30 s, " + 2 * INTAKE_ORDERS + " payments waiting (share of one core)",
                    idleCpu(runtime, Duration.ofSeconds(30)));
            row(out, "runtime memory at idle: RSS", memory(runtime, "VmRSS"));
            out.append("====\n");
            System.out.println(out);
            Files.writeString(work.resolve("figures.txt"), out);
        }
    }

    /**
     * Timer throughput: due sales written straight into the database while no instance runs, then fired by the timer
     * polls alone (no push), first by one instance, then, on another batch, by two sharing the database. Each poll takes
     * {@code bench.timer-batch} (25) rows once a second, so that the polls, not this machine's two cores, bound an
     * instance: the figure shows whether a second instance adds its own polls or queues on the first one's rows.
     */
    @Test
    void timersWithOneAndTwoInstancesOnPostgresql() throws Exception {
        Path work = Path.of("target/bench/timers");
        Map<String, String> runtime = new HashMap<>(RUNTIME);
        runtime.put("monetix.timers.batch-size", Integer.getInteger("bench.timer-batch", 25).toString());
        runtime.put("monetix.timers.poll-interval", "1000");
        try (ErpRecorder erp = new ErpRecorder(18550, 0, Cluster.EVENTS_SECRET);
             Cluster cluster = new Cluster(work, Cluster.Database.POSTGRESQL, 18500, 2, erp.url())) {
            cluster.start(GATE, runtime);
            gatePort = cluster.gatePort;
            for (int instance : cluster.runtimePorts) {
                cluster.kill(instance);
            }
            StringBuilder out = new StringBuilder("\n==== benchmark: payment timers on PostgreSQL, " + Runtime.getRuntime().availableProcessors()
                    + " cores, each poll taking " + runtime.get("monetix.timers.batch-size") + " rows every second ====\n");
            row(out, "due sales fired by the polls of one instance", timerRate(cluster, cluster.runtimePorts.subList(0, 1), "one"));
            row(out, "due sales fired by the polls of two instances", timerRate(cluster, cluster.runtimePorts, "two"));
            out.append("====\n");
            System.out.println(out);
            Files.writeString(work.resolve("figures.txt"), out);
        }
    }

    private String timerRate(Cluster cluster, List<Integer> instances, String batch) throws Exception {
        List<String> orderIds = new ArrayList<>();
        long now = System.currentTimeMillis();
        try (Connection c = DriverManager.getConnection(cluster.databaseUrl(), "postgres", "");
             PreparedStatement insert = c.prepareStatement("INSERT INTO payment (order_id, payment_id, channel, status, amount_minor, "
                     + "currency, phone, customer_id, customer_first_name, customer_last_name, customer_email, customer_ip, fingerprint, "
                     + "sale_state, due_at, due_action, created_at, updated_at) VALUES (?, ?, 'gate', 'processing', 150000, 'KZT', "
                     + "'77011234567', 'C-1', 'Aigerim', 'Bench', 'buyer@example.kz', '203.0.113.7', 'bench', 'NEW', ?, 'SEND_SALE', ?, ?)")) {
            for (int i = 0; i < TIMER_ROWS; i++) {
                String orderId = "timer-" + batch + "-" + i;
                orderIds.add(orderId);
                insert.setString(1, orderId);
                insert.setString(2, orderId);
                insert.setLong(3, now);
                insert.setLong(4, now);
                insert.setLong(5, now);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        cluster.restart(instances);
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (true) {
            Map<String, JsonNode> books = gateBooks();
            List<Long> sales = orderIds.stream().filter(books::containsKey).map(id -> books.get(id).at("/at/sale").asLong()).sorted().toList();
            if (sales.size() == orderIds.size()) {
                double seconds = (sales.get(sales.size() - 1) - sales.get(0)) / 1e6;
                for (int instance : instances) {
                    cluster.kill(instance);
                }
                return String.format("%,.0f sales/s (%d in %.1f s)", sales.size() / seconds, sales.size(), seconds);
            }
            assertTrue(System.nanoTime() < deadline, sales.size() + " of " + orderIds.size() + " due sales sent after 5 minutes");
            Thread.sleep(500);
        }
    }

    // ---- stages ----------------------------------------------------------------------------------

    private double healthRate(String path, int clients, Duration length) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + PackagedJar.managementPort(port) + path);
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + length.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) {
            pool.submit(() -> {
                while (System.nanoTime() < end) {
                    http.execute(new HttpGet(uri), response -> {
                        EntityUtils.consume(response.getEntity());
                        return response.getCode();
                    });
                    done.incrementAndGet();
                }
                return null;
            });
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(length.toSeconds() + 30, TimeUnit.SECONDS));
        return done.get() / (length.toNanos() / 1e9);
    }

    /** Orders only, as fast as {@code clients} can send them; they go on to the Gate and wait there for codes. */
    private Figures intake(int clients, int orders) throws Exception {
        Figures figures = new Figures();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        String run = UUID.randomUUID().toString().substring(0, 6);
        figures.start();
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            String orderId = "intake-" + run + "-" + i;
            figures.orderIds.add(orderId);
            sent.add(CompletableFuture.runAsync(() -> {
                long t = System.nanoTime();
                int status = order(orderId);
                figures.took(System.nanoTime() - t);
                assertEquals(202, status);
            }, pool));
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
        figures.stop();
        pool.shutdown();
        return figures;
    }

    /** How fast orders became {@code payment.otp_required} at the ERP: from the first order sent to the last event's arrival. */
    private String pipelineRate(Figures intake) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (true) {
            long lastEvent = 0;
            int prompted = 0;
            for (String orderId : intake.orderIds) {
                CompletableFuture<ErpRecorder.Delivery> prompt = prompts.get(orderId);
                if (prompt != null && prompt.isDone()) {
                    prompted++;
                    lastEvent = Math.max(lastEvent, prompt.join().arrivedMicros());
                }
            }
            if (prompted == intake.orderIds.size()) {
                double seconds = (lastEvent - intake.startedMicros) / 1e6;
                return String.format("%,.0f orders/s (%d orders in %.1f s)", prompted / seconds, prompted, seconds);
            }
            assertTrue(System.nanoTime() < deadline, prompted + " of " + intake.orderIds.size() + " orders at the ERP after 5 minutes");
            Thread.sleep(500);
        }
    }

    /** Purchases started at a fixed rate; each customer enters the code as soon as the ERP is told it was sent. */
    private Timings atFixedRate(int perSecond, Duration length) throws Exception {
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        ExecutorService customers = Executors.newFixedThreadPool(256);
        Map<String, long[]> sentAt = new ConcurrentHashMap<>();
        List<CompletableFuture<Void>> flows = Collections.synchronizedList(new ArrayList<>());
        String run = UUID.randomUUID().toString().substring(0, 6);
        AtomicLong next = new AtomicLong();
        long total = perSecond * length.toSeconds();
        clock.scheduleAtFixedRate(() -> {
            long i = next.getAndIncrement();
            if (i < total) {
                String orderId = "rate-" + run + "-" + i;
                long[] at = new long[2];
                sentAt.put(orderId, at);
                flows.add(CompletableFuture.runAsync(() -> purchase(orderId, at), customers));
            }
        }, 0, 1_000_000 / perSecond, TimeUnit.MICROSECONDS);
        while (next.get() < total) {
            Thread.sleep(100);
        }
        clock.shutdown();
        CompletableFuture.allOf(flows.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
        customers.shutdown();

        Map<String, JsonNode> books = gateBooks();
        Timings timings = new Timings();
        sentAt.forEach((orderId, at) -> {
            JsonNode gate = books.get(orderId).path("at");
            timings.orderToSale.add(gate.path("sale").asLong() - at[0]);
            timings.codeToClarification.add(gate.path("firstCode").asLong() - at[1]);
            timings.promptToEvent.add(prompts.get(orderId).join().arrivedMicros() - gate.path("firstPrompt").asLong());
            timings.resultToEvent.add(results.get(orderId).join().arrivedMicros() - gate.path("result").asLong());
        });
        return timings;
    }

    /** {@code customers} customers buying one after another for {@code length}. */
    private Figures purchases(int customers, Duration length) throws Exception {
        Figures figures = new Figures();
        ExecutorService pool = Executors.newFixedThreadPool(customers);
        String run = UUID.randomUUID().toString().substring(0, 6);
        AtomicLong count = new AtomicLong();
        long end = System.nanoTime() + length.toNanos();
        figures.start();
        List<CompletableFuture<Void>> loops = new ArrayList<>();
        for (int c = 0; c < customers; c++) {
            int customer = c;
            loops.add(CompletableFuture.runAsync(() -> {
                while (System.nanoTime() < end) {
                    long t = System.nanoTime();
                    purchase("buy-" + run + "-" + customer + "-" + count.incrementAndGet(), new long[2]);
                    figures.took(System.nanoTime() - t);
                }
            }, pool));
        }
        CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
        figures.stop();
        pool.shutdown();
        return figures;
    }

    // ---- one customer ------------------------------------------------------------------------------

    /** Order, wait for the ERP to hear the code was sent, read it on the phone, enter it, wait for the ERP to hear the result. */
    private void purchase(String orderId, long[] at) {
        try {
            CompletableFuture<ErpRecorder.Delivery> prompt = prompts.computeIfAbsent(orderId, k -> new CompletableFuture<>());
            CompletableFuture<ErpRecorder.Delivery> result = results.computeIfAbsent(orderId, k -> new CompletableFuture<>());
            at[0] = ErpRecorder.nowMicros();
            assertEquals(202, order(orderId));
            prompt.get(60, TimeUnit.SECONDS);
            String code = otpOnPhone(orderId);
            at[1] = ErpRecorder.nowMicros();
            assertEquals(202, post("/api/v1/payments/" + orderId + "/otp", "{\"code\":\"" + code + "\"}"));
            assertEquals("success", result.get(60, TimeUnit.SECONDS).status(), orderId);
        } catch (Exception e) {
            throw new IllegalStateException(orderId + ": " + e, e);
        }
    }

    private void erpActs(ErpRecorder.Delivery delivery) {
        if ("payment.otp_required".equals(delivery.type())) {
            prompts.computeIfAbsent(delivery.orderId(), k -> new CompletableFuture<>()).complete(delivery);
        } else if (delivery.type() != null && delivery.type().startsWith("payment.")) {
            results.computeIfAbsent(delivery.orderId(), k -> new CompletableFuture<>()).complete(delivery);
        }
    }

    private int order(String orderId) {
        return post("/api/v1/payments", """
                {"orderId":"%s","amount":"1500.00","currency":"KZT","phone":"77011234567",
                 "customer":{"id":"C-1","firstName":"Aigerim","lastName":"Bench","email":"buyer@example.kz","ipAddress":"203.0.113.7"}}
                """.formatted(orderId));
    }

    /** POSTs to the runtime; a 503 (a bulkhead full) is retried after a short pause, as an ERP would, and counted. */
    private int post(String path, String body) {
        try {
            return postUntilNotBusy(path, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private int postUntilNotBusy(String path, String body) throws IOException, InterruptedException {
        while (true) {
            HttpPost post = new HttpPost("http://127.0.0.1:" + port + path);
            post.setHeader("X-Api-Key", Cluster.API_KEY);
            post.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
            int status = http.execute(post, response -> {
                EntityUtils.consume(response.getEntity());
                return response.getCode();
            });
            if (status != 503) {
                return status;
            }
            busyAnswers.incrementAndGet();
            Thread.sleep(20);
        }
    }

    private String otpOnPhone(String orderId) throws IOException {
        return getFromGate("/sandbox/payments/" + orderId + "/otp").path("otp").asText();
    }

    private Map<String, JsonNode> gateBooks() throws IOException {
        Map<String, JsonNode> books = new HashMap<>();
        getFromGate("/sandbox/gate/ledger").path("payments").forEach(p -> books.put(p.path("paymentId").asText(), p));
        return books;
    }

    private JsonNode getFromGate(String path) throws IOException {
        return http.execute(new HttpGet("http://127.0.0.1:" + gatePort + path), response -> {
            assertEquals(200, response.getCode(), path);
            return Json.parseOrNull(EntityUtils.toByteArray(response.getEntity()));
        });
    }

    // ---- the runtime process from outside ------------------------------------------------------------

    /**
     * CPU of the idle runtime, split by its threads' names (from /proc): the JIT compiling what the load made hot is
     * not poll load, so it is shown apart.
     */
    private static String idleCpu(Process process, Duration length) throws Exception {
        Thread.sleep(15_000); // the last deliveries done
        Map<String, Long> before = threadTicks(process.pid());
        Thread.sleep(length.toMillis());
        Map<String, Long> after = threadTicks(process.pid());
        long jit = 0;
        long rest = 0;
        for (Map.Entry<String, Long> thread : after.entrySet()) {
            long ticks = thread.getValue() - before.getOrDefault(thread.getKey(), 0L);
            if (thread.getKey().contains("CompilerThre")) {
                jit += ticks;
            } else {
                rest += ticks;
            }
        }
        double perTick = 100.0 / 100 / length.toSeconds(); // 100 clock ticks a second
        return String.format("%.2f %% (JIT compiler %.2f %%, everything else %.2f %%)", (jit + rest) * perTick, jit * perTick, rest * perTick);
    }

    /** utime + stime of each thread, in clock ticks, keyed by thread id and name. */
    private static Map<String, Long> threadTicks(long pid) throws IOException {
        Map<String, Long> ticks = new HashMap<>();
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException gone) {
                    continue; // the thread ended
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks.put(task.getFileName() + " " + name, Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
            }
        }
        return ticks;
    }

    /**
     * CPU time the three processes spent over a stage, per unit of work. On a box they share, rates are shares of the
     * same cores; the runtime's CPU per purchase is the figure that says what it would do on cores of its own.
     */
    static final class CpuUse {
        private final List<ProcessHandle> processes;
        private final long[] startNanos = new long[3];

        CpuUse(Process runtime, Process simulator) {
            processes = List.of(runtime.toHandle(), simulator.toHandle(), ProcessHandle.current());
        }

        void start() {
            for (int i = 0; i < startNanos.length; i++) {
                startNanos[i] = cpuNanos(processes.get(i));
            }
        }

        String perUnit(long units) {
            double[] ms = new double[startNanos.length];
            for (int i = 0; i < ms.length; i++) {
                ms[i] = (cpuNanos(processes.get(i)) - startNanos[i]) / 1e6 / Math.max(1, units);
            }
            return String.format("%.1f / %.1f / %.1f ms (runtime alone on one core: %,.0f/s)", ms[0], ms[1], ms[2], 1000 / ms[0]);
        }

        private static long cpuNanos(ProcessHandle process) {
            return process.info().totalCpuDuration().orElseThrow().toNanos();
        }
    }

    private static String memory(Process process, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (line.startsWith(field + ":")) {
                return String.format("%,d MiB", Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024);
            }
        }
        return "n/a";
    }

    private static void row(StringBuilder out, String name, Object value) {
        out.append(String.format("%-60s %s%n", name, value));
    }

    // ---- figures -------------------------------------------------------------------------------------

    /** Durations of one kind, in microseconds. */
    static final class Spread {
        private final List<Long> micros = Collections.synchronizedList(new ArrayList<>());

        void add(long value) {
            micros.add(value);
        }

        String summary() {
            List<Long> sorted;
            synchronized (micros) {
                sorted = new ArrayList<>(micros);
            }
            Collections.sort(sorted);
            return String.format("%.1f ms / %.1f ms (%d)", at(sorted, 0.50) / 1000.0, at(sorted, 0.99) / 1000.0, sorted.size());
        }

        private static long at(List<Long> sorted, double quantile) {
            return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(quantile * sorted.size()) - 1));
        }
    }

    static final class Timings {
        final Spread orderToSale = new Spread();
        final Spread promptToEvent = new Spread();
        final Spread codeToClarification = new Spread();
        final Spread resultToEvent = new Spread();
    }

    /** Count, rate and latency of one stage. */
    static final class Figures {
        final List<String> orderIds = Collections.synchronizedList(new ArrayList<>());
        final Spread latency = new Spread();
        final AtomicLong done = new AtomicLong();
        long startedMicros;
        long startNanos;
        double seconds;

        void start() {
            startedMicros = ErpRecorder.nowMicros();
            startNanos = System.nanoTime();
        }

        void took(long nanos) {
            latency.add(nanos / 1000);
            done.incrementAndGet();
        }

        void stop() {
            seconds = (System.nanoTime() - startNanos) / 1e9;
        }

        String rate() {
            return String.format("%,.0f/s", done.get() / seconds);
        }

        String latency() {
            return "p50 / p99 " + latency.summary();
        }
    }
}
