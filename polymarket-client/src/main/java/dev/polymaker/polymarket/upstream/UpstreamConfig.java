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
    /** The longest PING interval the exchange tolerates: it drops a socket ~10 s after its last PING (§1.4). */
    public static final Duration MAX_PING_INTERVAL = Duration.ofSeconds(10);
    /** The most tokens a socket may carry: above 500 a Polymarket socket silently stops updating (§1.7). */
    public static final int MAX_TOKENS_PER_SOCKET = 500;

    public UpstreamConfig {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(restUrl, "restUrl");
        if (maxTokensPerSocket < 1) {
            throw new IllegalArgumentException("maxTokensPerSocket must be at least 1, was " + maxTokensPerSocket);
        }
    }

    /** Defaults of the settings the services expose (their properties document the same values). */
    public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(10);
    public static final Duration DEFAULT_SILENCE_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_FIRST_BOOK_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_TOKENS_PER_SOCKET = 200;
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(1);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(60);
    /** The pool's own parameters, which no service exposes: their one home. */
    public static final Duration CONNECT_STAGGER = Duration.ofMillis(100);
    public static final Duration BACKOFF_RESET_AFTER = Duration.ofSeconds(30);
    public static final int DESYNC_FRAMES = 3;
    public static final int FIRST_BOOK_RETRIES = 3;

    public static UpstreamConfig defaults(URI url, URI restUrl) {
        return of(url, restUrl, DEFAULT_PING_INTERVAL, DEFAULT_SILENCE_TIMEOUT, DEFAULT_FIRST_BOOK_TIMEOUT,
                DEFAULT_MAX_TOKENS_PER_SOCKET, DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF);
    }

    /** The settings a service exposes; the pool's own parameters at their defaults. */
    public static UpstreamConfig of(URI url, URI restUrl, Duration pingInterval, Duration silenceTimeout,
                                    Duration firstBookTimeout, int maxTokensPerSocket, Duration initialBackoff,
                                    Duration maxBackoff) {
        return new UpstreamConfig(url, restUrl, pingInterval, silenceTimeout, firstBookTimeout, maxTokensPerSocket,
                initialBackoff, maxBackoff, CONNECT_STAGGER, BACKOFF_RESET_AFTER, DESYNC_FRAMES, FIRST_BOOK_RETRIES);
    }
}
