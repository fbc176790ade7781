package dev.polymaker.trading.feed;

import dev.polymaker.marketdata.api.UpstreamHealth;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides where market data comes from (docs/architecture.md §3.7): {@code SHARED} on one
 * market-data-service replica while it sends healthy feed-status; when it has not for
 * {@code staleAfter}, another replica that is healthy now; {@code DIRECT} (this instance's own pool)
 * only when no replica is healthy; back to a replica after {@code returnAfter} of its unbroken
 * health; {@code NONE} when nothing has live data. A healthy active replica is never left for
 * another (no preferred replica, so no flapping). Pure and single-threaded: callers feed it signals
 * and call {@link #evaluate()} under their own lock; time comes from the injected clock.
 */
public final class FeedSelector {

    /** The replica name used by the single-replica constructor. */
    public static final String DEFAULT_REPLICA = "shared";

    private final long staleAfterMs;
    private final long returnAfterMs;
    private final Clock clock;
    private final Map<String, ReplicaHealth> replicas = new LinkedHashMap<>();

    private FeedMode mode = FeedMode.SHARED;
    private ReplicaHealth active;
    private long modeSince;

    private boolean directRunning;
    private boolean directLive;
    /** Last time the direct pool had live data, or the time it is expected to connect. */
    private long directLastLive;

    /** One replica named {@value #DEFAULT_REPLICA}. */
    public FeedSelector(Duration staleAfter, Duration returnAfter, Clock clock) {
        this(List.of(DEFAULT_REPLICA), staleAfter, returnAfter, clock);
    }

    /** @param replicaNames the replicas in configuration order; the first is followed at start */
    public FeedSelector(List<String> replicaNames, Duration staleAfter, Duration returnAfter, Clock clock) {
        this.staleAfterMs = requirePositive(staleAfter, "staleAfter");
        this.returnAfterMs = requirePositive(returnAfter, "returnAfter");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (replicaNames == null || replicaNames.isEmpty()) {
            throw new IllegalArgumentException("at least one replica is needed");
        }
        long now = clock.millis();
        for (String name : replicaNames) {
            if (replicas.putIfAbsent(name, new ReplicaHealth(name, staleAfterMs, now)) != null) {
                throw new IllegalArgumentException("duplicate replica name " + name);
            }
        }
        this.active = replicas.values().iterator().next();
        this.modeSince = now;
    }

    /** The feed starts now: every replica gets its start-up grace from here, not from construction. */
    public void start() {
        long now = clock.millis();
        replicas.values().forEach(r -> r.start(now));
        modeSince = now;
    }

    /** The single replica's session (single-replica selectors and tests). */
    public void sharedSession(boolean up, String reason) {
        replicaSession(first(), up, reason);
    }

    /** The single replica's feed-status (single-replica selectors and tests). */
    public void sharedStatus(UpstreamHealth upstream, String tokensProblem) {
        replicaStatus(first(), upstream, tokensProblem);
    }

    /** A replica's STOMP session went up or down. */
    public void replicaSession(String replica, boolean up, String reason) {
        replica(replica).session(up, reason, clock.millis());
    }

    /** A replica's feed-status arrived; {@code tokensProblem} is null when our tokens are LIVE there. */
    public void replicaStatus(String replica, UpstreamHealth upstream, String tokensProblem) {
        replica(replica).status(upstream, tokensProblem, clock.millis());
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
        ReplicaHealth fromReplica = mode == FeedMode.SHARED ? active : null;
        switch (mode) {
            case SHARED -> {
                if (active.stale(now)) {
                    Optional<ReplicaHealth> other = healthiest(now, 0, active);
                    if (other.isPresent()) {
                        return switchTo(from, fromReplica, FeedMode.SHARED, other.get(), FeedSwitchReason.REPLICA_STALE,
                                active.name() + ": " + active.failure(now) + "; " + other.get().name() + " healthy", now);
                    }
                    return switchTo(from, fromReplica, FeedMode.DIRECT, null, FeedSwitchReason.SHARED_STALE,
                            replicaFailures(now), now);
                }
            }
            case DIRECT -> {
                Optional<ReplicaHealth> back = healthiest(now, returnAfterMs, null);
                if (back.isPresent()) {
                    return switchTo(from, null, FeedMode.SHARED, back.get(), FeedSwitchReason.SHARED_RECOVERED,
                            back.get().name() + " healthy for " + back.get().healthyFor(now) + " ms", now);
                }
                if (directFailed(now)) {
                    Optional<ReplicaHealth> any = healthiest(now, 0, null);
                    if (any.isPresent()) {
                        return switchTo(from, null, FeedMode.SHARED, any.get(), FeedSwitchReason.DIRECT_FAILED,
                                directFailure(now) + "; " + any.get().name() + " healthy", now);
                    }
                    return switchTo(from, null, FeedMode.NONE, null, FeedSwitchReason.NO_LIVE_SOURCE,
                            directFailure(now) + "; " + replicaFailures(now), now);
                }
            }
            case NONE -> {
                if (directRunning && directLive) {
                    return switchTo(from, null, FeedMode.DIRECT, null, FeedSwitchReason.DIRECT_LIVE, "", now);
                }
                Optional<ReplicaHealth> any = healthiest(now, 0, null);
                if (any.isPresent()) {
                    return switchTo(from, null, FeedMode.SHARED, any.get(), FeedSwitchReason.SHARED_HEALTHY,
                            any.get().name() + " healthy", now);
                }
            }
        }
        return Optional.empty();
    }

    public FeedMode mode() {
        return mode;
    }

    /** The replica followed in mode SHARED (in other modes: the last one followed). */
    public String activeReplica() {
        return active.name();
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

    /** The replica names in configuration order. */
    public List<String> replicaNames() {
        return List.copyOf(replicas.keySet());
    }

    /** Whether the replica is healthy now. */
    public boolean replicaHealthy(String replica) {
        return replica(replica).healthy(clock.millis());
    }

    /** How many replicas are healthy now. */
    public int healthyReplicas() {
        long now = clock.millis();
        return (int) replicas.values().stream().filter(r -> r.healthy(now)).count();
    }

    /** Why the replica is unhealthy now, or null when it is healthy. */
    public String replicaProblem(String replica) {
        return replica(replica).problem(clock.millis());
    }

    /** Whether the active replica is healthy now. */
    public boolean sharedHealthy() {
        return active.healthy(clock.millis());
    }

    /** Why the active replica is not healthy now, or null when it is. */
    public String sharedProblem() {
        return active.problem(clock.millis());
    }

    /**
     * The healthy replica with the longest unbroken healthy streak of at least {@code minHealthyMs}
     * (ties: configuration order), other than {@code except}.
     */
    private Optional<ReplicaHealth> healthiest(long now, long minHealthyMs, ReplicaHealth except) {
        ReplicaHealth best = null;
        for (ReplicaHealth r : replicas.values()) {
            long streak = r.healthyFor(now);
            if (r != except && streak >= 0 && streak >= minHealthyMs && (best == null || streak > best.healthyFor(now))) {
                best = r;
            }
        }
        return Optional.ofNullable(best);
    }

    private Optional<FeedTransition> switchTo(FeedMode from, ReplicaHealth fromReplica, FeedMode to, ReplicaHealth toReplica,
                                              FeedSwitchReason reason, String detail, long now) {
        mode = to;
        if (toReplica != null) {
            active = toReplica;
        }
        modeSince = now;
        return Optional.of(new FeedTransition(from, fromReplica == null ? null : fromReplica.name(), to,
                toReplica == null ? null : toReplica.name(), reason, detail, now));
    }

    private String replicaFailures(long now) {
        if (replicas.size() == 1) {
            return active.failure(now);
        }
        List<String> out = new ArrayList<>();
        replicas.values().forEach(r -> out.add(r.name() + ": " + r.failure(now)));
        return String.join("; ", out);
    }

    private boolean directFailed(long now) {
        return !directRunning || (!directLive && now - directLastLive >= staleAfterMs);
    }

    private String directFailure(long now) {
        return directRunning ? "direct feed has no live data for " + Math.max(0, now - directLastLive) + " ms"
                : "direct feed is not running";
    }

    private String first() {
        return replicas.keySet().iterator().next();
    }

    private ReplicaHealth replica(String name) {
        ReplicaHealth r = replicas.get(name);
        if (r == null) {
            throw new IllegalArgumentException("unknown replica " + name + "; known: " + replicas.keySet());
        }
        return r;
    }

    private static long requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
        return d.toMillis();
    }
}
