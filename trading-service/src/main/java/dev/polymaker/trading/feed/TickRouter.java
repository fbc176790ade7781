package dev.polymaker.trading.feed;

import dev.polymaker.marketdata.api.Tick;
import dev.polymaker.marketdata.api.TickState;
import dev.polymaker.support.RepeatedCondition;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Which tick reaches the strategies: only LIVE ticks of the active source (one replica, or the direct
 * pool), in order per token across switches ({@link TickGate}), and none that spent longer than
 * {@code maxTickAge} on the way here; also whether each token is tradable and why. Every source's
 * latest tick is kept, so a switch feeds the new source's state at once. Pure: no I/O, no threads,
 * time passed in; callers serialise calls (docs/architecture.md §3.7, §3.10).
 */
final class TickRouter {

    private static final Logger log = LoggerFactory.getLogger(TickRouter.class);

    /** A tick and when it arrived here (local clock). */
    private record Seen(Tick tick, long at) {
    }

    /** Everything known about one owned token. */
    private static final class TokenFeed {
        /** Its market resolved: final. */
        boolean resolved;
        /** The latest tick of each replica, by replica name. */
        final Map<String, Seen> shared = new HashMap<>();
        Seen direct;
        /** The last tick fed to the consumer. */
        Tick fed;
        boolean tradable;
        String reason = "no data yet";
    }

    private final FeedConsumer consumer;
    private final BiConsumer<TickSource, TickGate.Verdict> outcomes;
    private final long maxTickAgeMs;
    private final TickGate gate = new TickGate();
    private final Map<String, TokenFeed> tokens = new ConcurrentHashMap<>();
    private FeedMode mode = FeedMode.SHARED;
    /** The replica followed in mode SHARED. */
    private String activeReplica;
    private final RepeatedCondition lateLog;

    /**
     * @param outcomes told the outcome of every tick (the {@code trading_ticks_total} metric)
     * @param clock    the same clock the callers' {@code now} comes from (it paces the late-tick log)
     */
    TickRouter(FeedConsumer consumer, BiConsumer<TickSource, TickGate.Verdict> outcomes, Duration maxTickAge,
               String firstReplica, Clock clock) {
        this.activeReplica = Objects.requireNonNull(firstReplica, "firstReplica");
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.outcomes = Objects.requireNonNull(outcomes, "outcomes");
        this.maxTickAgeMs = maxTickAge.toMillis();
        this.lateLog = new RepeatedCondition(log, Level.WARN, clock, Duration.ofMinutes(1));
    }

    boolean add(String tokenId) {
        return tokens.putIfAbsent(tokenId, new TokenFeed()) == null;
    }

    boolean remove(String tokenId) {
        if (tokens.remove(tokenId) == null) {
            return false;
        }
        gate.forget(tokenId);
        return true;
    }

    boolean owns(String tokenId) {
        return tokens.containsKey(tokenId);
    }

    List<String> tokenIds() {
        return List.copyOf(tokens.keySet());
    }

    int size() {
        return tokens.size();
    }

    /** True when any token is LIVE on the direct feed. */
    boolean anyDirectLive() {
        return tokens.values().stream().anyMatch(tf -> tf.direct != null && tf.direct.tick().state() == TickState.LIVE);
    }

    /** The direct pool stopped: its ticks no longer describe anything. */
    void directStopped() {
        tokens.values().forEach(tf -> tf.direct = null);
    }

    /** A tick from a replica: remembered, and fed when that replica is the active source. */
    void onSharedTick(String replica, Tick tick, long now) {
        TokenFeed tf = tokens.get(tick.tokenId());
        if (tf == null) {
            return;
        }
        tf.shared.put(replica, new Seen(tick, now));
        if (mode == FeedMode.SHARED && activeReplica.equals(replica)) {
            route(TickSource.SHARED, tick.tokenId(), tf, tick, now, now);
        } else {
            outcomes.accept(TickSource.SHARED, TickGate.Verdict.STANDBY);
        }
    }

    /** A tick from the direct pool: remembered, and fed in mode DIRECT. */
    void onDirectTick(Tick tick, long now) {
        TokenFeed tf = tokens.get(tick.tokenId());
        if (tf == null) {
            return;
        }
        tf.direct = new Seen(tick, now);
        if (mode == FeedMode.DIRECT) {
            route(TickSource.DIRECT, tick.tokenId(), tf, tick, now, now);
        } else {
            outcomes.accept(TickSource.DIRECT, TickGate.Verdict.STANDBY);
        }
    }

    /** A switch: the latest state of the new source (a replica or the direct pool) is routed at once. */
    void onModeChange(FeedTransition t, long now) {
        mode = t.to();
        if (t.to() == FeedMode.SHARED) {
            activeReplica = t.toReplica();
        }
        tokens.forEach((id, tf) -> {
            if (t.to() == FeedMode.NONE) {
                setTradable(id, tf, false, "feed mode NONE: " + t.describe());
                return;
            }
            Seen latest = latest(tf);
            if (latest == null) {
                setTradable(id, tf, false, "no data yet from " + activeTag());
            } else {
                route(activeSource(), id, tf, latest.tick(), latest.at(), now);
            }
        });
    }

    /** The tag of the active source: {@code shared:<replica>}, {@code direct} or {@code none}. */
    String activeTag() {
        return FeedTransition.tag(mode, activeReplica);
    }

    private Seen latest(TokenFeed tf) {
        return switch (mode) {
            case SHARED -> tf.shared.get(activeReplica);
            case DIRECT -> tf.direct;
            case NONE -> null;
        };
    }

    /** @param arrivedAt when the tick arrived here: its age is judged then, not when a switch re-routes it */
    private void route(TickSource source, String tokenId, TokenFeed tf, Tick tick, long arrivedAt, long now) {
        String from = activeTag();
        if (tick.state() == TickState.RESOLVED) {
            setTradable(tokenId, tf, false, "market resolved (" + from + ")");
            outcomes.accept(source, TickGate.Verdict.ACCEPTED);
            if (!tf.resolved) {
                tf.resolved = true;
                log.info("token {}: market resolved, {}", tokenId, tick.winningTokenId() == null ? "winner unknown"
                        : tick.winningTokenId().equals(tokenId) ? "this outcome won" : "this outcome lost");
                consumer.onResolved(tokenId, tick.winningTokenId());
            }
            return;
        }
        if (tf.resolved) {
            outcomes.accept(source, TickGate.Verdict.ACCEPTED);
            return; // final: nothing after a resolution makes the token tradable again
        }
        if (tick.state() != TickState.LIVE) {
            setTradable(tokenId, tf, false, tick.state() + " on " + from);
            outcomes.accept(source, TickGate.Verdict.ACCEPTED);
            return;
        }
        if (tick.bestBid() == null && tick.bestAsk() == null && tick.lastTradePrice() == null) {
            setTradable(tokenId, tf, false, "LIVE on " + from + " but no book yet");
            outcomes.accept(source, TickGate.Verdict.ACCEPTED);
            return;
        }
        TickGate.Verdict verdict = gate.admit(source, tick);
        if (verdict == TickGate.Verdict.ACCEPTED && tooOld(from, tick, arrivedAt, now)) {
            outcomes.accept(source, TickGate.Verdict.LATE);
            if (!tf.tradable) {
                // Not fed, so it cannot make the token tradable: the strategy would act on what it had
                // before (a book from before an outage) as if it were current.
                setTradable(tokenId, tf, false, "LIVE on " + from + ", but its latest tick is older than "
                        + maxTickAgeMs + " ms (max-tick-age): waiting for a fresh one");
            }
            return;
        }
        setTradable(tokenId, tf, true, "LIVE on " + from);
        if (verdict == TickGate.Verdict.ACCEPTED) {
            outcomes.accept(source, verdict);
            tf.fed = tick;
            consumer.onTick(tick);
        } else {
            outcomes.accept(source, verdict);
            log.debug("token {}: {} tick seq {} from {} not fed ({})", tokenId, verdict.tag(), tick.seq(),
                    from, tick.epoch());
        }
    }

    /**
     * A tick that spent longer than {@code maxTickAge} between the exchange socket and here (a
     * saturated feed, a stalled broker) describes a market that has moved on: it is not fed, so
     * a strategy never acts on old prices as if they were fresh. Logged once a minute with a count.
     */
    private boolean tooOld(String from, Tick tick, long arrivedAt, long now) {
        if (maxTickAgeMs <= 0 || tick.receivedTime() <= 0) {
            return false;
        }
        long age = arrivedAt - tick.receivedTime();
        if (age <= maxTickAgeMs) {
            return false;
        }
        lateLog.record(() -> "tick(s) older than " + maxTickAgeMs + " ms not fed to strategies (latest: token "
                + tick.tokenId() + " from " + from + ", " + age + " ms old; a saturated feed, or clocks out of sync"
                + " between hosts)");
        return true;
    }

    private void setTradable(String tokenId, TokenFeed tf, boolean tradable, String reason) {
        String previous = tf.reason;
        tf.reason = reason;
        if (tf.tradable != tradable) {
            tf.tradable = tradable;
            log.info("token {}: {} ({})", tokenId, tradable ? "tradable" : "not tradable", reason);
            consumer.onTradable(tokenId, tradable, reason);
        } else if (!tradable && !reason.equals(previous)) {
            log.debug("token {}: still not tradable: {}", tokenId, reason);
        }
    }

    private TickSource activeSource() {
        return mode == FeedMode.DIRECT ? TickSource.DIRECT : TickSource.SHARED;
    }

    /** Tokens of ours the replica reports as STALE or DESYNCED, or null when none. */
    String sharedTokensProblem(String replica) {
        List<String> bad = new ArrayList<>();
        tokens.forEach((id, tf) -> {
            Seen seen = tf.shared.get(replica);
            if (seen != null && (seen.tick().state() == TickState.STALE || seen.tick().state() == TickState.DESYNCED)) {
                bad.add(id + " " + seen.tick().state());
            }
        });
        if (bad.isEmpty()) {
            return null;
        }
        return "token(s) not LIVE on " + replica + ": " + (bad.size() > 5 ? bad.subList(0, 5) + " and "
                + (bad.size() - 5) + " more" : bad);
    }

    /** Each token as health and status show it: the active source's tick, or the newest one in mode NONE. */
    Map<String, TokenFeedView> views(long now) {
        Map<String, TokenFeedView> out = new TreeMap<>();
        tokens.forEach((id, tf) -> out.put(id, view(id, tf, now)));
        return out;
    }

    private TokenFeedView view(String id, TokenFeed tf, long now) {
        String tag = activeTag();
        Seen seen = latest(tf);
        if (mode == FeedMode.NONE) {
            // The newest tick any source has, named after its source.
            seen = tf.direct;
            tag = FeedTransition.tag(FeedMode.DIRECT, null);
            for (Map.Entry<String, Seen> e : tf.shared.entrySet()) {
                if (seen == null || e.getValue().at() > seen.at()) {
                    seen = e.getValue();
                    tag = FeedTransition.tag(FeedMode.SHARED, e.getKey());
                }
            }
        }
        Tick fed = tf.fed;
        String fedEpoch = fed == null ? null : fed.epoch();
        long fedSeq = fed == null ? 0 : fed.seq();
        long fedTime = fed == null ? 0 : fed.exchangeTime();
        if (seen == null) {
            return new TokenFeedView(id, "UNKNOWN", tag, null, 0, -1, false, tf.reason, null, null, null, fedEpoch,
                    fedSeq, fedTime);
        }
        Tick tick = seen.tick();
        return new TokenFeedView(id, tick.state().name(), tag, tick.epoch(), tick.seq(), now - seen.at(),
                tf.tradable, tf.reason, tick.bestBid(), tick.bestAsk(), tick.lastTradePrice(), fedEpoch, fedSeq, fedTime);
    }
}
