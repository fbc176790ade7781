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

import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Publishes ticks and feed status into this instance's broker namespace (node-queue topology).
 * The sequencer's thread only queues (bounded; a tick that does not fit is dropped and counted);
 * one publishing thread writes, so the broker sees each token's ticks in seq order, and it never
 * sends a token a tick older than one it already sent. Ticks go as batches: whatever is queued when
 * the thread comes round (at most {@link #MAX_BATCH_TICKS} / {@link #MAX_BATCH_BYTES}) is one SEND
 * of newline-delimited tick JSON to {@link RelayNamespace#tickBatches()}, so the broker parses one
 * frame per batch instead of one per tick. Batches are at least {@code batchInterval} apart: a tick
 * after a quiet spell goes at once, and under load the ticks that arrive within one interval share
 * one SEND (the broker's work is per frame, and its share of the machine is what limits the relay;
 * docs/performance.md §6); zero sends whatever is queued whenever the thread comes round. Feed
 * status shares the thread and is never held behind the ticks. When the link comes (back)
 * up every token's latest tick is sent again: ticks dropped while the broker was away are state,
 * and the latest one carries it all (consumers drop the duplicates by seq). docs/architecture.md §3.6.
 */
public final class RelayOutlet implements TickSink {

    static final int MAX_BATCH_TICKS = 256;
    static final int MAX_BATCH_BYTES = 64 * 1024;
    private static final Logger log = LoggerFactory.getLogger(RelayOutlet.class);

    private final BrokerLink link;
    private final RelayNamespace namespace;
    private final Executor publisher;
    private final JsonMapper json;
    private final MarketDataMetrics metrics;
    private final RepeatedCondition drops;
    private final BlockingQueue<Tick> queued;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final long batchIntervalNanos;
    /** When the last batch went ({@link System#nanoTime()}); touched by the publishing thread only. */
    private long lastBatchNanos;
    private final Runnable drain = this::drain;
    /** Last seq sent per token; touched by the publishing thread only. */
    private final Map<String, Long> lastSent = new ConcurrentHashMap<>();
    private volatile Supplier<Collection<Tick>> latestTicks = java.util.List::of;

    public RelayOutlet(BrokerLink link, RelayNamespace namespace, Executor publisher, int capacity,
                       Duration batchInterval, JsonMapper json, MarketDataMetrics metrics, Clock clock) {
        if (batchInterval.isNegative()) {
            throw new IllegalArgumentException("batch interval must not be negative: " + batchInterval);
        }
        this.link = link;
        this.batchIntervalNanos = batchInterval.toNanos();
        this.lastBatchNanos = System.nanoTime() - batchIntervalNanos;
        this.namespace = namespace;
        this.publisher = publisher;
        this.queued = new ArrayBlockingQueue<>(capacity);
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
        if (!queued.offer(tick)) {
            dropped(tick, "relay publishing queue full (" + (queued.size() + queued.remainingCapacity()) + ")");
            return;
        }
        scheduleDrain();
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
        int notQueued = 0;
        for (Tick tick : latestTicks.get()) {
            if (!queued.offer(tick)) {
                metrics.tickDropped();
                notQueued++;
            }
        }
        if (notQueued > 0) {
            log.error("relay: {} latest ticks not queued for the re-send (queue full); the next ticks carry the state",
                    notQueued);
        }
        scheduleDrain();
    }

    private void scheduleDrain() {
        if (draining.compareAndSet(false, true)) {
            try {
                publisher.execute(drain);
            } catch (RejectedExecutionException e) {
                draining.set(false); // stopping: what is queued is dropped with the instance
            }
        }
    }

    /**
     * On the publishing thread: one batch per turn (what is queued once the batch interval has passed),
     * then the thread is handed back: if more is queued the next turn is queued behind whatever else
     * waits for the thread, so a steady stream of ticks never holds up the feed status.
     */
    private void drain() {
        if (!queued.isEmpty()) {
            awaitBatchInterval();
        }
        List<Tick> batch = new ArrayList<>(Math.min(MAX_BATCH_TICKS, Math.max(1, queued.size())));
        queued.drainTo(batch, MAX_BATCH_TICKS);
        try {
            if (!batch.isEmpty()) {
                sendBatches(batch);
            }
        } catch (RuntimeException e) { // never leave the drain marked running with nobody draining
            batch.forEach(t -> dropped(t, "unexpected: " + e));
        } finally {
            draining.set(false);
            if (!queued.isEmpty()) {
                scheduleDrain(); // a tick queued after the check schedules its own
            }
        }
    }

    /** Parks the publishing thread until the batch interval since the last batch has passed (or it is interrupted). */
    private void awaitBatchInterval() {
        long due = lastBatchNanos + batchIntervalNanos;
        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
            if (Thread.currentThread().isInterrupted()) {
                return; // stopping: send what is queued without waiting
            }
            LockSupport.parkNanos(this, wait);
        }
    }

    private void sendBatches(List<Tick> ticks) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(Math.min(MAX_BATCH_BYTES, ticks.size() * 400));
        List<Tick> inBody = new ArrayList<>(ticks.size());
        for (Tick tick : ticks) {
            Long last = lastSent.get(tick.tokenId());
            if (last != null && tick.seq() < last) {
                continue; // the re-send after a reconnect raced a newer tick: never send a token backwards
            }
            byte[] line;
            try {
                line = json.writeValueAsBytes(tick);
            } catch (RuntimeException e) {
                dropped(tick, "not serialisable: " + e);
                continue;
            }
            if (body.size() > 0 && body.size() + line.length + 1 > MAX_BATCH_BYTES) {
                sendBatch(body.toByteArray(), inBody);
                body.reset();
                inBody.clear();
            }
            if (body.size() > 0) {
                body.write('\n');
            }
            body.writeBytes(line);
            inBody.add(tick);
            lastSent.put(tick.tokenId(), tick.seq());
        }
        if (!inBody.isEmpty()) {
            sendBatch(body.toByteArray(), inBody);
        }
    }

    private void sendBatch(byte[] body, List<Tick> ticks) {
        try {
            lastBatchNanos = System.nanoTime();
            link.send(namespace.tickBatches(), BrokerLink.NDJSON, ticks.get(0).epoch(), body);
            metrics.relayBatchPublished();
            ticks.forEach(metrics::tickPublished);
        } catch (RuntimeException e) {
            ticks.forEach(t -> dropped(t, e.getMessage()));
        }
    }

    private void dropped(Tick tick, String why) {
        metrics.tickDropped(); // the latest tick is re-sent when the link is back, and served as a snapshot meanwhile
        drops.record(() -> "relay: tick " + tick.tokenId() + " seq " + tick.seq() + " not published (" + why + ")");
    }
}
