package dev.polymaker.trading.feed;

import dev.polymaker.marketdata.api.FeedStatus;
import dev.polymaker.marketdata.api.Tick;
import dev.polymaker.marketdata.api.TickState;
import dev.polymaker.marketdata.api.stream.FeedLiveness;
import dev.polymaker.marketdata.api.stream.TickStream;
import dev.polymaker.marketdata.api.stream.TickStreamListener;
import dev.polymaker.polymarket.upstream.TokenState;
import dev.polymaker.polymarket.upstream.TokenUpdate;
import dev.polymaker.polymarket.upstream.UpstreamListener;
import dev.polymaker.polymarket.upstream.UpstreamPool;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This instance's market data: the shared feed (market-data-service over STOMP, via
 * {@link TickStream}) while it is healthy, else its own direct {@link UpstreamPool}, chosen by a
 * {@link FeedSelector}. Only LIVE ticks of the active source reach the {@link FeedConsumer}, in
 * order per token across switches ({@link TickGate}). One lock guards all state; no I/O or
 * blocking close happens under it.
 *
 * <p>Threads: {@code trading-feed} (selector checks, direct pool start/stop), plus those owned by
 * the TickStream and the UpstreamPool.
 */
public final class MarketDataFeed implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MarketDataFeed.class);

    /** Everything known about one owned token. */
    private static final class TokenFeed {
        Tick shared;
        long sharedAt;
        Tick direct;
        long directAt;
        boolean tradable;
        String reason = "no data yet";
    }

    private final FeedSettings settings;
    private final FeedConsumer consumer;
    private final Clock clock;
    private final MeterRegistry meters;
    private final String instanceId;
    private final FeedSelector selector;
    private final TickGate gate = new TickGate();
    private final Map<String, TokenFeed> tokens = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler;
    private final TickStream shared;
    private final Timer latency;
    private final Map<String, Counter> tickCounters = new ConcurrentHashMap<>();
    private final AtomicLong pools = new AtomicLong();
    private final AtomicLong lateTicks = new AtomicLong();
    private volatile long lateLoggedAt = Long.MIN_VALUE / 2;

    // Guarded by this.
    private UpstreamPool pool;
    private DirectTickSequencer sequencer;
    private boolean poolStartScheduled;
    private FeedStatus lastStatus;
    private volatile FeedMode mode = FeedMode.SHARED;
    private volatile String lastSwitchReason = "start-up";
    private volatile long lastSwitchTime;
    private boolean started;
    private boolean closed;

    public MarketDataFeed(FeedSettings settings, FeedConsumer consumer, Clock clock, MeterRegistry meters,
                          String instanceId) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.meters = Objects.requireNonNull(meters, "meters");
        this.instanceId = instanceId;
        this.selector = new FeedSelector(settings.staleAfter(), settings.returnAfter(), clock);
        this.lastSwitchTime = clock.millis();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "trading-feed");
            t.setDaemon(true);
            return t;
        });
        this.shared = new TickStream(settings.shared(), new SharedListener(), clock);
        this.latency = Timer.builder("trading.tick.latency").description("shared feed tick published -> received")
                .publishPercentileHistogram().register(meters);
        for (FeedMode m : FeedMode.values()) {
            Gauge.builder("trading.feed.mode", () -> mode == m ? 1 : 0).tag("mode", m.name())
                    .description("1 for the current feed mode").register(meters);
        }
    }

    /** Connects the shared feed and starts checking; the direct pool starts only when needed. */
    public void start() {
        synchronized (this) {
            if (started) {
                return;
            }
            started = true;
            selector.start();
            lastSwitchTime = clock.millis();
        }
        shared.subscribe(List.copyOf(tokens.keySet()));
        shared.start();
        long every = Math.max(10, settings.checkInterval().toMillis());
        scheduler.scheduleWithFixedDelay(this::check, every, every, TimeUnit.MILLISECONDS);
    }

    public void addToken(String tokenId) {
        UpstreamPool p;
        synchronized (this) {
            if (tokens.putIfAbsent(tokenId, new TokenFeed()) != null) {
                return;
            }
            p = pool;
        }
        shared.subscribe(List.of(tokenId));
        if (p != null) {
            p.addTokens(List.of(tokenId));
        }
    }

    public void removeToken(String tokenId) {
        UpstreamPool p;
        synchronized (this) {
            if (tokens.remove(tokenId) == null) {
                return;
            }
            gate.forget(tokenId);
            if (sequencer != null) {
                sequencer.forget(tokenId);
            }
            p = pool;
        }
        shared.unsubscribe(List.of(tokenId));
        if (p != null) {
            p.removeTokens(List.of(tokenId));
        }
    }

    public FeedMode mode() {
        return mode;
    }

    public String lastSwitchReason() {
        return lastSwitchReason;
    }

    public long lastSwitchTime() {
        return lastSwitchTime;
    }

    public FeedLiveness sharedLiveness() {
        return shared.liveness();
    }

    public synchronized boolean directRunning() {
        return pool != null;
    }

    public synchronized Optional<String> directEpoch() {
        return Optional.ofNullable(sequencer).map(DirectTickSequencer::epoch);
    }

    /** Why the shared feed is unhealthy now, or null. */
    public synchronized String sharedProblem() {
        return selector.sharedProblem();
    }

    public synchronized Map<String, TokenFeedView> tokens() {
        long now = clock.millis();
        Map<String, TokenFeedView> out = new TreeMap<>();
        tokens.forEach((id, tf) -> out.put(id, view(id, tf, now)));
        return out;
    }

    public long tickCount(TickSource source, TickGate.Verdict outcome) {
        Counter c = tickCounters.get(source.tag() + "/" + outcome.tag());
        return c == null ? 0 : (long) c.count();
    }

    @Override
    public void close() {
        UpstreamPool p;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            p = pool;
            pool = null;
        }
        scheduler.shutdownNow();
        shared.close();
        if (p != null) {
            p.close();
        }
    }

    /** One selector round: direct liveness in, at most one switch out, then the direct pool brought in line. */
    void check() {
        try {
            UpstreamPool toClose = null;
            boolean scheduleStart = false;
            synchronized (this) {
                if (closed) {
                    return;
                }
                selector.directLive(pool != null && tokens.values().stream()
                        .anyMatch(tf -> tf.direct != null && tf.direct.state() == TickState.LIVE));
                selector.evaluate().ifPresent(this::apply);
                if (selector.wantsDirect() && pool == null && !poolStartScheduled) {
                    poolStartScheduled = true;
                    scheduleStart = true;
                } else if (!selector.wantsDirect() && pool != null) {
                    toClose = pool;
                    pool = null;
                    sequencer = null;
                    selector.directStopped();
                    tokens.values().forEach(tf -> tf.direct = null);
                }
            }
            if (scheduleStart) {
                long jitter = settings.connectJitter().isZero() ? 0
                        : ThreadLocalRandom.current().nextLong(settings.connectJitter().toMillis() + 1);
                synchronized (this) {
                    selector.directStarting(clock.millis() + jitter);
                }
                log.info("direct feed: connecting to {} in {} ms (jitter up to {} ms), {} token(s)",
                        settings.direct().url(), jitter, settings.connectJitter().toMillis(), tokens.size());
                scheduler.schedule(this::startPool, jitter, TimeUnit.MILLISECONDS);
            }
            if (toClose != null) {
                log.info("direct feed: closing the direct pool, the shared feed is back");
                toClose.close();
            }
        } catch (RuntimeException e) {
            log.error("feed check failed; will retry on the next round", e);
        }
    }

    private void startPool() {
        UpstreamPool p;
        synchronized (this) {
            poolStartScheduled = false;
            if (closed || !selector.wantsDirect() || pool != null) {
                return;
            }
            String epoch = "direct-" + instanceId + "-" + clock.millis() + "-" + pools.incrementAndGet();
            DirectTickSequencer seq = new DirectTickSequencer(epoch, clock::millis);
            p = new UpstreamPool(settings.direct(), new DirectListener(seq), clock);
            pool = p;
            sequencer = seq;
            p.addTokens(List.copyOf(tokens.keySet()));
        }
        try {
            p.start();
        } catch (RuntimeException e) {
            log.error("direct feed: pool failed to start; the selector will report it", e);
        }
    }

    /** A token the direct pool gave up on is tried again, as long as the same pool is running and we own it. */
    private void resubscribeDirect(String tokenId, DirectTickSequencer seq) {
        UpstreamPool p;
        synchronized (this) {
            if (sequencer != seq || pool == null || !tokens.containsKey(tokenId)) {
                return;
            }
            p = pool;
        }
        try {
            p.removeTokens(List.of(tokenId));
            p.addTokens(List.of(tokenId));
        } catch (RuntimeException e) {
            log.error("direct feed: resubscribing token {} failed", tokenId, e);
        }
    }

    /** Applies a switch: log, metric, consumer, and re-route the latest state of the new source. */
    private void apply(FeedTransition t) {
        mode = t.to();
        lastSwitchReason = t.reason();
        lastSwitchTime = t.time();
        meters.counter("trading.feed.switches", "from", t.from().name(), "to", t.to().name()).increment();
        boolean recovery = t.to() == FeedMode.SHARED || t.from() == FeedMode.NONE;
        if (recovery) {
            log.info("feed mode {} -> {}: {}", t.from(), t.to(), t.reason());
        } else {
            log.warn("feed mode {} -> {}: {}", t.from(), t.to(), t.reason());
        }
        consumer.onModeChange(t);
        tokens.forEach((id, tf) -> {
            if (t.to() == FeedMode.NONE) {
                setTradable(id, tf, false, "feed mode NONE: " + t.reason());
                return;
            }
            TickSource source = t.to() == FeedMode.SHARED ? TickSource.SHARED : TickSource.DIRECT;
            Tick latest = source == TickSource.SHARED ? tf.shared : tf.direct;
            if (latest == null) {
                setTradable(id, tf, false, "no data yet from the " + source.tag() + " feed");
            } else {
                route(source, id, tf, latest);
            }
        });
    }

    private void onTick(TickSource source, Tick tick, boolean countAccepted) {
        TokenFeed tf = tokens.get(tick.tokenId());
        if (tf == null) {
            return;
        }
        long now = clock.millis();
        if (source == TickSource.SHARED) {
            tf.shared = tick;
            tf.sharedAt = now;
        } else {
            tf.direct = tick;
            tf.directAt = now;
        }
        if (activeSource() == source) {
            route(source, tick.tokenId(), tf, tick);
        } else if (countAccepted) {
            count(source, TickGate.Verdict.ACCEPTED);
        }
    }

    private void route(TickSource source, String tokenId, TokenFeed tf, Tick tick) {
        if (tick.state() != TickState.LIVE) {
            setTradable(tokenId, tf, false, tick.state() + " on the " + source.tag() + " feed");
            count(source, TickGate.Verdict.ACCEPTED);
            return;
        }
        if (tick.bestBid() == null && tick.bestAsk() == null && tick.lastTradePrice() == null) {
            setTradable(tokenId, tf, false, "LIVE on the " + source.tag() + " feed but no book yet");
            count(source, TickGate.Verdict.ACCEPTED);
            return;
        }
        TickGate.Verdict verdict = gate.admit(source, tick);
        setTradable(tokenId, tf, true, "LIVE on the " + source.tag() + " feed");
        if (verdict == TickGate.Verdict.ACCEPTED && tooOld(source, tick)) {
            count(source, TickGate.Verdict.LATE);
        } else if (verdict == TickGate.Verdict.ACCEPTED) {
            count(source, verdict);
            consumer.onTick(tick);
        } else {
            count(source, verdict);
            log.debug("token {}: {} tick seq {} from {} not fed ({})", tokenId, verdict.tag(), tick.seq(),
                    source.tag(), tick.epoch());
        }
    }

    /**
     * A tick that spent longer than {@code maxTickAge} between the exchange socket and here (a
     * saturated feed, a stalled broker) describes a market that has moved on: it is not fed, so
     * a strategy never acts on old prices as if they were fresh. Logged once a minute with a count.
     */
    private boolean tooOld(TickSource source, Tick tick) {
        long limit = settings.maxTickAge().toMillis();
        if (limit <= 0 || tick.receivedTime() <= 0) {
            return false;
        }
        long age = clock.millis() - tick.receivedTime();
        if (age <= limit) {
            return false;
        }
        long n = lateTicks.incrementAndGet();
        long now = clock.millis();
        if (now - lateLoggedAt >= 60_000) {
            lateLoggedAt = now;
            log.warn("{} tick(s) older than {} ms not fed to strategies (latest: token {} from the {} feed, {} ms old;"
                    + " a saturated feed, or clocks out of sync between hosts)", n, limit, tick.tokenId(),
                    source.tag(), age);
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

    private void count(TickSource source, TickGate.Verdict verdict) {
        tickCounters.computeIfAbsent(source.tag() + "/" + verdict.tag(), k -> meters.counter("trading.ticks",
                "source", source.tag(), "outcome", verdict.tag())).increment();
    }

    /** Tokens of ours the shared feed reports as STALE or DESYNCED, or null when none. */
    private String sharedTokensProblem() {
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

    private TokenFeedView view(String id, TokenFeed tf, long now) {
        TickSource source = activeSource();
        Tick tick;
        long at;
        if (source == null) {
            boolean directNewer = tf.direct != null && (tf.shared == null || tf.directAt >= tf.sharedAt);
            source = directNewer ? TickSource.DIRECT : TickSource.SHARED;
        }
        tick = source == TickSource.SHARED ? tf.shared : tf.direct;
        at = source == TickSource.SHARED ? tf.sharedAt : tf.directAt;
        if (tick == null) {
            return new TokenFeedView(id, "UNKNOWN", source.tag(), null, 0, -1, false, tf.reason, null, null, null);
        }
        return new TokenFeedView(id, tick.state().name(), source.tag(), tick.epoch(), tick.seq(), now - at,
                tf.tradable, tf.reason, tick.bestBid(), tick.bestAsk(), tick.lastTradePrice());
    }

    private final class SharedListener implements TickStreamListener {
        @Override
        public void onTick(Tick tick) {
            long published = tick.publishedTime();
            if (published > 0) {
                latency.record(Duration.ofMillis(Math.max(0, clock.millis() - published)));
            }
            synchronized (MarketDataFeed.this) {
                MarketDataFeed.this.onTick(TickSource.SHARED, tick, true);
            }
        }

        @Override
        public void onRejected(Tick tick, String outcome) {
            count(TickSource.SHARED, "duplicate".equals(outcome) ? TickGate.Verdict.DUPLICATE : TickGate.Verdict.STALE);
        }

        @Override
        public void onFeedStatus(FeedStatus status) {
            synchronized (MarketDataFeed.this) {
                lastStatus = status;
                selector.sharedStatus(status.upstream(), sharedTokensProblem());
            }
        }

        @Override
        public void onConnectionChange(boolean connected, String reason) {
            if (connected) {
                log.info("shared feed: connected to {}", settings.shared().url());
            } else {
                log.warn("shared feed: disconnected from {}: {}", settings.shared().url(), reason);
            }
            synchronized (MarketDataFeed.this) {
                selector.sharedSession(connected, reason);
            }
        }
    }

    private final class DirectListener implements UpstreamListener {
        private final DirectTickSequencer seq;

        DirectListener(DirectTickSequencer seq) {
            this.seq = seq;
        }

        @Override
        public void onUpdate(TokenUpdate update) {
            synchronized (MarketDataFeed.this) {
                if (sequencer != seq || !tokens.containsKey(update.tokenId())) {
                    return;
                }
                MarketDataFeed.this.onTick(TickSource.DIRECT, seq.onUpdate(update), true);
            }
        }

        @Override
        public void onTokenState(String tokenId, TokenState state, String reason) {
            synchronized (MarketDataFeed.this) {
                if (sequencer != seq || !tokens.containsKey(tokenId)) {
                    return;
                }
                log.info("direct feed: token {} {} ({})", tokenId, state, reason);
                MarketDataFeed.this.onTick(TickSource.DIRECT, seq.onState(tokenId, state), true);
                if (state == TokenState.FAILED) {
                    long retryMs = settings.staleAfter().toMillis();
                    log.warn("direct feed: token {} gave no book ({}); subscribing it again in {} ms", tokenId, reason,
                            retryMs);
                    scheduler.schedule(() -> resubscribeDirect(tokenId, seq), retryMs, TimeUnit.MILLISECONDS);
                }
            }
        }
    }

    /** For status output: the last shared feed-status seen, if any. */
    public synchronized Optional<FeedStatus> lastFeedStatus() {
        return Optional.ofNullable(lastStatus);
    }

    /** The tokens currently owned by the feed. */
    public Collection<String> tokenIds() {
        return List.copyOf(tokens.keySet());
    }
}
