package kz.monetix.integration.payment;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The store over real JDBC (embedded H2 here, PostgreSQL in the subclass): keys, locking, timers, outbox order. */
@QuarkusTest
class PaymentStoreTest {

    @Inject
    Store store;
    @Inject
    PaymentStore payments;
    @Inject
    EventOutbox outbox;

    static Payment newPayment(String orderId, Long dueAt) {
        long now = System.currentTimeMillis();
        return new Payment(orderId, orderId, "gate", PaymentStatus.PROCESSING, 100000, "KZT", "77011234567", null, "d",
                "C-1", "A", "B", "a@b.kz", "198.51.100.47", "fp", Payment.SaleState.NEW, null, null, 0, 0, null, 0, null, null,
                dueAt, dueAt == null ? null : Payment.DueAction.SEND_SALE, 0, 0, now, now);
    }

    static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    void insert(Payment p) {
        store.inTransaction(c -> {
            payments.insert(c, p);
            return null;
        });
    }

    @Test
    void orderIdAndPaymentIdAreUnique() {
        String orderId = id("uniq");
        insert(newPayment(orderId, null));
        Store.StoreException sameOrder = assertThrows(Store.StoreException.class, () -> insert(newPayment(orderId, null)));
        assertTrue(sameOrder.isDuplicateKey());
        Payment otherOrderSamePaymentId = new Payment(id("other"), orderId, "gate", PaymentStatus.PROCESSING, 1, "KZT", null, null,
                null, null, null, null, null, null, "fp", Payment.SaleState.NEW, null, null, 0, 0, null, 0, null, null, null, null, 0, 0, 1, 1);
        assertTrue(assertThrows(Store.StoreException.class, () -> insert(otherOrderSamePaymentId)).isDuplicateKey());
    }

    @Test
    void updatesBumpTheVersionAndAStaleWriterFails() {
        String orderId = id("version");
        insert(newPayment(orderId, null));
        Payment read = store.inTransaction(c -> payments.find(c, orderId)).orElseThrow();
        Payment updated = store.inTransaction(c -> payments.update(c, payments.lock(c, orderId).orElseThrow()
                .withStatus(PaymentStatus.AWAITING_OTP), 5));
        assertEquals(read.version() + 1, updated.version());
        assertEquals(PaymentStatus.AWAITING_OTP, updated.status());
        assertThrows(Store.StoreException.class, () -> store.inTransaction(c -> payments.update(c, read.withStatus(PaymentStatus.FAILED), 6)));
        assertEquals(PaymentStatus.AWAITING_OTP, store.inTransaction(c -> payments.find(c, orderId)).orElseThrow().status());
    }

    @Test
    void aFailedTransactionLeavesNothingBehind() {
        String orderId = id("rollback");
        assertThrows(IllegalStateException.class, () -> store.inTransaction(c -> {
            payments.insert(c, newPayment(orderId, null));
            payments.history(c, orderId, 1, "order", PaymentStatus.PROCESSING, "x");
            throw new IllegalStateException("crash before commit");
        }));
        assertTrue(store.inTransaction(c -> payments.find(c, orderId)).isEmpty());
        assertTrue(store.inTransaction(c -> payments.historyOf(c, orderId)).isEmpty());
    }

    @Test
    void onlyDueTimersAreReturnedOldestFirst() {
        // A month ahead: the running poller (real clock) leaves these timers alone.
        long now = System.currentTimeMillis() + 30L * 24 * 3600 * 1000;
        String late = id("due-late");
        String early = id("due-early");
        String future = id("due-future");
        insert(newPayment(late, now - 1_000));
        insert(newPayment(early, now - 2_000_000L));
        insert(newPayment(future, now + 60_000));
        // leased until the real now: the running poller is not kept from any row
        List<String> due = taken(now, System.currentTimeMillis());
        assertTrue(due.contains(late) && due.contains(early));
        assertFalse(due.contains(future));
        assertTrue(due.indexOf(early) < due.indexOf(late));
    }

    @Test
    void pollersOnOneDatabaseTakeDisjointTimersAndLeaseThem() throws Exception {
        long now = System.currentTimeMillis() + 365L * 24 * 3600 * 1000;
        List<String> mine = List.of(id("lease-0"), id("lease-1"), id("lease-2"), id("lease-3"));
        for (int i = 0; i < mine.size(); i++) {
            insert(newPayment(mine.get(i), now - 1_000 - i));
        }
        ExecutorService otherInstance = Executors.newSingleThreadExecutor();
        try {
            CountDownLatch holding = new CountDownLatch(1);
            CompletableFuture<Void> release = new CompletableFuture<>();
            // another instance's poll, still in its transaction, holds the first two rows
            Future<?> other = otherInstance.submit(() -> store.inTransaction(c -> {
                payments.lock(c, mine.get(0));
                payments.lock(c, mine.get(1));
                holding.countDown();
                release.join();
                return null;
            }));
            assertTrue(holding.await(10, TimeUnit.SECONDS));
            List<String> first = CompletableFuture.supplyAsync(() -> taken(now, now + 60_000)).get(10, TimeUnit.SECONDS);
            release.complete(null);
            other.get(10, TimeUnit.SECONDS);
            assertEquals(List.of(false, false, true, true), mine.stream().map(first::contains).toList(), "locked rows are skipped, not waited for");

            List<String> second = taken(now, now + 60_000);
            assertEquals(List.of(true, true, false, false), mine.stream().map(second::contains).toList(), "leased rows are left to their poller");

            List<String> afterLease = taken(now + 60_000, now + 120_000);
            assertTrue(afterLease.containsAll(mine.subList(2, 4)), "a lease ends (its instance may have crashed)");
        } finally {
            otherInstance.shutdownNow();
            // leave no row of the shared test database leased or due a year ahead
            store.inTransaction(c -> {
                try (PreparedStatement s = c.prepareStatement("UPDATE payment SET timer_lease_until = 0 WHERE timer_lease_until > ?")) {
                    s.setLong(1, System.currentTimeMillis() + 3_600_000);
                    s.executeUpdate();
                }
                for (String orderId : mine) {
                    try (PreparedStatement s = c.prepareStatement("UPDATE payment SET due_at = NULL, due_action = NULL WHERE order_id = ?")) {
                        s.setString(1, orderId);
                        s.executeUpdate();
                    }
                }
                return null;
            });
        }
    }

    private List<String> taken(long now, long leaseUntil) {
        return store.inTransaction(c -> payments.takeDue(c, now, leaseUntil, 100_000).stream().map(PaymentStore.DueTimer::orderId).toList());
    }

    @Test
    void outboxDeliversInOrderPerOrderClaimsOnceAndDiesAfterItsWindow() {
        String a = id("outbox-a");
        String b = id("outbox-b");
        insert(newPayment(a, null));
        insert(newPayment(b, null));
        // A month ahead: the running dispatcher (real clock) leaves these events alone.
        long now = System.currentTimeMillis() + 30L * 24 * 3600 * 1000;
        Payment pa = store.inTransaction(c -> payments.find(c, a)).orElseThrow();
        Payment pb = store.inTransaction(c -> payments.find(c, b)).orElseThrow();
        String a1 = store.inTransaction(c -> outbox.add(c, pa, EventOutbox.OTP_REQUIRED, now, null, null));
        String a2 = store.inTransaction(c -> outbox.add(c, pa, EventOutbox.SUCCEEDED, now, null, null));
        String b1 = store.inTransaction(c -> outbox.add(c, pb, EventOutbox.FAILED, now, null, null));

        List<String> ready = deliverableIds(now, a, b);
        assertEquals(List.of(a1, b1), ready, "a2 waits for a1");

        EventOutbox.Event first = event(a1);
        assertTrue((Boolean) store.inTransaction(c -> outbox.claim(c, first, now + 60_000)));
        assertFalse((Boolean) store.inTransaction(c -> outbox.claim(c, first, now + 60_000)), "a second claim of the same attempt fails");
        assertEquals(List.of(b1), deliverableIds(now, a, b), "a claimed event still blocks its successors");

        store.inTransaction(c -> {
            outbox.delivered(c, event(a1), now);
            return null;
        });
        assertEquals(List.of(a2, b1), deliverableIds(now, a, b));

        EventOutbox.Event lastChance = event(b1);
        EventOutbox.State state = store.inTransaction(c -> outbox.failed(c, lastChance, lastChance.retryUntil() + 1, "HTTP 503"));
        assertEquals(EventOutbox.State.DEAD, state);
        assertEquals(List.of(a2), deliverableIds(now, a, b));
        assertTrue((Boolean) store.inTransaction(c -> outbox.replay(c, b1, now)));
        assertFalse((Boolean) store.inTransaction(c -> outbox.replay(c, b1, now)), "only dead events are replayed");
        assertEquals(List.of(a2, b1), deliverableIds(now, a, b));
        assertEquals(1, event(b1).attempts());
        assertEquals("HTTP 503", event(b1).lastError());
    }

    private EventOutbox.Event event(String eventId) {
        return store.inTransaction(c -> outbox.find(c, eventId));
    }

    private List<String> deliverableIds(long now, String... orders) {
        List<String> orderIds = List.of(orders);
        return store.inTransaction(c -> outbox.deliverable(c, EventOutbox.Channel.HTTP, now, 100_000)).stream()
                .filter(e -> orderIds.contains(e.orderId())).map(EventOutbox.Event::eventId).toList();
    }
}
