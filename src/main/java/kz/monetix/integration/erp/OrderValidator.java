package kz.monetix.integration.erp;

import com.fasterxml.jackson.databind.JsonNode;
import kz.monetix.integration.payment.Money;
import kz.monetix.integration.payment.Phones;
import kz.monetix.integration.api.ApiProblem.FieldError;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks an ERP payment order and names every bad field at once. Messages never repeat the submitted
 * values (they may be personal data).
 */
public final class OrderValidator {

    /** The operators of the method (seed, table 1). */
    public static final Set<String> OPERATORS = Set.of("ACTIV", "ALTEL", "BEELINE", "KCELL", "TELE2");

    private static final Pattern ORDER_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");
    private static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    /** The result: an order, or the list of what is wrong with it. */
    public record Result(PaymentOrder order, List<FieldError> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    private OrderValidator() {
    }

    public static Result validate(JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        if (body == null || !body.isObject()) {
            errors.add(new FieldError("", "the body must be a JSON object"));
            return new Result(null, errors);
        }
        String orderId = text(body, "orderId", errors, true);
        if (orderId != null && !ORDER_ID.matcher(orderId).matches()) {
            errors.add(new FieldError("orderId", "must be 1-64 characters of A-Z a-z 0-9 . _ -"));
        }
        String currency = text(body, "currency", errors, true);
        if (currency != null && !"KZT".equals(currency)) {
            errors.add(new FieldError("currency", "only KZT is accepted for Mobile Commerce in Kazakhstan"));
        }
        long amountMinor = amount(body.get("amount"), errors);
        String channel = text(body, "channel", errors, false);
        if (channel == null) {
            channel = PaymentOrder.GATE;
        } else if (!PaymentOrder.GATE.equals(channel) && !PaymentOrder.PAYMENT_PAGE.equals(channel)) {
            errors.add(new FieldError("channel", "must be gate or payment_page"));
        }
        boolean gate = PaymentOrder.GATE.equals(channel);
        String rawPhone = text(body, "phone", errors, gate);
        String phone = rawPhone == null ? null : Phones.normalise(rawPhone);
        if (rawPhone != null && phone == null) {
            errors.add(new FieldError("phone", "must be a Kazakhstan number: 11 digits starting with 7, e.g. +7 701 123 45 67"));
        }
        String operator = text(body, "operator", errors, false);
        if (operator != null && !OPERATORS.contains(operator)) {
            errors.add(new FieldError("operator", "must be one of " + String.join(", ", OPERATORS.stream().sorted().toList())));
        }
        String description = text(body, "description", errors, false);
        if (description != null && description.length() > 255) {
            errors.add(new FieldError("description", "at most 255 characters"));
        }

        JsonNode customer = body.get("customer");
        String customerId = null;
        String firstName = null;
        String lastName = null;
        String email = null;
        String ip = null;
        // the seed makes the customer's id, names and e-mail strictly required for the Gate sale and the Payment Page
        if (customer == null || customer.isNull()) {
            errors.add(new FieldError("customer", "is required"));
        } else if (!customer.isObject()) {
            errors.add(new FieldError("customer", "must be an object"));
        } else {
            customerId = limited(customer, "customer.id", "id", 64, errors, true);
            firstName = limited(customer, "customer.firstName", "firstName", 100, errors, true);
            lastName = limited(customer, "customer.lastName", "lastName", 100, errors, true);
            email = limited(customer, "customer.email", "email", 254, errors, true);
            if (email != null && !EMAIL.matcher(email).matches()) {
                errors.add(new FieldError("customer.email", "must be a valid e-mail address"));
            }
            ip = limited(customer, "customer.ipAddress", "ipAddress", 45, errors, gate);
            if (ip != null && !isIpAddress(ip)) {
                errors.add(new FieldError("customer.ipAddress", "must be an IPv4 or IPv6 address"));
            }
        }
        if (!errors.isEmpty()) {
            return new Result(null, errors);
        }
        return new Result(new PaymentOrder(orderId, amountMinor, currency, phone, operator, description, channel, customerId,
                firstName, lastName, email, ip), errors);
    }

    private static long amount(JsonNode node, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            errors.add(new FieldError("amount", "is required"));
            return 0;
        }
        try {
            return Money.toMinor(majorAmount(node), "KZT");
        } catch (IllegalArgumentException | ArithmeticException e) {
            errors.add(new FieldError("amount", e.getMessage()));
            return 0;
        }
    }

    /** An amount in major units as the ERP sends it: a decimal string or a JSON number, never read as a double. */
    public static BigDecimal majorAmount(JsonNode node) {
        if (node.isTextual()) {
            return Money.parseMajor(node.textValue());
        }
        if (node.isNumber() && !node.isFloat() && !node.isDouble()) {
            BigDecimal value = node.decimalValue();
            // as bounded as the text form: 1e500000000 must never reach an exact conversion to minor units
            if (value.precision() - value.scale() > 20 || value.scale() > 20) {
                throw new IllegalArgumentException("must be a decimal number such as 1000.00");
            }
            return value;
        }
        throw new IllegalArgumentException("must be a decimal number (string or number) such as \"1000.00\"");
    }

    private static String text(JsonNode parent, String field, List<FieldError> errors, boolean required) {
        return limited(parent, field, field, 1000, errors, required);
    }

    private static String limited(JsonNode parent, String path, String field, int maxLength, List<FieldError> errors, boolean required) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull() || (node.isTextual() && node.textValue().isBlank())) {
            if (required) {
                errors.add(new FieldError(path, "is required"));
            }
            return null;
        }
        if (!node.isTextual()) {
            errors.add(new FieldError(path, "must be a string"));
            return null;
        }
        String value = node.textValue().strip();
        if (value.length() > maxLength) {
            errors.add(new FieldError(path, "at most " + maxLength + " characters"));
            return null;
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError(path, "must not contain control characters"));
            return null;
        }
        return value;
    }

    static boolean isIpAddress(String value) {
        if (IPV4.matcher(value).matches()) {
            return true;
        }
        if (!value.contains(":") || !IPV6_CHARS.matcher(value).matches()) {
            return false;
        }
        try {
            // A literal containing ':' is parsed, never looked up in DNS.
            InetAddress.getByName("[" + value + "]");
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
