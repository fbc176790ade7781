package dev.polymaker.trading.feed;

import dev.polymaker.marketdata.api.FeedStatus;
import dev.polymaker.marketdata.api.Tick;
import dev.polymaker.marketdata.api.stream.FeedLiveness;
import dev.polymaker.marketdata.api.stream.TickStream;
import dev.polymaker.marketdata.api.stream.TickStreamConfig;
import dev.polymaker.marketdata.api.stream.TickRejection;
import dev.polymaker.marketdata.api.stream.TickStreamListener;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared feed: market-data-service over STOMP through a {@link TickStream}, its ticks, rejects,
 * feed-status and session changes handed to the {@link Events} of {@link MarketDataFeed}.
 */
final class SharedFeed implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SharedFeed.class);

    /** What the shared feed reports, on the TickStream's threads. */
    interface Events {
        void sharedTick(Tick tick);

        void sharedRejected(TickGate.Verdict verdict);

        void sharedStatus(FeedStatus status);

        void sharedSession(boolean connected, String reason);
    }

    private final TickStream stream;

    SharedFeed(TickStreamConfig config, Clock clock, Events events) {
        this.stream = new TickStream(config, new TickStreamListener() {
            @Override
            public void onTick(Tick tick) {
                events.sharedTick(tick);
            }

            @Override
            public void onRejected(Tick tick, TickRejection rejection) {
                events.sharedRejected(rejection == TickRejection.DUPLICATE ? TickGate.Verdict.DUPLICATE
                        : TickGate.Verdict.STALE);
            }

            @Override
            public void onFeedStatus(FeedStatus status) {
                events.sharedStatus(status);
            }

            @Override
            public void onConnectionChange(boolean connected, String reason) {
                if (connected) {
                    log.info("shared feed: connected to {}", config.url());
                } else {
                    log.warn("shared feed: disconnected from {}: {}", config.url(), reason);
                }
                events.sharedSession(connected, reason);
            }
        }, clock);
    }

    void subscribe(List<String> tokenIds) {
        stream.subscribe(tokenIds);
    }

    void unsubscribe(List<String> tokenIds) {
        stream.unsubscribe(tokenIds);
    }

    void start() {
        stream.start();
    }

    FeedLiveness liveness() {
        return stream.liveness();
    }

    @Override
    public void close() {
        stream.close();
    }
}
