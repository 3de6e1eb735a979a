package kz.monetix.integration.erp;

import io.quarkus.test.junit.QuarkusTest;
import kz.monetix.integration.support.Erp;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static kz.monetix.integration.support.Erp.awaitStatus;
import static kz.monetix.integration.support.Erp.create;
import static kz.monetix.integration.support.Erp.newOrderId;
import static kz.monetix.integration.support.Erp.order;
import static kz.monetix.integration.support.Erp.view;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** One order, one purchase: replays read the stored order, conflicts are 409, races produce one sale. */
@QuarkusTest
class IdempotencyTest {

    static int purchasesSent(String orderId) {
        return view(orderId).getString("history").split("purchase sent").length - 1;
    }

    @Test
    void sameOrderTwiceIsOneSaleAndDifferentContentIs409() {
        String orderId = newOrderId("replay");
        String body = order(orderId, "77011234570", "75.50");
        create(body).then().statusCode(202);
        create(body).then().statusCode(200).body("orderId", equalTo(orderId)).body("amount", equalTo("75.50"));
        create(order(orderId, "77011234570", "75.51")).then().statusCode(409).contentType("application/problem+json");
        awaitStatus(orderId, "awaiting_otp");
        create(body).then().statusCode(200).body("status", equalTo("awaiting_otp"));
        assertEquals(1, purchasesSent(orderId));
    }

    @Test
    void concurrentIdenticalOrdersMakeExactlyOneSale() throws Exception {
        String orderId = newOrderId("race");
        String body = order(orderId, "77011234571", "12.00");
        int requests = 12;
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            Callable<Integer> call = () -> {
                start.await();
                return create(body).statusCode();
            };
            answers.add(pool.submit(call));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> answer : answers) {
            statuses.add(answer.get());
        }
        pool.shutdown();
        assertEquals(1, statuses.stream().filter(s -> s == 202).count(), statuses.toString());
        assertEquals(requests - 1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        awaitStatus(orderId, "awaiting_otp");
        Thread.sleep(500);
        assertEquals(1, purchasesSent(orderId));
        Erp.awaitEvents(orderId, 1);
        assertEquals(List.of("payment.otp_required"), Erp.eventTypes(orderId), "one purchase, one OTP prompt");
    }
}
