package kz.monetix.integration.erp;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Stream;

import static kz.monetix.integration.support.Erp.api;
import static kz.monetix.integration.support.Erp.newOrderId;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad orders over real HTTP: every one gets a clear 4xx in application/problem+json naming the fields,
 * and none is stored (so none can ever reach the Gate: sales are only sent for stored orders).
 */
@QuarkusTest
class OrderValidationTest {

    record BadOrder(String name, String body, int status, List<String> fields) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final String CUSTOMER = "{\"id\":\"C-1\",\"firstName\":\"A\",\"lastName\":\"B\",\"email\":\"a@b.kz\",\"ipAddress\":\"198.51.100.47\"}";

    static String order(String orderId, String fields) {
        return "{\"orderId\":\"" + orderId + "\",\"amount\":\"10.00\",\"currency\":\"KZT\",\"phone\":\"+77011234567\",\"customer\":" + CUSTOMER + fields + "}";
    }

    static Stream<BadOrder> badOrders() {
        String id = "ORDERID";
        return Stream.of(
                new BadOrder("empty object", "{}", 400, List.of("orderId", "amount", "currency", "phone", "customer")),
                new BadOrder("array instead of object", "[1,2,3]", 400, List.of("")),
                new BadOrder("string instead of object", "\"order\"", 400, List.of("")),
                new BadOrder("malformed JSON", "{\"orderId\": ", 400, List.of()),
                new BadOrder("orderId with spaces", order(id, "").replace(id, "a b"), 400, List.of("orderId")),
                new BadOrder("orderId too long", order(id, "").replace(id, "x".repeat(65)), 400, List.of("orderId")),
                new BadOrder("orderId a number", order(id, "").replace("\"" + id + "\"", "42"), 400, List.of("orderId")),
                new BadOrder("amount zero", order(id, "").replace("\"10.00\"", "\"0\""), 400, List.of("amount")),
                new BadOrder("amount negative", order(id, "").replace("\"10.00\"", "\"-5\""), 400, List.of("amount")),
                new BadOrder("amount three decimals", order(id, "").replace("\"10.00\"", "\"10.001\""), 400, List.of("amount")),
                new BadOrder("amount huge number", order(id, "").replace("\"10.00\"", "1e400"), 400, List.of("amount")),
                new BadOrder("amount huge digits", order(id, "").replace("\"10.00\"", "\"99999999999999999999\""), 400, List.of("amount")),
                new BadOrder("amount boolean", order(id, "").replace("\"10.00\"", "true"), 400, List.of("amount")),
                new BadOrder("amount text", order(id, "").replace("\"10.00\"", "\"ten\""), 400, List.of("amount")),
                new BadOrder("currency USD", order(id, "").replace("KZT", "USD"), 400, List.of("currency")),
                new BadOrder("phone not Kazakh", order(id, "").replace("+77011234567", "+4915112345678"), 400, List.of("phone")),
                new BadOrder("phone with letters", order(id, "").replace("+77011234567", "7701abc4567"), 400, List.of("phone")),
                new BadOrder("phone an object", order(id, "").replace("\"+77011234567\"", "{}"), 400, List.of("phone")),
                new BadOrder("unknown operator", order(id, ",\"operator\":\"VODAFONE\""), 400, List.of("operator")),
                new BadOrder("unknown channel", order(id, ",\"channel\":\"sms\""), 400, List.of("channel")),
                new BadOrder("customer missing", order(id, "").replace(",\"customer\":" + CUSTOMER, ""), 400, List.of("customer")),
                new BadOrder("customer an array", order(id, "").replace(CUSTOMER, "[]"), 400, List.of("customer")),
                new BadOrder("bad email and ip at once", order(id, "").replace("a@b.kz", "not-an-email").replace("198.51.100.47", "999.1.1.1"),
                        400, List.of("customer.email", "customer.ipAddress")),
                new BadOrder("ip a host name", order(id, "").replace("198.51.100.47", "example.com"), 400, List.of("customer.ipAddress")),
                new BadOrder("control characters in a name", order(id, "").replace("\"firstName\":\"A\"", "\"firstName\":\"A\\nB\""),
                        400, List.of("customer.firstName")),
                new BadOrder("description too long", order(id, ",\"description\":\"" + "d".repeat(256) + "\""), 400, List.of("description")),
                new BadOrder("everything wrong at once",
                        "{\"orderId\":\"!\",\"amount\":\"-1\",\"currency\":\"EUR\",\"phone\":\"1\",\"operator\":\"X\",\"channel\":\"y\",\"customer\":5}",
                        400, List.of("orderId", "amount", "currency", "phone", "operator", "channel", "customer")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badOrders")
    void badOrderIsA4xxProblemNamingEveryBadFieldAndStoresNothing(BadOrder bad) {
        String orderId = newOrderId("bad");
        Response response = api().contentType("application/json").body(bad.body().replace("ORDERID", orderId)).post("/api/v1/payments");
        response.then().statusCode(bad.status()).contentType("application/problem+json").body("status", equalTo(bad.status()));
        if (!bad.fields().isEmpty()) {
            response.then().body("errors.field", hasItems(bad.fields().toArray(new String[0])));
            assertEquals(bad.fields().size(), response.jsonPath().getList("errors").size(), response.asString());
        }
        api().get("/api/v1/payments/{id}", orderId).then().statusCode(404);
        String body = response.asString();
        assertTrue(!body.contains("198.51.100.47") && !body.contains("4915112345678"), "errors never echo values: " + body);
    }

    @Test
    void missingOrWrongApiKeyIs401() {
        RestAssured.given().contentType("application/json").body("{}").post("/api/v1/payments").then().statusCode(401)
                .contentType("application/problem+json");
        RestAssured.given().header("X-Api-Key", "wrong").get("/api/v1/payments/x").then().statusCode(401);
        RestAssured.given().header("X-Api-Key", "").get("/api/v1/events").then().statusCode(401);
    }

    @Test
    void nonJsonIs415AndOversizeIs413() {
        api().contentType("text/plain").body("hello").post("/api/v1/payments").then().statusCode(415).contentType("application/problem+json");
        api().contentType("application/json").body("{\"orderId\":\"" + "x".repeat(70_000) + "\"}").post("/api/v1/payments")
                .then().statusCode(413).contentType("application/problem+json");
    }

    @Test
    void otpCodeMustBeFourToEightDigits() {
        for (String body : List.of("{\"code\":\"12\"}", "{\"code\":123456}", "{\"code\":\"12345a\"}", "{}", "[]", "nope")) {
            api().contentType("application/json").body(body).post("/api/v1/payments/{id}/otp", "any").then().statusCode(400)
                    .body("errors[0].field", equalTo("code"));
        }
        api().contentType("application/json").body("{\"code\":\"123456\"}").post("/api/v1/payments/{id}/otp", "no-such-order")
                .then().statusCode(404);
    }

    @Test
    void unknownPaymentIs404AndWrongMethodIsNot5xx() {
        api().get("/api/v1/payments/{id}", "does-not-exist").then().statusCode(404).contentType("application/problem+json");
        int status = api().delete("/api/v1/payments").statusCode();
        assertTrue(status >= 400 && status < 500, "DELETE answered " + status);
    }
}
