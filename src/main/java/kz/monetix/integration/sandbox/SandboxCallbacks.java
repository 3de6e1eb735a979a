package kz.monetix.integration.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import kz.monetix.integration.json.Json;
import org.jboss.logging.Logger;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The simulated platform's asynchronous side: one ordered "platform" thread that runs payment steps in the order they
 * were scheduled, delivery lanes that post callbacks (a payment's callbacks always take the same lane, so they leave in
 * the order they were made; {@code monetix.sandbox.delivery-lanes} lanes deliver for different payments at once), and
 * retries of callbacks our runtime did not acknowledge with 2xx, like the real platform (gate-protocol.md §5.4, shortened).
 */
@ApplicationScoped
public class SandboxCallbacks {

    private static final Logger LOG = Logger.getLogger(SandboxCallbacks.class);

    private final ScheduledExecutorService platform = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "sandbox-platform"));
    private final ScheduledExecutorService retries = Executors.newScheduledThreadPool(2, r -> daemon(r, "sandbox-callback-retry"));
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService[] lanes;
    private final SandboxConfig config;

    public SandboxCallbacks(SandboxConfig config) {
        this.config = config;
        this.lanes = new ExecutorService[Math.max(1, config.deliveryLanes())];
        for (int i = 0; i < lanes.length; i++) {
            lanes[i] = Executors.newSingleThreadExecutor(r -> daemon(r, "sandbox-delivery"));
        }
    }

    /** Runs a platform step after the configured callback delay. */
    void later(Runnable step) {
        after(config.callbackDelay(), step);
    }

    void after(Duration delay, Runnable step) {
        platform.schedule(() -> {
            try {
                step.run();
            } catch (RuntimeException e) {
                LOG.errorf("sandbox: platform step failed: %s", e.toString());
            }
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Posts a signed callback on its payment's lane, after the callbacks made before it; on a non-2xx reply or no reply,
     * tries again up to {@code attempts} times in all.
     */
    void deliver(String url, ObjectNode callback, int attempts) {
        byte[] body = Json.bytes(callback);
        String paymentId = callback.at("/payment/id").asText();
        lanes[Math.floorMod(paymentId.hashCode(), lanes.length)].execute(() -> attempt(url, body, paymentId, 1, attempts));
    }

    private void attempt(String url, byte[] body, String paymentId, int attempt, int attempts) {
        int status;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            status = -1;
        }
        if (status >= 200 && status < 300) {
            return;
        }
        LOG.infof("sandbox: callback for %s answered %d (attempt %d of %d)", paymentId, status, attempt, attempts);
        if (attempt < attempts) {
            retries.schedule(() -> attempt(url, body, paymentId, attempt + 1, attempts),
                    config.callbackRetryInterval().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        platform.shutdownNow();
        retries.shutdownNow();
        for (ExecutorService lane : lanes) {
            lane.shutdownNow();
        }
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
