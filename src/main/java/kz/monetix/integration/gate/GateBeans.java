package kz.monetix.integration.gate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import org.apache.camel.component.http.HttpComponent;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;

/** Wires the protocol core from {@link MonetixConfig}. */
@ApplicationScoped
public class GateBeans {

    @Produces
    @ApplicationScoped
    GateSigner signer(MonetixConfig config) {
        return new GateSigner(config.secretKey().filter(key -> !key.isBlank())
                .orElseThrow(() -> new IllegalStateException("monetix.secret-key is missing")));
    }

    @Produces
    @ApplicationScoped
    PaymentPageLinks paymentPageLinks(MonetixConfig config, GateSigner signer) {
        return new PaymentPageLinks(config.paymentPage().baseUrl(), config.projectId(), config.callbackUrl(), signer);
    }

    /** Outbound HTTP (Gate calls and ERP deliveries) with the configured timeouts instead of Camel's 3 minutes. */
    @Produces
    @Named("http")
    @ApplicationScoped
    HttpComponent http(MonetixConfig config) {
        return timed(config);
    }

    @Produces
    @Named("https")
    @ApplicationScoped
    HttpComponent https(MonetixConfig config) {
        return timed(config);
    }

    private static HttpComponent timed(MonetixConfig config) {
        HttpComponent component = new HttpComponent();
        long connect = config.gate().connectTimeout().toMillis();
        long read = config.gate().readTimeout().toMillis();
        component.setConnectTimeout(connect);
        component.setConnectionRequestTimeout(connect);
        component.setResponseTimeout(read);
        component.setSoTimeout(read);
        // Never send a request twice on our own: the HTTP client would repeat a POST answered 429 or 503, and a repeated
        // sale or refund is exactly what must not happen. An unanswered request is settled by a status request instead.
        component.setHttpClientConfigurer(HttpClientBuilder::disableAutomaticRetries);
        return component;
    }
}
