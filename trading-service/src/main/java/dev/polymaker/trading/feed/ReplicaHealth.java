package dev.polymaker.trading.feed;

import dev.polymaker.marketdata.api.UpstreamHealth;

/**
 * What {@link FeedSelector} knows about one market-data-service replica: its STOMP session, its last
 * healthy feed-status and its unbroken healthy streak (docs/architecture.md §3.7). Pure: times are
 * passed in; the selector serialises calls.
 */
final class ReplicaHealth {

    private final String name;
    private final long staleAfterMs;

    private boolean sessionUp;
    private boolean everConnected;
    /** Last time a healthy feed-status arrived; starts at start-up so start-up gets one grace period. */
    private long lastHealthy;
    /** Start of the current unbroken healthy streak, -1 while there is none. */
    private long healthySince = -1;
    private String problem = "no feed-status received yet";

    ReplicaHealth(String name, long staleAfterMs, long now) {
        this.name = name;
        this.staleAfterMs = staleAfterMs;
        this.lastHealthy = now;
    }

    String name() {
        return name;
    }

    /** The feed starts now: the replica gets its start-up grace from here. */
    void start(long now) {
        lastHealthy = Math.max(lastHealthy, now);
    }

    /** The STOMP session went up or down. Going down breaks the healthy streak at once. */
    void session(boolean up, String reason, long now) {
        sessionUp = up;
        if (up && !everConnected) {
            // Start-up: a slow first connect must not count against the replica; its first status may take a while.
            everConnected = true;
            lastHealthy = Math.max(lastHealthy, now);
        }
        if (!up) {
            healthySince = -1;
            problem = "STOMP session down" + (reason == null || reason.isBlank() ? "" : ": " + reason);
        }
    }

    /**
     * A feed-status arrived. Healthy when the upstream is UP or DEGRADED and our tokens are LIVE on this
     * replica ({@code tokensProblem} is null); anything else breaks the streak.
     */
    void status(UpstreamHealth upstream, String tokensProblem, long now) {
        if (upstream != UpstreamHealth.DOWN && upstream != null && tokensProblem == null && sessionUp) {
            if (healthySince < 0 || now - lastHealthy >= staleAfterMs) {
                healthySince = now;
            }
            lastHealthy = now;
            problem = null;
        } else {
            healthySince = -1;
            problem = upstream == null || upstream == UpstreamHealth.DOWN
                    ? "replica reports its upstream DOWN"
                    : tokensProblem != null ? tokensProblem : "feed-status without a session";
        }
    }

    /** No healthy feed-status for staleAfter. */
    boolean stale(long now) {
        return now - lastHealthy >= staleAfterMs;
    }

    /** Healthy now: session up, a healthy status within staleAfter and no problem since. */
    boolean healthy(long now) {
        return sessionUp && healthySince >= 0 && !stale(now);
    }

    /** How long the replica has been healthy without a break; -1 when it is not healthy now. */
    long healthyFor(long now) {
        return healthy(now) ? now - healthySince : -1;
    }

    /** Why the replica is not healthy now, or null when it is. */
    String problem(long now) {
        return healthy(now) ? null : failure(now);
    }

    String failure(long now) {
        if (problem != null) {
            return problem + " (no healthy feed-status for " + (now - lastHealthy) + " ms)";
        }
        return "no feed-status for " + (now - lastHealthy) + " ms";
    }
}
