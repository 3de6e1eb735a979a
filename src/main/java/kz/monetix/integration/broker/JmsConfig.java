package kz.monetix.integration.broker;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The {@code erp.jms.*} settings: the broker ERPs talk to (embedded by default) and the intake queues. */
@ConfigMapping(prefix = "erp.jms")
public interface JmsConfig {

    /** Start the embedded Artemis broker (journal under {@code data.dir}); false: use the broker at {@code erp.jms.url}. */
    @WithDefault("true")
    boolean embedded();

    /** TCP acceptor of the embedded broker, for CORE, AMQP, STOMP and OpenWire clients. */
    @WithDefault("tcp://127.0.0.1:61616")
    String acceptor();

    /** Where the runtime connects: {@code vm://0} is the embedded broker; an external one is {@code tcp://host:port}. */
    @WithDefault("vm://0")
    String url();

    /** With a user, the embedded acceptor requires this login (and the runtime uses it). */
    Optional<String> user();

    Optional<String> password();

    Queues queues();

    /** Concurrent consumers per intake queue. */
    @WithDefault("2")
    int consumers();

    Redelivery redelivery();

    interface Queues {
        @WithDefault("erp.payment.orders")
        String orders();

        @WithDefault("erp.payment.otp")
        String otp();

        @WithDefault("erp.payment.refunds")
        String refunds();

        @WithDefault("erp.payment.events")
        String events();

        /** The intake queues, each with its {@code <queue>.DLQ}. */
        default List<String> intake() {
            return List.of(orders(), otp(), refunds());
        }
    }

    /** A message whose processing failed (the store was down) is delivered again, then goes to its DLQ. */
    interface Redelivery {
        @WithDefault("10")
        int maxAttempts();

        @WithDefault("PT1S")
        Duration delay();

        @WithDefault("PT1M")
        Duration maxDelay();
    }
}
