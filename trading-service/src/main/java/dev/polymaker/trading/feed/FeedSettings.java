package dev.polymaker.trading.feed;

import dev.polymaker.marketdata.api.stream.TickStreamConfig;
import dev.polymaker.polymarket.upstream.UpstreamConfig;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What {@link MarketDataFeed} needs to know: the market-data-service replicas (in configuration
 * order), the direct pool, the selection timings, the direct connect jitter and the oldest tick a
 * strategy may still see ({@code maxTickAge}, measured from when the tick's data left the exchange
 * socket; zero turns the check off).
 */
public record FeedSettings(List<SharedReplica> replicas, UpstreamConfig direct, Duration staleAfter,
                           Duration returnAfter, Duration checkInterval, Duration connectJitter, Duration maxTickAge) {

    public static final Duration DEFAULT_MAX_TICK_AGE = Duration.ofSeconds(2);

    /** One replica. */
    public FeedSettings(TickStreamConfig shared, UpstreamConfig direct, Duration staleAfter, Duration returnAfter,
                        Duration checkInterval, Duration connectJitter) {
        this(List.of(SharedReplica.of(shared)), direct, staleAfter, returnAfter, checkInterval, connectJitter,
                DEFAULT_MAX_TICK_AGE);
    }

    public FeedSettings {
        Objects.requireNonNull(replicas, "replicas");
        Objects.requireNonNull(direct, "direct");
        Objects.requireNonNull(staleAfter, "staleAfter");
        Objects.requireNonNull(returnAfter, "returnAfter");
        Objects.requireNonNull(checkInterval, "checkInterval");
        Objects.requireNonNull(connectJitter, "connectJitter");
        Objects.requireNonNull(maxTickAge, "maxTickAge");
        replicas = List.copyOf(replicas);
        if (replicas.isEmpty()) {
            throw new IllegalArgumentException("at least one market-data-service replica is needed");
        }
        Set<String> names = new HashSet<>();
        for (SharedReplica r : replicas) {
            if (!names.add(r.name())) {
                throw new IllegalArgumentException("two replicas named " + r.name() + " (same host and port)");
            }
        }
    }
}
