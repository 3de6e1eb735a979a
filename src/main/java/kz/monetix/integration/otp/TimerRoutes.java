package kz.monetix.integration.otp;

import org.apache.camel.builder.RouteBuilder;

/** The poller that fires payment timers (OTP deadlines, sale sending, reconciliation). */
public class TimerRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("timer:payment-deadlines?period={{monetix.timers.poll-interval}}&delay={{monetix.timers.poll-interval}}")
                .routeId("payment-deadlines")
                .bean("deadlinePoller", "runDue");
    }
}
