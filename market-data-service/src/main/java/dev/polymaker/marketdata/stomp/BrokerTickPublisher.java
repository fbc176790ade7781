package dev.polymaker.marketdata.stomp;

import dev.polymaker.marketdata.api.Destinations;
import dev.polymaker.marketdata.api.Tick;
import dev.polymaker.marketdata.metrics.MarketDataMetrics;
import dev.polymaker.marketdata.sequencing.TickSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.messaging.simp.SimpMessageSendingOperations;

import java.util.concurrent.TimeUnit;

/**
 * Publishes ticks to {@code /topic/ticks.<id>} through the broker channel, whose bounded
 * single-thread executor keeps publication order and returns at once. When its queue is full a
 * tick is dropped and counted (ERROR logged at most every 10 s with the count): consumers lose
 * only latency, since the next tick or a snapshot carries the whole top of book.
 */
public final class BrokerTickPublisher implements TickSink {

    private static final Logger log = LoggerFactory.getLogger(BrokerTickPublisher.class);
    private static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final ObjectProvider<SimpMessageSendingOperations> template;
    private final MarketDataMetrics metrics;
    private final BrokerAvailability broker;
    private volatile SimpMessageSendingOperations resolved;
    private long dropsSinceLog;
    private long lastDropLog;

    /** The template is looked up lazily: it belongs to the broker configuration, which depends on us. */
    public BrokerTickPublisher(ObjectProvider<SimpMessageSendingOperations> template, MarketDataMetrics metrics,
                               BrokerAvailability broker) {
        this.template = template;
        this.metrics = metrics;
        this.broker = broker;
    }

    @Override
    public void publish(Tick tick) {
        if (broker.isShuttingDown()) {
            return; // a clean stop: consumers keep the last tick they have, nothing to report
        }
        if (!broker.available()) {
            metrics.tickDropped(); // the latest tick stays available as a snapshot and is replayed to new subscribers
            logDrop(tick, new IllegalStateException("STOMP broker not available"));
            return;
        }
        try {
            operations().convertAndSend(Destinations.ticks(tick.tokenId()), tick);
            metrics.tickPublished(tick);
        } catch (RuntimeException e) {
            metrics.tickDropped();
            logDrop(tick, e);
        }
    }

    private SimpMessageSendingOperations operations() {
        SimpMessageSendingOperations ops = resolved;
        if (ops == null) {
            ops = template.getObject();
            resolved = ops;
        }
        return ops;
    }

    private synchronized void logDrop(Tick tick, RuntimeException e) {
        dropsSinceLog++;
        long now = System.nanoTime();
        if (lastDropLog == 0 || now - lastDropLog >= LOG_INTERVAL_NANOS) {
            log.error("could not publish tick {} seq {} ({}); {} tick(s) dropped since the last report",
                    tick.tokenId(), tick.seq(), e.getMessage(), dropsSinceLog);
            dropsSinceLog = 0;
            lastDropLog = now;
        }
    }
}
