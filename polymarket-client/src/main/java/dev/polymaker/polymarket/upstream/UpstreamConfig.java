package dev.polymaker.polymarket.upstream;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of an upstream market-channel pool. Defaults follow Polymarket's documented and
 * observed limits (polymarket-protocol.md §1.4, §1.7). Every (re)subscription asks for
 * {@code initial_dump} and {@code custom_feature_enabled} (§9): they are not settings.
 */
public record UpstreamConfig(URI url, URI restUrl, Duration pingInterval, Duration silenceTimeout,
                             Duration firstBookTimeout, int maxTokensPerSocket, Duration initialBackoff,
                             Duration maxBackoff, Duration connectStagger, Duration backoffResetAfter,
                             int desyncFrames, int firstBookRetries) {

    public static final URI DEFAULT_URL = URI.create("wss://ws-subscriptions-clob.polymarket.com/ws/market");
    public static final URI DEFAULT_REST_URL = URI.create("https://clob.polymarket.com");
    /**
     * How often a FAILED token (no first book after all resubscribes) is subscribed afresh: long,
     * because an id the exchange does not know never answers, but not forever, because a real token
     * can fail during an exchange outage. Override per pool with
     * {@link UpstreamPool#UpstreamPool(UpstreamConfig, Duration, UpstreamListener, java.time.Clock)}.
     */
    public static final Duration DEFAULT_FAILED_TOKEN_RETRY = Duration.ofMinutes(5);

    public UpstreamConfig {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(restUrl, "restUrl");
        if (maxTokensPerSocket < 1) {
            throw new IllegalArgumentException("maxTokensPerSocket must be at least 1, was " + maxTokensPerSocket);
        }
    }

    public static UpstreamConfig defaults(URI url, URI restUrl) {
        return new UpstreamConfig(url, restUrl, Duration.ofSeconds(10), Duration.ofSeconds(30),
                Duration.ofSeconds(30), 200, Duration.ofSeconds(1), Duration.ofSeconds(60),
                Duration.ofMillis(100), Duration.ofSeconds(30), 3, 3);
    }
}
