package kz.monetix.integration.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import kz.monetix.integration.gate.MonetixConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Request rates, per instance: each ERP API key gets {@code erp.rate-limit.requests-per-second} (bursts up to
 * {@code erp.rate-limit.burst}); a remote address whose callbacks were refused (bad signature, malformed, oversized)
 * more than {@code monetix.callbacks.failures-per-minute} times is answered 429 before any parsing or signature work.
 * Verified callbacks never count. 0 turns a limit off. Only counters live here, never payment state.
 */
@ApplicationScoped
@Named("rateLimits")
public class RateLimits {

    /** Bound on the addresses and keys tracked at once; beyond it the oldest counts are dropped (a fresh start). */
    private static final int MAX_TRACKED = 10_000;

    /** A token bucket: {@code capacity} tokens, refilled at {@code perSecond}. */
    private static final class Bucket {
        private double tokens;
        private long at;

        Bucket(double capacity, long now) {
            this.tokens = capacity;
            this.at = now;
        }

        synchronized boolean take(double capacity, double perSecond, long now) {
            refill(capacity, perSecond, now);
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }

        synchronized boolean empty(double capacity, double perSecond, long now) {
            refill(capacity, perSecond, now);
            return tokens < 1;
        }

        private void refill(double capacity, double perSecond, long now) {
            tokens = Math.min(capacity, tokens + (now - at) * perSecond / 1000.0);
            at = now;
        }
    }

    private final double keyRate;
    private final double keyBurst;
    private final double failuresPerMinute;
    private final Map<String, Bucket> keys = new ConcurrentHashMap<>();
    private final Map<String, Bucket> callbackFailures = new ConcurrentHashMap<>();

    public RateLimits(@ConfigProperty(name = "erp.rate-limit.requests-per-second", defaultValue = "1000") double keyRate,
                      @ConfigProperty(name = "erp.rate-limit.burst", defaultValue = "2000") double keyBurst,
                      MonetixConfig monetix) {
        this.keyRate = keyRate;
        this.keyBurst = Math.max(1, keyBurst);
        this.failuresPerMinute = monetix.callbacks().failuresPerMinute();
    }

    /** An ERP API request with this (already accepted) key: 429 when the key is over its rate. */
    public void erpRequest(String apiKey) {
        if (keyRate <= 0 || apiKey == null) {
            return;
        }
        long now = System.currentTimeMillis();
        if (!bucket(keys, apiKey, keyBurst, now).take(keyBurst, keyRate, now)) {
            throw new ApiProblem(429, "Too Many Requests", "this API key is over erp.rate-limit.requests-per-second; retry shortly");
        }
    }

    /** A callback from {@code remote} (host:port): 429 while its refused callbacks are over the limit. */
    public void callbackAllowed(Object remote) {
        String host = host(remote);
        if (failuresPerMinute <= 0 || host == null) {
            return;
        }
        Bucket failures = callbackFailures.get(host);
        if (failures != null && failures.empty(failuresPerMinute, failuresPerMinute / 60.0, System.currentTimeMillis())) {
            throw new ApiProblem(429, "Too Many Requests", "too many refused callbacks from this address; retry later");
        }
    }

    /** Counts a refused callback (400, 403, 413) against its address; other outcomes count nothing. */
    public void callbackRefused(Object remote, Exception refusal) {
        String host = host(remote);
        if (failuresPerMinute <= 0 || host == null || !(refusal instanceof ApiProblem problem)) {
            return;
        }
        int status = problem.getStatus();
        if (status == 400 || status == 403 || status == 413) {
            long now = System.currentTimeMillis();
            bucket(callbackFailures, host, failuresPerMinute, now).take(failuresPerMinute, failuresPerMinute / 60.0, now);
        }
    }

    private static Bucket bucket(Map<String, Bucket> buckets, String id, double capacity, long now) {
        if (buckets.size() > MAX_TRACKED) {
            buckets.clear();
        }
        return buckets.computeIfAbsent(id, k -> new Bucket(capacity, now));
    }

    /** The host of a remote address as the HTTP layer gives it ({@code host:port}, IPv6 in brackets or not). */
    static String host(Object remote) {
        if (remote == null) {
            return null;
        }
        String text = remote.toString();
        int colon = text.lastIndexOf(':');
        return colon > 0 && text.indexOf(':') == colon ? text.substring(0, colon) : text;
    }
}
