package dev.polymaker.marketdata.stomp;

import dev.polymaker.marketdata.api.Destinations;
import dev.polymaker.marketdata.api.Tick;
import dev.polymaker.marketdata.metrics.MarketDataMetrics;
import dev.polymaker.marketdata.sequencing.TickSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.simp.SimpMessageSendingOperations;

import dev.polymaker.support.RepeatedCondition;
import org.slf4j.event.Level;

import java.time.Clock;
import java.time.Duration;

/**
 * Publishes ticks to {@code /topic/ticks.<id>} through the broker channel, whose bounded
 * single-thread executor keeps publication order and returns at once. When its queue is full a
 * tick is dropped and counted (ERROR logged at most every 10 s with the count): consumers lose
 * only latency, since the next tick or a snapshot carries the whole top of book.
 */
public final class BrokerTickPublisher implements TickSink {

    private static final Logger log = LoggerFactory.getLogger(BrokerTickPublisher.class);

    private final SimpMessageSendingOperations template;
    private final MarketDataMetrics metrics;
    private final BrokerAvailability broker;
    private final RepeatedCondition drops;

    /** Handed to the sequencer at start ({@code TickSequencer.publishTo}): the broker is built after the sequencer. */
    public BrokerTickPublisher(SimpMessageSendingOperations template, MarketDataMetrics metrics,
                               BrokerAvailability broker, Clock clock) {
        this.drops = new RepeatedCondition(log, Level.ERROR, clock, Duration.ofSeconds(10));
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
            template.convertAndSend(Destinations.ticks(tick.tokenId()), tick);
            metrics.tickPublished(tick);
        } catch (RuntimeException e) {
            metrics.tickDropped();
            logDrop(tick, e);
        }
    }

    private void logDrop(Tick tick, RuntimeException e) {
        drops.record(() -> "could not publish tick " + tick.tokenId() + " seq " + tick.seq() + " (" + e.getMessage()
                + "); dropped");
    }
}
