package dev.polymaker.marketdata.stomp;

import dev.polymaker.marketdata.fanout.TickFanOut;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;

/**
 * A clean stop is not an outage: when the context starts closing (before any broker, executor or
 * socket stops) ticks stop being published and the broker's going away is expected, so nothing
 * is logged at ERROR or counted as dropped (docs/operations.md, stopping).
 */
public final class StopPublishingOnShutdown implements ApplicationListener<ContextClosedEvent> {

    private static final Logger log = LoggerFactory.getLogger(StopPublishingOnShutdown.class);

    private final BrokerAvailability broker;
    private final TickFanOut fanOut;

    public StopPublishingOnShutdown(BrokerAvailability broker, TickFanOut fanOut) {
        this.broker = broker;
        this.fanOut = fanOut;
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        fanOut.stop();
        broker.shuttingDown();
        log.info("shutting down: ticks are no longer published");
    }
}
