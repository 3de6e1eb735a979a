package kz.monetix.integration.bench;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import kz.monetix.integration.payment.PaymentStore;
import kz.monetix.integration.payment.Store;
import kz.monetix.integration.support.Erp;
import kz.monetix.integration.support.ErpJms;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static kz.monetix.integration.support.Erp.create;
import static kz.monetix.integration.support.Erp.order;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Prints figures, asserts only correctness: order intake throughput and latency over HTTP, time to the OTP
 * prompt through the simulator, and the cost of 100,000 payments waiting for an OTP (rows, not timers).
 * Run with {@code mvn -B test -Pbench}; not part of the regular suite.
 */
@QuarkusTest
@Tag("benchmark")
@TestProfile(ThroughputBenchmarkTest.Bench.class)
class ThroughputBenchmarkTest {

    public static class Bench implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // the shipped defaults, not the test profile's: events go out over HTTP only (erp.events.jms.enabled=false)
            return Map.of("data.dir", "./target/bench-data", "monetix.otp.expiry", "PT85S", "quarkus.log.level", "WARN",
                    "quarkus.log.category.\"kz.monetix\".level", "WARN", "erp.events.jms.enabled", "false");
        }
    }

    static final int ORDERS = Integer.getInteger("bench.orders", 1000);
    static final int CLIENTS = Integer.getInteger("bench.clients", 8);
    static final int WAITING = Integer.getInteger("bench.waiting", 100_000);

    @Inject
    Store store;
    @Inject
    PaymentStore payments;

    @Test
    void printFigures() throws Exception {
        System.out.println("\n==== benchmark (" + Runtime.getRuntime().availableProcessors() + " cores, "
                + (store.isPostgresql() ? "PostgreSQL" : "H2") + ") ====");
        intake();
        jmsIntake();
        waitingPayments();
        System.out.println("==== end of benchmark ====\n");
    }

    private void intake() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<Integer>> answers = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < ORDERS; i++) {
            String orderId = "bench-" + run + "-" + i;
            answers.add(clients.submit(() -> {
                long t = System.nanoTime();
                int status = create(order(orderId, "7701" + String.format("%07d", Math.floorMod(orderId.hashCode(), 10_000_000)), "10.00")).statusCode();
                latencies.add(System.nanoTime() - t);
                return status;
            }));
        }
        for (Future<Integer> answer : answers) {
            assertEquals(202, answer.get());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        clients.shutdown();
        System.out.printf("order intake: %d orders, %d clients: %.0f orders/s; latency p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                ORDERS, CLIENTS, ORDERS / seconds, pct(latencies, 50), pct(latencies, 95), pct(latencies, 99), pct(latencies, 100));

        long promptStart = System.nanoTime();
        String last = "bench-" + run + "-" + (ORDERS - 1);
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200))
                .until(() -> "awaiting_otp".equals(Erp.view(last).getString("status")));
        long waiting = store.inTransaction(c -> {
            try (var s = c.prepareStatement("SELECT COUNT(*) FROM payment WHERE order_id LIKE ? AND status = 'awaiting_otp'")) {
                s.setString(1, "bench-" + run + "-%");
                try (var r = s.executeQuery()) {
                    r.next();
                    return r.getLong(1);
                }
            }
        });
        System.out.printf("sale + signed callback: %d of %d orders awaiting the OTP %.1f s after the last order was accepted%n",
                waiting, ORDERS, (System.nanoTime() - promptStart) / 1e9);
        removeRows("bench-" + run + "-%");
    }

    /** Orders over JMS: producers on the broker's TCP acceptor, until every order is stored (the transacted intake). */
    private void jmsIntake() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String prefix = "jmsbench-" + run + "-";
        ExecutorService producers = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> sent = new ArrayList<>();
        long start = System.nanoTime();
        for (int p = 0; p < CLIENTS; p++) {
            int producer = p;
            sent.add(producers.submit(() -> {
                try (ErpJms erp = new ErpJms()) {
                    for (int i = producer; i < ORDERS; i += CLIENTS) {
                        erp.send("erp.payment.orders", erp.text(order(prefix + i, "77011234567", "10.00")));
                    }
                }
                return null;
            }));
        }
        for (Future<?> done : sent) {
            done.get();
        }
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(50)).until(() -> count(prefix + "%") >= ORDERS);
        double seconds = (System.nanoTime() - start) / 1e9;
        producers.shutdown();
        System.out.printf("JMS order intake: %d orders, %d producers (TCP acceptor, persistent): sent in %.1f s, all stored after %.1f s: "
                + "%.0f orders/s%n", ORDERS, CLIENTS, sendSeconds, seconds, ORDERS / seconds);
        removeRows(prefix + "%");
    }

    private long count(String orderIdPattern) {
        return store.inTransaction(c -> {
            try (var s = c.prepareStatement("SELECT COUNT(*) FROM payment WHERE order_id LIKE ?")) {
                s.setString(1, orderIdPattern);
                try (var r = s.executeQuery()) {
                    r.next();
                    return r.getLong(1);
                }
            }
        });
    }

    private void waitingPayments() throws Exception {
        System.gc();
        long heapBefore = usedHeap();
        int threadsBefore = Thread.activeCount();
        long future = System.currentTimeMillis() + Duration.ofDays(365).toMillis();
        String run = UUID.randomUUID().toString().substring(0, 8);
        long start = System.nanoTime();
        store.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO payment (order_id, payment_id, channel, status, amount_minor, currency, "
                    + "fingerprint, sale_state, otp_expires_at, due_at, due_action, created_at, updated_at) "
                    + "VALUES (?, ?, 'gate', 'awaiting_otp', 1000, 'KZT', 'bench', 'ACCEPTED', ?, ?, 'OTP_EXPIRY', ?, ?)")) {
                for (int i = 0; i < WAITING; i++) {
                    String id = "wait-" + run + "-" + i;
                    s.setString(1, id);
                    s.setString(2, id);
                    s.setLong(3, future + i);
                    s.setLong(4, future + i);
                    s.setLong(5, future);
                    s.setLong(6, future);
                    s.addBatch();
                    if (i % 5_000 == 4_999) {
                        s.executeBatch();
                    }
                }
                s.executeBatch();
            }
            return null;
        });
        double insertSeconds = (System.nanoTime() - start) / 1e9;
        Thread.sleep(2_000); // a few polls of the timer route over the waiting rows
        System.gc();
        long heapAfter = usedHeap();
        List<Long> polls = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            long t = System.nanoTime();
            List<String> due = store.inTransaction(c -> payments.takeDue(c, System.currentTimeMillis(), System.currentTimeMillis(), 100).stream().map(PaymentStore.DueTimer::orderId).toList());
            polls.add(System.nanoTime() - t);
            assertEquals(true, due.stream().noneMatch(id -> id.startsWith("wait-" + run)));
        }
        System.out.printf("%,d payments awaiting an OTP stored in %.1f s; heap %+.1f MB (%.1f -> %.1f MB), live threads %d -> %d%n",
                WAITING, insertSeconds, (heapAfter - heapBefore) / 1e6, heapBefore / 1e6, heapAfter / 1e6, threadsBefore, Thread.activeCount());
        System.out.printf("timer poll query with them waiting: p50 %.2f ms, p99 %.2f ms (index payment_due)%n", pct(polls, 50), pct(polls, 99));
        System.out.printf("process: %.0f MB resident heap committed, %d classes loaded%n",
                Runtime.getRuntime().totalMemory() / 1e6, ManagementFactory.getClassLoadingMXBean().getLoadedClassCount());
        removeRows("wait-" + run + "-%");
    }

    /** The benchmark leaves nothing behind in a shared database (PostgreSQL keeps rows between runs). */
    private void removeRows(String orderIdPattern) {
        store.inTransaction(c -> {
            for (String table : new String[] {"payment_history", "erp_event", "payment"}) {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE order_id LIKE ?")) {
                    s.setString(1, orderIdPattern);
                    s.executeUpdate();
                }
            }
            return null;
        });
    }

    private static long usedHeap() {
        return Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
    }

    private static double pct(List<Long> nanos, int percentile) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int index = Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1);
        return sorted.get(Math.max(0, index)) / 1e6;
    }
}
