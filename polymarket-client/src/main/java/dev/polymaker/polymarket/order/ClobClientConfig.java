package dev.polymaker.polymarket.order;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link ClobClient} talks to the CLOB: base URL, timeouts, and the retry budget for 425
 * (engine restart), 429 (rate limit) and unsent requests, with exponential backoff.
 */
public record ClobClientConfig(URI baseUri, long chainId, Duration connectTimeout, Duration requestTimeout,
                               int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    public static final URI POLYMARKET = URI.create("https://clob.polymarket.com");

    public ClobClientConfig {
        Objects.requireNonNull(baseUri, "baseUri");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        String s = baseUri.toString();
        if (s.endsWith("/")) {
            baseUri = URI.create(s.substring(0, s.length() - 1));
        }
    }

    /** Production defaults: 5 s connect, 10 s per request, 6 attempts from 0.5 s backoff up to 30 s. */
    public static ClobClientConfig defaults(URI baseUri) {
        return new ClobClientConfig(baseUri, ExchangeDomain.POLYGON, Duration.ofSeconds(5), Duration.ofSeconds(10), 6,
                Duration.ofMillis(500), Duration.ofSeconds(30));
    }

    public ClobClientConfig withRequestTimeout(Duration timeout) {
        return new ClobClientConfig(baseUri, chainId, connectTimeout, timeout, maxAttempts, initialBackoff, maxBackoff);
    }

    public ClobClientConfig withRetries(int attempts, Duration initial, Duration max) {
        return new ClobClientConfig(baseUri, chainId, connectTimeout, requestTimeout, attempts, initial, max);
    }
}
