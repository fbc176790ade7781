package dev.polymaker.trading.feed;

import dev.polymaker.marketdata.api.Tick;
import dev.polymaker.marketdata.api.TickState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which tick reaches the strategies: only LIVE ticks of the active source, in order per token
 * across switches ({@link TickGate}), and none older than {@code maxTickAge}; also whether each
 * token is tradable and why. Pure: no I/O, no threads, time passed in; callers serialise calls.
 */
final class TickRouter {

    private static final Logger log = LoggerFactory.getLogger(TickRouter.class);
    private static final long LATE_LOG_EVERY_MS = 60_000;

    /** Everything known about one owned token. */
    private static final class TokenFeed {
        /** Its market resolved: final. */
        boolean resolved;
        Tick shared;
        long sharedAt;
        Tick direct;
        long directAt;
        boolean tradable;
        String reason = "no data yet";

        Tick latest(TickSource source) {
            return source == TickSource.SHARED ? shared : direct;
        }
    }

    private final FeedConsumer consumer;
    private final BiConsumer<TickSource, TickGate.Verdict> outcomes;
    private final long maxTickAgeMs;
    private final TickGate gate = new TickGate();
    private final Map<String, TokenFeed> tokens = new ConcurrentHashMap<>();
    private FeedMode mode = FeedMode.SHARED;
    private long lateTicks;
    private long lateLoggedAt = Long.MIN_VALUE / 2;

    /** @param outcomes told the outcome of every tick (the {@code trading_ticks_total} metric) */
    TickRouter(FeedConsumer consumer, BiConsumer<TickSource, TickGate.Verdict> outcomes, Duration maxTickAge) {
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.outcomes = Objects.requireNonNull(outcomes, "outcomes");
        this.maxTickAgeMs = maxTickAge.toMillis();
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
        return tokens.values().stream().anyMatch(tf -> tf.direct != null && tf.direct.state() == TickState.LIVE);
    }

    /** The direct pool stopped: its ticks no longer describe anything. */
    void directStopped() {
        tokens.values().forEach(tf -> tf.direct = null);
    }

    /** A tick from either source: remembered, and fed when its source is the active one. */
    void onTick(TickSource source, Tick tick, long now) {
        TokenFeed tf = tokens.get(tick.tokenId());
        if (tf == null) {
            return;
        }
        if (source == TickSource.SHARED) {
            tf.shared = tick;
            tf.sharedAt = now;
        } else {
            tf.direct = tick;
            tf.directAt = now;
        }
        if (activeSource() == source) {
            route(source, tick.tokenId(), tf, tick, now);
        } else {
            outcomes.accept(source, TickGate.Verdict.ACCEPTED);
        }
    }

    /** A mode switch: the latest state of the new source is routed at once. */
    void onModeChange(FeedTransition t, long now) {
        mode = t.to();
        tokens.forEach((id, tf) -> {
            if (t.to() == FeedMode.NONE) {
                setTradable(id, tf, false, "feed mode NONE: " + t.reason());
                return;
            }
            TickSource source = activeSource();
            Tick latest = tf.latest(source);
            if (latest == null) {
                setTradable(id, tf, false, "no data yet from the " + source.tag() + " feed");
            } else {
                route(source, id, tf, latest, now);
            }
        });
    }

    private void route(TickSource source, String tokenId, TokenFeed tf, Tick tick, long now) {
        if (tick.state() == TickState.RESOLVED) {
            setTradable(tokenId, tf, false, "market resolved (" + source.tag() + " feed)");
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
            setTradable(tokenId, tf, false, tick.state() + " on the " + source.tag() + " feed");
            outcomes.accept(source, TickGate.Verdict.ACCEPTED);
            return;
        }
        if (tick.bestBid() == null && tick.bestAsk() == null && tick.lastTradePrice() == null) {
            setTradable(tokenId, tf, false, "LIVE on the " + source.tag() + " feed but no book yet");
            outcomes.accept(source, TickGate.Verdict.ACCEPTED);
            return;
        }
        TickGate.Verdict verdict = gate.admit(source, tick);
        setTradable(tokenId, tf, true, "LIVE on the " + source.tag() + " feed");
        if (verdict == TickGate.Verdict.ACCEPTED && tooOld(source, tick, now)) {
            outcomes.accept(source, TickGate.Verdict.LATE);
        } else if (verdict == TickGate.Verdict.ACCEPTED) {
            outcomes.accept(source, verdict);
            consumer.onTick(tick);
        } else {
            outcomes.accept(source, verdict);
            log.debug("token {}: {} tick seq {} from {} not fed ({})", tokenId, verdict.tag(), tick.seq(),
                    source.tag(), tick.epoch());
        }
    }

    /**
     * A tick that spent longer than {@code maxTickAge} between the exchange socket and here (a
     * saturated feed, a stalled broker) describes a market that has moved on: it is not fed, so
     * a strategy never acts on old prices as if they were fresh. Logged once a minute with a count.
     */
    private boolean tooOld(TickSource source, Tick tick, long now) {
        if (maxTickAgeMs <= 0 || tick.receivedTime() <= 0) {
            return false;
        }
        long age = now - tick.receivedTime();
        if (age <= maxTickAgeMs) {
            return false;
        }
        lateTicks++;
        if (now - lateLoggedAt >= LATE_LOG_EVERY_MS) {
            lateLoggedAt = now;
            log.warn("{} tick(s) older than {} ms not fed to strategies (latest: token {} from the {} feed, {} ms old;"
                    + " a saturated feed, or clocks out of sync between hosts)", lateTicks, maxTickAgeMs,
                    tick.tokenId(), source.tag(), age);
        }
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
        return switch (mode) {
            case SHARED -> TickSource.SHARED;
            case DIRECT -> TickSource.DIRECT;
            case NONE -> null;
        };
    }

    /** Tokens of ours the shared feed reports as STALE or DESYNCED, or null when none. */
    String sharedTokensProblem() {
        List<String> bad = new ArrayList<>();
        tokens.forEach((id, tf) -> {
            if (tf.shared != null && (tf.shared.state() == TickState.STALE || tf.shared.state() == TickState.DESYNCED)) {
                bad.add(id + " " + tf.shared.state());
            }
        });
        if (bad.isEmpty()) {
            return null;
        }
        return "token(s) not LIVE on the shared feed: " + (bad.size() > 5 ? bad.subList(0, 5) + " and " + (bad.size() - 5)
                + " more" : bad);
    }

    /** Each token as health and status show it: the active source's tick, or the newest one in mode NONE. */
    Map<String, TokenFeedView> views(long now) {
        Map<String, TokenFeedView> out = new TreeMap<>();
        tokens.forEach((id, tf) -> out.put(id, view(id, tf, now)));
        return out;
    }

    private TokenFeedView view(String id, TokenFeed tf, long now) {
        TickSource source = activeSource();
        if (source == null) {
            boolean directNewer = tf.direct != null && (tf.shared == null || tf.directAt >= tf.sharedAt);
            source = directNewer ? TickSource.DIRECT : TickSource.SHARED;
        }
        Tick tick = tf.latest(source);
        long at = source == TickSource.SHARED ? tf.sharedAt : tf.directAt;
        if (tick == null) {
            return new TokenFeedView(id, "UNKNOWN", source.tag(), null, 0, -1, false, tf.reason, null, null, null);
        }
        return new TokenFeedView(id, tick.state().name(), source.tag(), tick.epoch(), tick.seq(), now - at,
                tf.tradable, tf.reason, tick.bestBid(), tick.bestAsk(), tick.lastTradePrice());
    }
}
