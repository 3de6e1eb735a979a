package kz.monetix.integration.sandbox;

import kz.monetix.integration.gate.GatePaths;
import kz.monetix.integration.json.Json;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * HTTP face of the Gate simulator ({@code /sandbox/gate/v2/...}, same paths as the real Gate) and of the
 * sandbox ERP sink. Harness routes, kept apart from the product's routes and absent when the sandbox is off.
 */
@ApplicationScoped
public class SandboxRoutes extends RouteBuilder {

    private final SandboxConfig config;
    private final GateSimulator gate;
    private final ErpSink erp;

    public SandboxRoutes(SandboxConfig config, GateSimulator gate, ErpSink erp) {
        this.config = config;
        this.gate = gate;
        this.erp = erp;
    }

    /** A simulator endpoint: raw request bytes in, the simulated Gate's reply out. */
    private interface GateEndpoint {
        GateSimulator.Reply handle(byte[] body) throws Exception;
    }

    @Override
    public void configure() {
        if (!config.enabled()) {
            return;
        }
        gateEndpoint("sale", GatePaths.SALE, gate::sale);
        gateEndpoint("clarification", GatePaths.CLARIFICATION, gate::clarification);
        gateEndpoint("resend", GatePaths.RESEND, gate::resend);
        gateEndpoint("refund", GatePaths.REFUND, gate::refund);
        gateEndpoint("operators", GatePaths.OPERATORS, gate::operators);
        gateEndpoint("status", GatePaths.STATUS, gate::status);

        from("platform-http:/sandbox/payments/{paymentId}/otp?httpMethodRestrict=GET").routeId("sandbox-otp-peek")
                .process(exchange -> {
                    String otp = gate.currentOtp(exchange.getMessage().getHeader("paymentId", String.class));
                    exchange.getMessage().removeHeaders("*");
                    exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
                    if (otp == null) {
                        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 404);
                        exchange.getMessage().setBody("{\"detail\":\"no code was delivered for this payment\"}");
                    } else {
                        exchange.getMessage().setBody(Json.text(Json.MAPPER.createObjectNode().put("otp", otp)));
                    }
                });

        // A refund made by somebody in the Monetix Dashboard (not through the runtime): announced by callback only.
        from("platform-http:/sandbox/payments/{paymentId}/dashboard-refund?httpMethodRestrict=POST").routeId("sandbox-dashboard-refund")
                .process(exchange -> {
                    GateSimulator.Reply reply;
                    try {
                        reply = gate.dashboardRefund(exchange.getMessage().getHeader("paymentId", String.class),
                                exchange.getMessage().getHeader("amount", 0L, Long.class));
                    } catch (GateSimulator.Refusal refusal) {
                        reply = refusal.reply();
                    }
                    write(exchange, reply);
                });

        // The Payment Page stand-in: checks the signed link like the platform and shows what it would charge.
        from("platform-http:/sandbox/payment-page?httpMethodRestrict=GET").routeId("sandbox-payment-page")
                .process(exchange -> {
                    GateSimulator.Reply reply = gate.paymentPage(exchange.getMessage().getHeader(Exchange.HTTP_QUERY, "", String.class));
                    write(exchange, reply);
                });

        // The simulated platform's own books, for the chaos suite's checks.
        from("platform-http:/sandbox/gate/ledger?httpMethodRestrict=GET").routeId("sandbox-gate-ledger")
                .process(exchange -> write(exchange, new GateSimulator.Reply(200, gate.ledger())));

        from("platform-http:/sandbox/erp/events?httpMethodRestrict=POST").routeId("sandbox-erp-receive")
                .process(exchange -> {
                    int status = erp.receive(exchange.getMessage().getBody(byte[].class),
                            exchange.getMessage().getHeader("X-Event-Id", String.class),
                            exchange.getMessage().getHeader("X-Signature", String.class));
                    exchange.getMessage().removeHeaders("*");
                    exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
                    exchange.getMessage().setBody(null);
                });

        from("platform-http:/sandbox/erp/events?httpMethodRestrict=GET").routeId("sandbox-erp-list")
                .process(exchange -> {
                    String orderId = exchange.getMessage().getHeader("orderId", String.class);
                    exchange.getMessage().removeHeaders("*");
                    exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
                    exchange.getMessage().setBody(Json.text(erp.list(orderId)));
                });

        from("platform-http:/sandbox/erp/slow?httpMethodRestrict=POST").routeId("sandbox-erp-slow")
                .process(exchange -> {
                    erp.slow(exchange.getMessage().getHeader("orderId", "", String.class),
                            exchange.getMessage().getHeader("millis", 0L, Long.class));
                    exchange.getMessage().removeHeaders("*");
                    exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 204);
                    exchange.getMessage().setBody(null);
                });

        from("platform-http:/sandbox/erp/failures?httpMethodRestrict=POST").routeId("sandbox-erp-failures")
                .process(exchange -> {
                    erp.failNext(exchange.getMessage().getHeader("count", 0, Integer.class));
                    exchange.getMessage().removeHeaders("*");
                    exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 204);
                    exchange.getMessage().setBody(null);
                });
    }

    private void gateEndpoint(String name, String path, GateEndpoint endpoint) {
        from("platform-http:/sandbox/gate" + path + "?httpMethodRestrict=POST").routeId("sandbox-gate-" + name)
                .process(exchange -> {
                    if (gate.failsBeforeActing()) {
                        write(exchange, gate.internalError());
                        return;
                    }
                    GateSimulator.Reply reply;
                    try {
                        reply = endpoint.handle(exchange.getMessage().getBody(byte[].class));
                    } catch (GateSimulator.Refusal refusal) {
                        reply = refusal.reply();
                    }
                    gate.delayAnswerIfStruck();
                    Thread.sleep(config.answerDelay().toMillis());
                    write(exchange, reply);
                });
    }

    /** The simulated platform's answer; without a body, what a proxy in between would say. */
    private static void write(Exchange exchange, GateSimulator.Reply reply) {
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, reply.status());
        if (reply.body() == null) {
            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/plain");
            exchange.getMessage().setBody("Too Many Requests");
        } else {
            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
            exchange.getMessage().setBody(Json.bytes(reply.body()));
        }
    }
}
