package dev.polymaker.marketdata.api.stream;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how a {@link TickStream} connects.
 *
 * @param url            the STOMP-over-WebSocket endpoint, e.g. {@code ws://localhost:8080/ws}
 * @param heartbeat      STOMP heart-beat interval in both directions; the connection is declared
 *                       lost after three intervals without any frame from the server.
 *                       {@link Duration#ZERO} disables heart-beats (not recommended)
 * @param initialBackoff first reconnect delay (jittered); doubles per failed attempt
 * @param maxBackoff     cap of the reconnect delay
 * @param authToken      optional shared secret, sent as the STOMP CONNECT header {@code auth-token};
 *                       never logged (see {@link #toString()})
 */
public record TickStreamConfig(URI url, Duration heartbeat, Duration initialBackoff, Duration maxBackoff,
                               String authToken) {

    /** STOMP CONNECT header that carries {@link #authToken()}. */
    public static final String AUTH_TOKEN_HEADER = "auth-token";

    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(1);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(15);

    public TickStreamConfig {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(heartbeat, "heartbeat");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        String scheme = url.getScheme();
        if (!"ws".equalsIgnoreCase(scheme) && !"wss".equalsIgnoreCase(scheme) || url.getHost() == null) {
            throw new IllegalArgumentException("url must be ws://host[:port]/path or wss://..., got " + url);
        }
        if (heartbeat.isNegative()) {
            throw new IllegalArgumentException("heartbeat must not be negative, got " + heartbeat);
        }
        if (initialBackoff.isNegative() || initialBackoff.isZero()) {
            throw new IllegalArgumentException("initialBackoff must be positive, got " + initialBackoff);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException(
                    "maxBackoff (" + maxBackoff + ") must not be below initialBackoff (" + initialBackoff + ")");
        }
        if (authToken != null && authToken.isBlank()) {
            authToken = null;
        }
    }

    /** Heart-beat 10 s, backoff 1 s doubling up to 15 s, no auth token. */
    public static TickStreamConfig defaults(URI url) {
        return new TickStreamConfig(url, DEFAULT_HEARTBEAT, DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF, null);
    }

    public TickStreamConfig withAuthToken(String token) {
        return new TickStreamConfig(url, heartbeat, initialBackoff, maxBackoff, token);
    }

    public TickStreamConfig withHeartbeat(Duration interval) {
        return new TickStreamConfig(url, interval, initialBackoff, maxBackoff, authToken);
    }

    public TickStreamConfig withBackoff(Duration initial, Duration max) {
        return new TickStreamConfig(url, heartbeat, initial, max, authToken);
    }

    /** Never prints the auth token itself. */
    @Override
    public String toString() {
        return "TickStreamConfig[url=" + url + ", heartbeat=" + heartbeat + ", initialBackoff=" + initialBackoff
                + ", maxBackoff=" + maxBackoff + ", authToken=" + (authToken == null ? "none" : "***") + "]";
    }
}
