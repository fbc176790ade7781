package dev.polymaker.marketdata.relay;

import dev.polymaker.marketdata.api.Destinations;
import dev.polymaker.marketdata.api.FeedStatus;
import dev.polymaker.marketdata.api.Tick;
import dev.polymaker.marketdata.metrics.MarketDataMetrics;
import dev.polymaker.marketdata.sequencing.TickSink;
import dev.polymaker.support.RepeatedCondition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * Publishes ticks and feed status into this instance's broker namespace (node-queue topology).
 * The sequencer's thread only queues (bounded; a tick that does not fit is dropped and counted);
 * one publishing thread serialises and writes, so the broker sees each token's ticks in seq order,
 * and it never sends a token a tick older than one it already sent. When the link comes (back) up
 * every token's latest tick is sent again: ticks dropped while the broker was away are state, and
 * the latest one carries it all (consumers drop the duplicates by seq).
 */
public final class RelayOutlet implements TickSink {

    private static final Logger log = LoggerFactory.getLogger(RelayOutlet.class);

    private final BrokerLink link;
    private final RelayNamespace namespace;
    private final Executor publisher;
    private final JsonMapper json;
    private final MarketDataMetrics metrics;
    private final RepeatedCondition drops;
    /** Last seq sent per token; touched by the publishing thread only. */
    private final Map<String, Long> lastSent = new ConcurrentHashMap<>();
    private volatile Supplier<Collection<Tick>> latestTicks = java.util.List::of;

    public RelayOutlet(BrokerLink link, RelayNamespace namespace, Executor publisher, JsonMapper json,
                       MarketDataMetrics metrics, Clock clock) {
        this.link = link;
        this.namespace = namespace;
        this.publisher = publisher;
        this.json = json;
        this.metrics = metrics;
        this.drops = new RepeatedCondition(log, Level.ERROR, clock, Duration.ofSeconds(10));
    }

    /** Hand-off at start: the sequencer is built on this sink, and this sink re-sends its latest ticks. */
    public void replayFrom(Supplier<Collection<Tick>> latest) {
        this.latestTicks = latest;
    }

    @Override
    public void publish(Tick tick) {
        if (!link.isUp()) {
            dropped(tick, "broker link down");
            return;
        }
        try {
            publisher.execute(() -> send(tick));
        } catch (RejectedExecutionException e) {
            dropped(tick, "relay publishing queue full");
        }
    }

    /** Sends a feed status unless the link is down (counted; the next one follows within the status interval). */
    public void publish(FeedStatus status) {
        if (!link.isUp()) {
            metrics.relayFeedStatusDropped();
            return;
        }
        try {
            publisher.execute(() -> {
                try {
                    link.send(namespace.toBroker(Destinations.FEED_STATUS), status.epoch(), json.writeValueAsBytes(status));
                } catch (RuntimeException e) {
                    metrics.relayFeedStatusDropped();
                    log.debug("feed status not sent: {}", e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            metrics.relayFeedStatusDropped();
            log.debug("feed status not queued: relay publishing queue full");
        }
    }

    /** The link is (back) up: queue every token's latest tick behind what is already queued. */
    public void linkUp() {
        try {
            publisher.execute(() -> latestTicks.get().forEach(this::send));
        } catch (RejectedExecutionException e) {
            log.error("relay: could not queue the re-send of the latest ticks (queue full); the next ticks carry the state");
        }
    }

    private void send(Tick tick) {
        Long last = lastSent.get(tick.tokenId());
        if (last != null && tick.seq() < last) {
            return; // the re-send after a reconnect raced a newer tick: never send a token backwards
        }
        try {
            link.send(namespace.toBroker(Destinations.ticks(tick.tokenId())), tick.epoch(), json.writeValueAsBytes(tick));
            lastSent.put(tick.tokenId(), tick.seq());
            metrics.tickPublished(tick);
        } catch (RuntimeException e) {
            dropped(tick, e.getMessage());
        }
    }

    private void dropped(Tick tick, String why) {
        metrics.tickDropped(); // the latest tick is re-sent when the link is back, and served as a snapshot meanwhile
        drops.record("relay: tick " + tick.tokenId() + " seq " + tick.seq() + " not published (" + why + ")");
    }
}
