package dev.polymaker.marketdata.stomp;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.messaging.simp.broker.BrokerAvailabilityEvent;

import java.time.Clock;

/**
 * Tracks whether ticks can reach consumers through the STOMP broker: always for the embedded
 * simple broker once started; for Spring's per-subscription relay, whether its system connection is
 * up (Spring's broker events); for the node-queue relay, whether its broker link holds the
 * namespace (told by the link, the simple broker's own events are ignored). Losing it is logged at
 * ERROR with the reason and shown in the {@code broker} and {@code marketData} health
 * (docs/architecture.md §3.6), except during a clean stop: once {@link #shuttingDown()} was called,
 * publishing has stopped and the broker stopping is logged at INFO.
 */
public final class BrokerAvailability implements ApplicationListener<BrokerAvailabilityEvent> {

    private static final Logger log = LoggerFactory.getLogger(BrokerAvailability.class);

    private final String mode;
    private final boolean external;
    private final boolean followsBrokerEvents;
    private final Clock clock;
    private volatile boolean available;
    private volatile long changedAt;
    private volatile String reason = "not connected yet";
    private volatile boolean shuttingDown;

    /**
     * @param external            ticks go through an external broker (health DOWN while unavailable)
     * @param followsBrokerEvents availability comes from Spring's broker events, not {@link #linkUp()}/{@link #linkDown}
     */
    public BrokerAvailability(String mode, boolean external, boolean followsBrokerEvents, Clock clock) {
        this.mode = mode;
        this.clock = clock;
        this.external = external;
        this.followsBrokerEvents = followsBrokerEvents;
    }

    @Override
    public void onApplicationEvent(BrokerAvailabilityEvent event) {
        if (followsBrokerEvents) {
            change(event.isBrokerAvailable(), event.isBrokerAvailable() ? null : "system connection to the broker lost",
                    event.getTimestamp());
        }
    }

    /** The node-queue relay's link holds its namespace again. */
    public void linkUp() {
        change(true, null, clock.millis());
    }

    /** The node-queue relay's link is down (or could not be established), for the given reason. */
    public void linkDown(String why) {
        change(false, why, clock.millis());
    }

    private synchronized void change(boolean now, String why, long at) {
        if (now != available) {
            if (now) {
                log.info("STOMP broker ({}) available", mode);
            } else if (shuttingDown) {
                log.info("STOMP broker ({}) stopped: the service is shutting down", mode);
            } else {
                log.error("STOMP broker ({}) unavailable: ticks cannot be delivered until it is back ({})", mode, why);
            }
            changedAt = at;
        } else if (!now && !shuttingDown && why != null && !why.equals(reason)) {
            log.error("STOMP broker ({}) still unavailable: {}", mode, why);
        }
        available = now;
        reason = now ? null : why;
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

    public boolean external() {
        return external;
    }

    public boolean available() {
        return available;
    }

    /** Why the broker is unavailable; null while available. */
    public String reason() {
        return reason;
    }

    public long changedAt() {
        return changedAt;
    }
}
