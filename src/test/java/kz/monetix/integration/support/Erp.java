package kz.monetix.integration.support;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.awaitility.Awaitility.await;

/** What an ERP does in the tests: calls the API with its key, reads the sandbox ERP sink, reads sandbox OTPs. */
public final class Erp {

    public static final String API_KEY = "sandbox-erp-key";

    /** Every OTP and phone number a test used, for the log scan. */
    public static final Set<String> SEEN_OTPS = ConcurrentHashMap.newKeySet();
    public static final Set<String> SEEN_PHONES = ConcurrentHashMap.newKeySet();

    private Erp() {
    }

    public static RequestSpecification api() {
        return RestAssured.given().header("X-Api-Key", API_KEY);
    }

    public static String newOrderId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 13);
    }

    public static String order(String orderId, String phone, String amount) {
        SEEN_PHONES.add(phone);
        return """
                {"orderId":"%s","amount":"%s","currency":"KZT","phone":"+%s","operator":"TELE2","description":"Invoice 1",
                 "customer":{"id":"C-1","firstName":"Aigerim","lastName":"Nurlanova","email":"aigerim@example.kz","ipAddress":"198.51.100.47"}}
                """.formatted(orderId, amount, phone);
    }

    public static Response create(String body) {
        return api().contentType("application/json").body(body).post("/api/v1/payments");
    }

    public static JsonPath view(String orderId) {
        return api().get("/api/v1/payments/{id}", orderId).then().statusCode(200).extract().jsonPath();
    }

    /** Waits for the payment to reach {@code status}; an order still on its way (404, e.g. over JMS) is waited for too. */
    public static String awaitStatus(String orderId, String status) {
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> status.equals(view(orderId).getString("status")));
        return status;
    }

    /** The management interface (health, metrics), apart from the public port (%test.quarkus.management.test-port). */
    public static io.restassured.specification.RequestSpecification management() {
        return RestAssured.given().port(18191);
    }

    /** Events the sandbox ERP sink received for an order, in arrival order. */
    public static List<Map<String, Object>> events(String orderId) {
        return RestAssured.given().queryParam("orderId", orderId).get("/sandbox/erp/events").then().statusCode(200)
                .extract().jsonPath().getList("$");
    }

    public static List<String> eventTypes(String orderId) {
        return events(orderId).stream().map(e -> (String) ((Map<?, ?>) e.get("event")).get("type")).toList();
    }

    public static void awaitEvents(String orderId, int count) {
        await().atMost(Duration.ofSeconds(40)).until(() -> events(orderId).size() >= count);
    }

    public static long count(List<String> types, String type) {
        return types.stream().filter(type::equals).count();
    }

    /** Reads the code the customer got (sandbox-only endpoint) and submits it as the ERP would. */
    public static Response submitOtp(String orderId, String code) {
        return api().contentType("application/json").body("{\"code\":\"" + code + "\"}").post("/api/v1/payments/{id}/otp", orderId);
    }

    public static String sandboxOtp(String paymentId) {
        String otp = RestAssured.get("/sandbox/payments/{id}/otp", paymentId).then().statusCode(200).extract().path("otp");
        SEEN_OTPS.add(otp);
        return otp;
    }

    /** An order taken through the OTP step to success, as a starting point for refunds. */
    public static String paidOrder(String prefix, String phone, String amount) {
        String orderId = newOrderId(prefix);
        create(order(orderId, phone, amount)).then().statusCode(202);
        awaitStatus(orderId, "awaiting_otp");
        submitOtp(orderId, sandboxOtp(orderId)).then().statusCode(202);
        awaitStatus(orderId, "success");
        return orderId;
    }

    public static String wrongOtp(String right) {
        String wrong = right.equals("000000") ? "111111" : "000000";
        return wrong;
    }
}
