package kz.monetix.integration.gate;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** The {@code monetix.*} settings (see the configuration table of the README). */
@ConfigMapping(prefix = "monetix")
public interface MonetixConfig {

    long projectId();

    String secretKey();

    Gate gate();

    PaymentPage paymentPage();

    /** Prepended to the ERP order id to form the Monetix {@code payment_id}. */
    Optional<String> paymentIdPrefix();

    /** Sent as {@code general.merchant_callback_url} when set. */
    Optional<String> callbackUrl();

    Otp otp();

    interface Gate {
        String baseUrl();

        @WithDefault("PT5S")
        Duration connectTimeout();

        @WithDefault("PT30S")
        Duration readTimeout();
    }

    interface PaymentPage {
        String baseUrl();
    }

    interface Otp {
        @WithDefault("PT85S")
        Duration expiry();

        @WithDefault("3")
        int maxResends();

        @WithDefault("true")
        boolean autoResend();

        /** Codes the ERP may submit for one OTP before further codes get 429 (brute-force guard). */
        @WithDefault("3")
        int maxCodesPerOtp();
    }
}
