package dev.polymaker.trading.feed;

import dev.polymaker.marketdata.api.stream.TickStreamConfig;
import dev.polymaker.polymarket.upstream.UpstreamConfig;

import java.time.Duration;
import java.util.Objects;

/**
 * What {@link MarketDataFeed} needs to know: both sources, the selection timings, the direct
 * connect jitter and the oldest tick a strategy may still see ({@code maxTickAge}, measured from
 * when the tick's data left the exchange socket; zero turns the check off).
 */
public record FeedSettings(TickStreamConfig shared, UpstreamConfig direct, Duration staleAfter, Duration returnAfter,
                           Duration checkInterval, Duration connectJitter, Duration maxTickAge) {

    public static final Duration DEFAULT_MAX_TICK_AGE = Duration.ofSeconds(2);

    public FeedSettings(TickStreamConfig shared, UpstreamConfig direct, Duration staleAfter, Duration returnAfter,
                        Duration checkInterval, Duration connectJitter) {
        this(shared, direct, staleAfter, returnAfter, checkInterval, connectJitter, DEFAULT_MAX_TICK_AGE);
    }

    public FeedSettings {
        Objects.requireNonNull(shared, "shared");
        Objects.requireNonNull(direct, "direct");
        Objects.requireNonNull(staleAfter, "staleAfter");
        Objects.requireNonNull(returnAfter, "returnAfter");
        Objects.requireNonNull(checkInterval, "checkInterval");
        Objects.requireNonNull(connectJitter, "connectJitter");
        Objects.requireNonNull(maxTickAge, "maxTickAge");
    }
}
