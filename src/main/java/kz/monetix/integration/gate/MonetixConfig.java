package kz.monetix.integration.gate;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The {@code monetix.*} settings (see the configuration table of the README). */
@ConfigMapping(prefix = "monetix")
public interface MonetixConfig {

    /**
     * Required outside the dev and test profiles. Defaults stand for "missing" so that {@code StartupChecks} can name every
     * missing key (ERP keys included) in one refusal, instead of the configuration layer naming some of them.
     */
    @WithDefault("0")
    long projectId();

    /** Required (see {@link #projectId()}); nothing is signed without it. */
    Optional<String> secretKey();

    Gate gate();

    PaymentPage paymentPage();

    /** Prepended to the ERP order id to form the Monetix {@code payment_id}. */
    Optional<String> paymentIdPrefix();

    /** Sent as {@code general.merchant_callback_url} when set. */
    Optional<String> callbackUrl();

    Otp otp();

    Reconcile reconcile();

    Timers timers();

    Operators operators();

    /** The operator list of {@code GET /api/v1/operators}. */
    interface Operators {
        /** How long the list from Monetix is reused. */
        @WithDefault("PT10M")
        Duration cacheTtl();

        /** How long the documented list stands in when Monetix cannot say (the Gate is asked again after it). */
        @WithDefault("PT30S")
        Duration fallbackTtl();
    }

    Callbacks callbacks();

    Push push();

    /** Push after commit (routes/push.yaml): work handed to workers at once; the polls remain as the safety net. */
    interface Push {
        @WithDefault("8")
        int workers();

        /** Hand-offs waiting in memory at most; beyond, the work waits in the database for the poll. */
        @WithDefault("1000")
        int queueSize();
    }

    /** The public callback endpoint. */
    interface Callbacks {
        /** Refused callbacks (malformed, bad signature) per remote address and minute before it gets 429s; 0 = off. */
        @WithDefault("60")
        double failuresPerMinute();
    }

    /** The poller of payment timers. */
    interface Timers {
        /** Milliseconds between two polls. */
        @WithDefault("500")
        long pollInterval();

        /** Due payments handled per poll. */
        @WithDefault("100")
        int batchSize();

        /**
         * How long a poll keeps the timers it took from the other instances' polls: longer than an action takes (a Gate
         * call is bounded by the read timeout); after a crash, that instance's timers wait this long at most.
         */
        @WithDefault("PT1M")
        Duration lease();

        /** Payments handled at once within a poll (each waits on the Gate at most the read timeout). */
        @WithDefault("8")
        int workers();

        /** A timer action that failed runs again after as long as it has been failing, at least this... */
        @WithDefault("PT1S")
        Duration failureBackoff();

        /** ...and at most this. */
        @WithDefault("PT10M")
        Duration failureBackoffMax();
    }

    /** Status requests that settle payments whose outcome we do not know (gate-protocol.md §3, §6). */
    interface Reconcile {
        /** After an accepted sale: ask if no callback came by then. */
        @WithDefault("PT2M")
        Duration firstAfter();

        /** After a timeout or 5xx (the platform answers status requests about 10 s after a request). */
        @WithDefault("PT15S")
        Duration afterUnknown();

        /** Longest pause between two status requests of one payment. */
        @WithDefault("PT10M")
        Duration maxInterval();

        /**
         * A sale the Gate still says it does not know (3061) this long after we sent it, over at least
         * {@code not-found-answers} status requests, was never registered: failed (an inferred failure, which a later
         * success overturns).
         */
        @WithDefault("PT15M")
        Duration notFoundAfter();

        @WithDefault("3")
        int notFoundAnswers();

        /** Status requests stop this long after the order (the payment then needs an operator's look). */
        @WithDefault("P1D")
        Duration giveUpAfter();

        /** Wait for the result of a submitted code this long past the OTP deadline. */
        @WithDefault("PT30S")
        Duration codeResultGrace();

        /** The pause before status request number {@code attempt}: doubling from {@code after-unknown} up to the maximum. */
        default long backoffMillis(int attempt) {
            return Math.min(maxInterval().toMillis(), afterUnknown().toMillis() << Math.min(20, Math.max(0, attempt - 1)));
        }

        /**
         * Enough "not found" answers ({@code attempts} status requests) over enough time since we sent it ({@code
         * sinceSentMillis}) to take a request as never registered.
         */
        default boolean neverRegistered(int attempts, long sinceSentMillis) {
            return attempts >= notFoundAnswers() && sinceSentMillis >= notFoundAfter().toMillis();
        }
    }

    interface Gate {
        String baseUrl();

        @WithDefault("PT5S")
        Duration connectTimeout();

        @WithDefault("PT30S")
        Duration readTimeout();

        /** ERP API requests that may wait on the Gate at once (the {@code gate-bulkhead} route). */
        @WithDefault("64")
        int apiConcurrency();

        /** How many more may wait for a place in the bulkhead; any other is answered 503 at once. */
        @WithDefault("64")
        int apiQueue();

        /** How long one of those waits for a place before it is answered 503. */
        @WithDefault("PT1S")
        Duration apiWait();
    }

    interface PaymentPage {
        String baseUrl();

        /** A Payment Page order is first asked about by status request this long after its link was made. */
        @WithDefault("PT30M")
        Duration reconcileAfter();
    }

    interface Otp {
        /**
         * OTP validity: {@code monetix.otp.expiry} for every operator, {@code monetix.otp.expiry.<OPERATOR>} where an
         * operator's differs (80 or 90 s "depending on the mobile operator or the contract", seed).
         */
        Duration expiry();

        @WithName("expiry")
        Map<String, Duration> expiryByOperator();

        /** The earliest an OTP sent to a customer of {@code operator} (null: not known) may expire: what the ERP is told. */
        default Duration earliestExpiry(String operator) {
            return operator != null ? expiryOf(operator)
                    : expiryByOperator().values().stream().reduce(expiry(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
        }

        /** The latest it may still be valid: no resend goes out before. */
        default Duration latestExpiry(String operator) {
            return operator != null ? expiryOf(operator)
                    : expiryByOperator().values().stream().reduce(expiry(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
        }

        private Duration expiryOf(String operator) {
            return expiryByOperator().getOrDefault(operator, expiry());
        }

        @WithDefault("3")
        int maxResends();

        @WithDefault("true")
        boolean autoResend();

        /** Codes the ERP may submit for one OTP before further codes get 429 (brute-force guard). */
        @WithDefault("3")
        int maxCodesPerOtp();

        /**
         * After Monetix refused one of our own resends (typically: the operator's code has not expired yet, 80 or 90 s
         * by operator), the next try comes this long later, doubling; a refused resend does not count.
         */
        @WithDefault("PT15S")
        Duration resendRetry();

        /** Refused resends in a row before the OTP is given up as expired. */
        @WithDefault("5")
        int resendRetries();
    }
}
