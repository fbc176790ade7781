package dev.polymaker.trading.feed;

import dev.polymaker.marketdata.api.stream.TickStreamConfig;
import dev.polymaker.polymarket.upstream.UpstreamConfig;

import java.time.Duration;
import java.util.Objects;

/** What {@link MarketDataFeed} needs to know: both sources, the selection timings and the direct connect jitter. */
public record FeedSettings(TickStreamConfig shared, UpstreamConfig direct, Duration staleAfter, Duration returnAfter,
                           Duration checkInterval, Duration connectJitter) {

    public FeedSettings {
        Objects.requireNonNull(shared, "shared");
        Objects.requireNonNull(direct, "direct");
        Objects.requireNonNull(staleAfter, "staleAfter");
        Objects.requireNonNull(returnAfter, "returnAfter");
        Objects.requireNonNull(checkInterval, "checkInterval");
        Objects.requireNonNull(connectJitter, "connectJitter");
    }
}
