package dev.polymaker.trading.feed;

import dev.polymaker.marketdata.api.UpstreamHealth;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides where market data comes from: {@code SHARED} (market-data-service over STOMP) while it
 * sends healthy feed-status, {@code DIRECT} (this instance's own upstream pool) once it has not
 * for {@code staleAfter}, back to {@code SHARED} only after {@code returnAfter} of unbroken
 * health, and {@code NONE} when neither has live data. Pure and single-threaded: callers feed it
 * signals and call {@link #evaluate()} under their own lock; time comes from the injected clock.
 */
public final class FeedSelector {

    private final long staleAfterMs;
    private final long returnAfterMs;
    private final Clock clock;

    private FeedMode mode = FeedMode.SHARED;
    private long modeSince;

    private boolean sessionUp;
    private boolean everConnected;
    /** Last time a healthy feed-status arrived; starts at construction so start-up gets one grace period. */
    private long lastSharedHealthy;
    /** Start of the current unbroken healthy streak of the shared feed, -1 while there is none. */
    private long sharedHealthySince = -1;
    private String sharedProblem = "no feed-status received yet";

    private boolean directRunning;
    private boolean directLive;
    /** Last time the direct pool had live data, or the time it is expected to connect. */
    private long directLastLive;

    public FeedSelector(Duration staleAfter, Duration returnAfter, Clock clock) {
        this.staleAfterMs = requirePositive(staleAfter, "staleAfter");
        this.returnAfterMs = requirePositive(returnAfter, "returnAfter");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lastSharedHealthy = clock.millis();
        this.modeSince = lastSharedHealthy;
    }

    /** The feed starts now: the shared feed gets its start-up grace from here, not from construction. */
    public void start() {
        long now = clock.millis();
        lastSharedHealthy = Math.max(lastSharedHealthy, now);
        modeSince = now;
    }

    /** The STOMP session to market-data-service went up or down. Going down breaks the healthy streak at once. */
    public void sharedSession(boolean up, String reason) {
        sessionUp = up;
        if (up && !everConnected) {
            // Start-up: a slow first connect must not count against the shared feed; its first status may take a while.
            everConnected = true;
            lastSharedHealthy = Math.max(lastSharedHealthy, clock.millis());
        }
        if (!up) {
            sharedHealthySince = -1;
            sharedProblem = "STOMP session down" + (reason == null || reason.isBlank() ? "" : ": " + reason);
        }
    }

    /**
     * A feed-status arrived. It counts as healthy when the upstream is UP or DEGRADED and our tokens
     * are LIVE on the shared feed ({@code tokensProblem} is null); anything else breaks the streak.
     */
    public void sharedStatus(UpstreamHealth upstream, String tokensProblem) {
        long now = clock.millis();
        if (upstream != UpstreamHealth.DOWN && upstream != null && tokensProblem == null && sessionUp) {
            if (sharedHealthySince < 0 || now - lastSharedHealthy >= staleAfterMs) {
                sharedHealthySince = now;
            }
            lastSharedHealthy = now;
            sharedProblem = null;
        } else {
            sharedHealthySince = -1;
            sharedProblem = upstream == null || upstream == UpstreamHealth.DOWN
                    ? "shared feed reports its upstream DOWN"
                    : tokensProblem != null ? tokensProblem : "feed-status without a session";
        }
    }

    /** The direct pool was asked to start; it is given until {@code connectAt} + staleAfter to show live data. */
    public void directStarting(long connectAt) {
        directRunning = true;
        directLive = false;
        directLastLive = connectAt;
    }

    public void directStopped() {
        directRunning = false;
        directLive = false;
    }

    /** Whether any of our tokens is LIVE on the direct pool right now. */
    public void directLive(boolean anyLive) {
        directLive = directRunning && anyLive;
        if (directLive) {
            directLastLive = Math.max(directLastLive, clock.millis());
        }
    }

    /** Applies the rules once; returns the switch made, if any. */
    public Optional<FeedTransition> evaluate() {
        long now = clock.millis();
        FeedMode from = mode;
        String reason = null;
        FeedMode to = mode;
        switch (mode) {
            case SHARED -> {
                if (sharedFailed(now)) {
                    to = FeedMode.DIRECT;
                    reason = sharedFailure(now);
                }
            }
            case DIRECT -> {
                if (sharedHealthyNow(now) && now - sharedHealthySince >= returnAfterMs) {
                    to = FeedMode.SHARED;
                    reason = "shared feed healthy for " + (now - sharedHealthySince) + " ms";
                } else if (directFailed(now)) {
                    if (sharedHealthyNow(now)) {
                        to = FeedMode.SHARED;
                        reason = directFailure(now) + " and the shared feed is healthy again";
                    } else {
                        to = FeedMode.NONE;
                        reason = directFailure(now) + " and " + sharedFailure(now);
                    }
                }
            }
            case NONE -> {
                if (directRunning && directLive) {
                    to = FeedMode.DIRECT;
                    reason = "direct feed has live data again";
                } else if (sharedHealthyNow(now)) {
                    to = FeedMode.SHARED;
                    reason = "shared feed healthy again";
                }
            }
        }
        if (to == from) {
            return Optional.empty();
        }
        mode = to;
        modeSince = now;
        return Optional.of(new FeedTransition(from, to, reason, now));
    }

    public FeedMode mode() {
        return mode;
    }

    public long modeSince() {
        return modeSince;
    }

    /** The direct pool should run in every mode but SHARED (in NONE it keeps trying). */
    public boolean wantsDirect() {
        return mode != FeedMode.SHARED;
    }

    public boolean directRunning() {
        return directRunning;
    }

    /** Healthy now: session up, a healthy status within staleAfter and no problem since. */
    public boolean sharedHealthy() {
        return sharedHealthyNow(clock.millis());
    }

    /** Why the shared feed is not healthy now, or null when it is. */
    public String sharedProblem() {
        long now = clock.millis();
        return sharedHealthyNow(now) ? null : sharedFailure(now);
    }

    private boolean sharedFailed(long now) {
        return now - lastSharedHealthy >= staleAfterMs;
    }

    private boolean sharedHealthyNow(long now) {
        return sessionUp && sharedHealthySince >= 0 && !sharedFailed(now);
    }

    private boolean directFailed(long now) {
        return !directRunning || (!directLive && now - directLastLive >= staleAfterMs);
    }

    private String directFailure(long now) {
        return directRunning ? "direct feed has no live data for " + Math.max(0, now - directLastLive) + " ms"
                : "direct feed is not running";
    }

    private String sharedFailure(long now) {
        if (sharedProblem != null) {
            return sharedProblem + " (no healthy feed-status for " + (now - lastSharedHealthy) + " ms)";
        }
        return "no feed-status for " + (now - lastSharedHealthy) + " ms";
    }

    private static long requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
        return d.toMillis();
    }
}
