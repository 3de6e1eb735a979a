package kz.monetix.integration.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.inject.Vetoed;
import jakarta.inject.Inject;
import kz.monetix.integration.gate.GateSigner;
import kz.monetix.integration.gate.MonetixConfig;
import kz.monetix.integration.json.Json;
import kz.monetix.integration.support.GateRequests;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The simulated platform's asynchronous steps run in an order the test chooses, to replay interleavings the chaos suite
 * found (ChaosIT): each one here was an invariant violation once.
 */
@QuarkusTest
class PlatformStepOrderTest {

    @Inject
    CamelContext camel;
    @Inject
    MonetixConfig monetix;
    @Inject
    SandboxConfig sandbox;
    @Inject
    GateSigner signer;
    @Inject
    SandboxFaults faults;

    /** Platform steps held until the test runs them; callbacks recorded instead of sent. Made here, not a bean. */
    @Vetoed
    static final class HeldSteps extends SandboxCallbacks {
        final List<Runnable> steps = new ArrayList<>();
        final List<ObjectNode> sent = new ArrayList<>();

        HeldSteps(SandboxConfig config) {
            super(config);
        }

        @Override
        void later(Runnable step) {
            steps.add(step);
        }

        @Override
        void after(Duration delay, Runnable step) {
            // the clarification window's decline: not part of these interleavings
        }

        @Override
        void deliver(String url, ObjectNode callback, int attempts) {
            sent.add(callback);
        }

        void runNext() {
            steps.remove(0).run();
        }
    }

    /**
     * Found by ChaosIT: a resend's new prompt reopened a payment whose code was being checked, a second code was accepted,
     * the right code settled it, and the check of a third code still waiting turned the success back into "awaiting
     * clarification" (then a decline), so the simulator's books disagreed with the success it had reported.
     */
    @Test
    void aCodeCheckedAfterThePaymentWasSettledChangesNothing() throws Exception {
        HeldSteps platform = new HeldSteps(sandbox);
        GateSimulator gate = new GateSimulator(monetix, sandbox, signer, platform, faults);
        GateRequests requests = new GateRequests(camel, monetix.projectId(), Optional.of("http://127.0.0.1:1/unused"));
        String id = "held-" + UUID.randomUUID();
        assertEquals(200, gate.sale(signed(requests.sale(id, new GateRequests.Customer("C-1", "203.0.113.7", "A", "B", "a@b.kz"),
                "77011234567", 150_000, "KZT", "held steps"))).status());
        platform.runNext(); // the first prompt
        Thread.sleep(sandbox.otpLifetimeOf("KCELL").toMillis() + 200);

        assertEquals(200, gate.resend(signed(requests.resend(id, "203.0.113.7"))).status());
        assertEquals(200, gate.clarification(signed(requests.clarification(id, "000000"))).status());
        platform.runNext(); // the resend's prompt: awaiting clarification again, with a new code
        String code = gate.currentOtp(id);
        assertEquals(200, gate.clarification(signed(requests.clarification(id, code))).status());
        platform.runNext(); // "000000" checked: wrong, asked again
        assertEquals(200, gate.clarification(signed(requests.clarification(id, "000001"))).status());
        platform.runNext(); // the right code: success
        platform.runNext(); // "000001", checked after the success

        assertEquals("success", statusOf(gate, id));
        assertEquals("success", platform.sent.get(platform.sent.size() - 1).at("/payment/status").asText(), "no callback after the result");
    }

    private byte[] signed(ObjectNode request) {
        return Json.bytes(signer.signRequest(request));
    }

    private static String statusOf(GateSimulator gate, String paymentId) {
        for (var payment : gate.ledger().path("payments")) {
            if (paymentId.equals(payment.path("paymentId").asText())) {
                return payment.path("status").asText();
            }
        }
        return null;
    }
}
