package kz.monetix.integration.sandbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The {@code monetix.sandbox.*} settings of the Gate simulator and the ERP sink. */
@ConfigMapping(prefix = "monetix.sandbox")
public interface SandboxConfig {

    /** Serve the simulator (only the dev and test profiles may). */
    @WithDefault("false")
    boolean enabled();

    /** Where callbacks go when a request carries no {@code general.merchant_callback_url}. */
    Optional<String> callbackUrl();

    /** Pause before each callback, like the platform's asynchronous processing. */
    @WithDefault("PT0.2S")
    Duration callbackDelay();

    /**
     * How long each simulated OTP is valid, per operator like the platform ({@code monetix.sandbox.otp-lifetime.<OPERATOR>},
     * independent of the runtime's own setting); resends are refused before it passes.
     */
    @WithDefault("PT85S")
    Duration otpLifetime();

    @WithName("otp-lifetime")
    Map<String, Duration> otpLifetimeByOperator();

    default Duration otpLifetimeOf(String operator) {
        return otpLifetimeByOperator().getOrDefault(operator, otpLifetime());
    }

    /** How long the platform waits for a code before declining the payment. */
    @WithDefault("PT30M")
    Duration clarificationWindow();

    /** How long every Gate request takes to answer, like the real platform's response time. */
    @WithDefault("PT0S")
    Duration answerDelay();

    /** How long the "Gate timeout" magic amount keeps the caller waiting. */
    @WithDefault("PT40S")
    Duration timeoutDelay();

    /** Callbacks of different payments delivered at once (one payment's callbacks always leave in order). */
    @WithDefault("1")
    int deliveryLanes();

    /** Attempts per callback when our runtime answers non-2xx, and the pause between them. */
    @WithDefault("6")
    int callbackAttempts();

    @WithDefault("PT2S")
    Duration callbackRetryInterval();

    /** Faults the simulated platform injects at random, for the chaos suite (all off by default). */
    Faults faults();

    interface Faults {
        /** Share of Gate requests answered 500 without acting. */
        @WithDefault("0")
        double gateErrors();

        /** Share of Gate requests acted on whose answer comes only after {@code timeout-delay} (the caller times out). */
        @WithDefault("0")
        double gateTimeouts();

        /** Share of callbacks delivered a second time, the copy late enough to overtake later callbacks. */
        @WithDefault("0")
        double callbackDuplicates();

        /** Share of callbacks preceded by a copy with a bad signature. */
        @WithDefault("0")
        double callbackForgedFirst();

        /** Longest extra pause of a late duplicate. */
        @WithDefault("PT2S")
        Duration lateBy();
    }
}
