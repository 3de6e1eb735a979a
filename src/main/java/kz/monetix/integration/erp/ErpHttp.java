package kz.monetix.integration.erp;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.camel.CamelContext;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;

/**
 * The ERP delivery's own HTTP client and workers, apart from the Gate's: its timeouts ({@code erp.events.connect-timeout},
 * {@code erp.events.read-timeout}) and {@code erp.events.workers} orders delivered at once, so one slow ERP endpoint
 * neither holds the Gate's connections nor delays other orders more than its share.
 */
public class ErpHttp {

    static final String CLIENT = "erpHttpClient";

    @Produces
    @Singleton
    @Named(CLIENT)
    CloseableHttpClient client(@ConfigProperty(name = "erp.events.connect-timeout", defaultValue = "PT5S") Duration connect,
                               @ConfigProperty(name = "erp.events.read-timeout", defaultValue = "PT10S") Duration read,
                               @ConfigProperty(name = "erp.events.workers", defaultValue = "8") int workers) {
        ConnectionConfig connection = ConnectionConfig.custom()
                .setConnectTimeout(Timeout.ofMilliseconds(connect.toMillis()))
                .setSocketTimeout(Timeout.ofMilliseconds(read.toMillis()))
                .build();
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(connection).setMaxConnTotal(2 * workers).setMaxConnPerRoute(2 * workers).build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.ofMilliseconds(connect.toMillis()))
                        .setResponseTimeout(Timeout.ofMilliseconds(read.toMillis())).build())
                // an attempt that fails is recorded and retried by the outbox, with backoff; never here
                .disableAutomaticRetries()
                .build();
    }

    void close(@Disposes @Named(CLIENT) CloseableHttpClient client) throws IOException {
        client.close();
    }

    /** The {@code erpDeliveryWorkers} pool the dispatcher splits due events over (Camel owns and stops it). */
    @Produces
    @Singleton
    @Named("erpDeliveryWorkers")
    ExecutorService workers(CamelContext camel, @ConfigProperty(name = "erp.events.workers", defaultValue = "8") int workers) {
        return camel.getExecutorServiceManager().newFixedThreadPool(this, "erp-delivery", workers);
    }
}
