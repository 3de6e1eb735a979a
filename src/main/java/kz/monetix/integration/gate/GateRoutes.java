package kz.monetix.integration.gate;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/** The one door to the Gate: a signed JSON POST to the configured base URL plus the endpoint path. */
public class GateRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("direct:gate-post").routeId("gate-post")
                .routeConfigurationId("outbound-http")
                .removeHeaders("*")
                .setHeader(Exchange.HTTP_METHOD, constant("POST"))
                .setHeader(Exchange.CONTENT_TYPE, constant("application/json; charset=UTF-8"))
                .setHeader("Accept", constant("application/json"))
                .toD("{{monetix.gate.base-url}}${exchangeProperty." + GateClient.PATH_PROPERTY + "}"
                        + "?throwExceptionOnFailure=false")
                .convertBodyTo(byte[].class);
    }
}
