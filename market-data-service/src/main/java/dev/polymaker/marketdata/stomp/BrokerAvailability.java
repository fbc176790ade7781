package dev.polymaker.marketdata.stomp;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.messaging.simp.broker.BrokerAvailabilityEvent;

/**
 * Tracks whether the STOMP broker can take messages: always for the embedded simple broker once
 * started; for a relay, whether its system connection to the external broker is up. Losing it is
 * logged at ERROR (ticks cannot reach anyone meanwhile) and shown in the {@code marketData} health,
 * except during a clean stop: once {@link #shuttingDown()} was called, publishing has stopped and the
 * broker stopping is logged at INFO.
 */
public final class BrokerAvailability implements ApplicationListener<BrokerAvailabilityEvent> {

    private static final Logger log = LoggerFactory.getLogger(BrokerAvailability.class);

    private final String mode;
    private volatile boolean available;
    private volatile long changedAt;
    private volatile boolean shuttingDown;

    public BrokerAvailability(String mode) {
        this.mode = mode;
    }

    @Override
    public void onApplicationEvent(BrokerAvailabilityEvent event) {
        boolean now = event.isBrokerAvailable();
        if (now != available) {
            if (now) {
                log.info("STOMP broker ({}) available", mode);
            } else if (shuttingDown) {
                log.info("STOMP broker ({}) stopped: the service is shutting down", mode);
            } else {
                log.error("STOMP broker ({}) unavailable: ticks cannot be delivered until it is back", mode);
            }
        }
        available = now;
        changedAt = event.getTimestamp();
    }

    /** The service is stopping cleanly: nothing is published any more, and the broker going away is expected. */
    public void shuttingDown() {
        shuttingDown = true;
    }

    public boolean isShuttingDown() {
        return shuttingDown;
    }

    public String mode() {
        return mode;
    }

    public boolean available() {
        return available;
    }

    public long changedAt() {
        return changedAt;
    }
}
