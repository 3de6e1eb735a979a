package kz.monetix.integration.erp;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import kz.monetix.integration.support.Erp;
import org.junit.jupiter.api.Test;

import static kz.monetix.integration.support.Erp.create;
import static kz.monetix.integration.support.Erp.newOrderId;
import static kz.monetix.integration.support.Erp.order;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One slow ERP endpoint (or order) holds up its own order's events only: orders are delivered in parallel. */
@QuarkusTest
class ErpDeliveryTest {

    @Test
    void aSlowDeliveryDoesNotHoldUpOtherOrders() throws InterruptedException {
        String slow = newOrderId("slowerp");
        String other = newOrderId("quickerp");
        RestAssured.given().queryParam("orderId", slow).queryParam("millis", 4000).post("/sandbox/erp/slow").then().statusCode(204);
        try {
            create(order(slow, "77011234596", "10.00")).then().statusCode(202);
            Erp.awaitStatus(slow, "awaiting_otp");
            Thread.sleep(300); // its payment.otp_required is now on its way to the slow endpoint
            long started = System.nanoTime();
            create(order(other, "77011234597", "10.00")).then().statusCode(202);
            Erp.awaitEvents(other, 1);
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(Erp.events(slow).isEmpty(), "the slow order's delivery is still under way");
            assertTrue(millis < 3000, "the other order's event came after " + millis + " ms, not behind the slow one");
            Erp.awaitEvents(slow, 1);
        } finally {
            RestAssured.given().queryParam("orderId", slow).queryParam("millis", 0).post("/sandbox/erp/slow").then().statusCode(204);
        }
    }
}
