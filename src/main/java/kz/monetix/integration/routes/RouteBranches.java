package kz.monetix.integration.routes;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import kz.monetix.integration.gate.GateResult;
import kz.monetix.integration.otp.OtpSessions;
import kz.monetix.integration.payment.Payment;
import kz.monetix.integration.payment.SaleOutcomes;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.quarkus.main.events.BeforeStart;
import org.apache.camel.spi.TypeConverterRegistry;
import org.apache.camel.support.TypeConverterSupport;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The values the YAML routes branch on ({@code ${body.kind} == 'OTP_REQUIRED'}): enums the steps return. Each is
 * registered as a type converter to and from its name, so Simple compares it through one direct lookup; without them
 * every comparison searched the whole converter registry and missed (~3% of the runtime's CPU under load, JFR).
 */
@ApplicationScoped
public class RouteBranches {

    public static final List<Class<? extends Enum<?>>> VALUES = List.of(SaleOutcomes.Kind.class, GateResult.Outcome.class,
            Payment.DueAction.class, OtpSessions.PromptKind.class, OtpSessions.DeadlineOutcome.class);

    void beforeCamelStarts(@Observes BeforeStart event, CamelContext camel) {
        TypeConverterRegistry registry = camel.getTypeConverterRegistry();
        VALUES.forEach(type -> register(registry, type));
    }

    private static void register(TypeConverterRegistry registry, Class<? extends Enum<?>> type) {
        Map<String, Enum<?>> byName = Arrays.stream(type.getEnumConstants()).collect(Collectors.toMap(Enum::name, Function.identity()));
        registry.addTypeConverter(String.class, type, converter(value -> ((Enum<?>) value).name()));
        registry.addTypeConverter(type, String.class, converter(byName::get));
    }

    private static TypeConverterSupport converter(Function<Object, Object> conversion) {
        return new TypeConverterSupport() {
            @Override
            public <T> T convertTo(Class<T> type, Exchange exchange, Object value) {
                return type.cast(conversion.apply(value));
            }
        };
    }
}
