package dev.polymaker.trading.orders.live;

import java.time.Duration;
import java.util.Optional;

/**
 * Admission of new orders by the health of the CLOB heartbeat (issue 11; polymarket-protocol.md
 * §9: the exchange cancels every order of the API key ~10 s, +5 s buffer, after the last good
 * heartbeat). While the heartbeat is unhealthy — {@link #FAILURES} failures in a row, or a running
 * heartbeat session without a success within {@code deadline} — a new order would be cancelled
 * behind our back, so it is refused locally with the reason. Cancels and queries are never gated.
 * Pure; time is passed in; thread-safe.
 */
final class HeartbeatGate {

    /** Consecutive failed heartbeats that close the gate. */
    static final int FAILURES = 2;

    private final long deadlineMillis;
    private long lastSuccess;
    private int failures;
    private boolean session;

    HeartbeatGate(Duration deadline) {
        this.deadlineMillis = deadline.toMillis();
    }

    /** A heartbeat succeeded; returns true when it ends a spell of failures (the caller reconciles). */
    synchronized boolean succeeded(long now) {
        boolean recovered = failures > 0;
        failures = 0;
        lastSuccess = now;
        session = true;
        return recovered;
    }

    synchronized void failed(long now) {
        if (!session) {
            session = true;
            lastSuccess = now; // the deadline counts from the first attempt of a new session
        }
        failures++;
    }

    /** Nothing of ours rests: no session to keep alive, nothing the exchange could cancel. */
    synchronized void idle() {
        session = false;
        failures = 0;
    }

    /** Why a new order must not be placed now, or empty when it may. */
    synchronized Optional<String> refusal(long now) {
        if (failures >= FAILURES) {
            return Optional.of("heartbeat unhealthy: " + failures + " failures in a row; the exchange cancels our"
                    + " orders ~10 s after the last good one, so no new order is placed until it recovers");
        }
        if (session && now - lastSuccess > deadlineMillis) {
            return Optional.of("heartbeat unhealthy: no good heartbeat for " + (now - lastSuccess) + " ms (deadline "
                    + deadlineMillis + " ms); no new order is placed until it recovers");
        }
        return Optional.empty();
    }
}
