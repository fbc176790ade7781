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
 * One market-data-service replica over STOMP through a {@link TickStream}: its ticks, rejects,
 * feed-status and session changes handed to the {@link Events} of {@link MarketDataFeed}, tagged with
 * the replica's name. Every replica is subscribed to every token, followed or not (a hot standby:
 * docs/architecture.md §3.7).
 */
final class SharedFeed implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SharedFeed.class);

    /** What the shared feed reports, on the TickStream's threads. */
    interface Events {
        void sharedTick(String replica, Tick tick);

        void sharedRejected(String replica, TickGate.Verdict verdict);

        void sharedStatus(String replica, FeedStatus status);

        void sharedSession(String replica, boolean connected, String reason);
    }

    private final SharedReplica replica;
    private final TickStream stream;

    SharedFeed(SharedReplica replica, Clock clock, Events events) {
        this.replica = replica;
        TickStreamConfig config = replica.stream();
        String name = replica.name();
        this.stream = new TickStream(config, new TickStreamListener() {
            @Override
            public void onTick(Tick tick) {
                events.sharedTick(name, tick);
            }

            @Override
            public void onRejected(Tick tick, TickRejection rejection) {
                events.sharedRejected(name, rejection == TickRejection.DUPLICATE ? TickGate.Verdict.DUPLICATE
                        : TickGate.Verdict.STALE);
            }

            @Override
            public void onFeedStatus(FeedStatus status) {
                events.sharedStatus(name, status);
            }

            @Override
            public void onConnectionChange(boolean connected, String reason) {
                if (connected) {
                    log.info("shared feed {}: connected to {}", name, config.url());
                } else {
                    log.warn("shared feed {}: disconnected from {}: {}", name, config.url(), reason);
                }
                events.sharedSession(name, connected, reason);
            }
        }, clock);
    }

    SharedReplica replica() {
        return replica;
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
