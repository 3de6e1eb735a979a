package kz.monetix.integration.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import kz.monetix.integration.json.Json;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulated platform's random misbehaviour ({@code monetix.sandbox.faults.*}), counted, so that the chaos
 * suite can say how many faults a run met.
 */
@ApplicationScoped
public class SandboxFaults {

    /** The kinds of fault, named as the ledger counts them. */
    enum Kind {
        GATE_ERROR("gateErrors"), GATE_TIMEOUT("gateTimeouts"), CALLBACK_DUPLICATE("callbackDuplicates"),
        CALLBACK_FORGED_FIRST("callbackForgedFirst");

        final String counted;

        Kind(String counted) {
            this.counted = counted;
        }
    }

    private final SandboxConfig.Faults config;
    private final Map<Kind, AtomicLong> injected = new ConcurrentHashMap<>();

    public SandboxFaults(SandboxConfig config) {
        this.config = config.faults();
    }

    /** True when this fault strikes now (and counts it). */
    boolean strikes(Kind kind) {
        double share = switch (kind) {
            case GATE_ERROR -> config.gateErrors();
            case GATE_TIMEOUT -> config.gateTimeouts();
            case CALLBACK_DUPLICATE -> config.callbackDuplicates();
            case CALLBACK_FORGED_FIRST -> config.callbackForgedFirst();
        };
        if (share <= 0 || ThreadLocalRandom.current().nextDouble() >= share) {
            return false;
        }
        injected.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
        return true;
    }

    /** How late a duplicate comes: up to {@code late-by}. */
    Duration lateness() {
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(config.lateBy().toMillis() + 1));
    }

    ObjectNode counts() {
        ObjectNode counts = Json.MAPPER.createObjectNode();
        for (Kind kind : Kind.values()) {
            counts.put(kind.counted, injected.getOrDefault(kind, new AtomicLong()).get());
        }
        return counts;
    }
}
