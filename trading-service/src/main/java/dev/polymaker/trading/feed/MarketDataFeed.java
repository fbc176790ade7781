package dev.polymaker.trading.feed;

import dev.polymaker.marketdata.api.FeedStatus;
import dev.polymaker.marketdata.api.Tick;
import dev.polymaker.marketdata.api.stream.FeedLiveness;
import dev.polymaker.polymarket.upstream.UpstreamPool;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import dev.polymaker.trading.threads.TradingThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's market data: one of the market-data-service replicas ({@link SharedFeed}s, all
 * subscribed) while one is healthy, else the {@link DirectFeed}, chosen by a {@link FeedSelector}; the
 * {@link TickRouter} decides which ticks reach the {@link FeedConsumer} (docs/architecture.md §3.7).
 * One lock guards all of it; no I/O or blocking close happens under it. Threads: {@code trading-feed}
 * (selector checks, direct pool start), plus those of each replica's TickStream and the UpstreamPool.
 */
public final class MarketDataFeed implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MarketDataFeed.class);

    private final FeedSettings settings;
    private final FeedConsumer consumer;
    private final Clock clock;
    private final FeedMetrics metrics;
    private final FeedSelector selector;
    private final ScheduledExecutorService scheduler;
    private final boolean ownsScheduler;
    private final TickRouter router;
    /** By replica name, in configuration order. */
    private final Map<String, SharedFeed> replicas = new LinkedHashMap<>();
    private final DirectFeed direct;

    // Guarded by this.
    private final Map<String, FeedStatus> lastStatus = new HashMap<>();
    private boolean started;
    private boolean closed;
    private volatile FeedMode mode = FeedMode.SHARED;
    private volatile String source;
    private volatile String lastSwitchReason = "start-up";
    private volatile long lastSwitchTime;
    private volatile int healthyReplicas;

    /** A feed with its own {@code trading-feed} thread, shut down on close. */
    public MarketDataFeed(FeedSettings settings, FeedConsumer consumer, Clock clock, MeterRegistry meters,
                          String instanceId) {
        this(settings, consumer, clock, new FeedMetrics(meters), instanceId, new TradingThreads().feed(), true);
    }

    /** @param scheduler the {@code trading-feed} thread, owned by the caller */
    public MarketDataFeed(FeedSettings settings, FeedConsumer consumer, Clock clock, FeedMetrics metrics,
                          String instanceId, ScheduledExecutorService scheduler) {
        this(settings, consumer, clock, metrics, instanceId, scheduler, false);
    }

    private MarketDataFeed(FeedSettings settings, FeedConsumer consumer, Clock clock, FeedMetrics metrics,
                           String instanceId, ScheduledExecutorService scheduler, boolean ownsScheduler) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.ownsScheduler = ownsScheduler;
        List<String> names = settings.replicas().stream().map(SharedReplica::name).toList();
        this.selector = new FeedSelector(names, settings.staleAfter(), settings.returnAfter(), clock);
        this.lastSwitchTime = clock.millis();
        this.source = FeedTransition.tag(FeedMode.SHARED, selector.activeReplica());
        this.router = new TickRouter(consumer, metrics::tick, settings.maxTickAge(), selector.activeReplica(), clock);
        SharedEvents events = new SharedEvents();
        settings.replicas().forEach(r -> replicas.put(r.name(), new SharedFeed(r, clock, events)));
        this.direct = new DirectFeed(this, settings.direct(), settings.connectJitter(), clock, instanceId, scheduler,
                router::owns, (tokenId, tick) -> router.onDirectTick(tick, clock.millis()));
        metrics.modeGauges(() -> mode);
        metrics.replicaGauges(names.size(), () -> healthyReplicas);
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
        List<String> ids = router.tokenIds();
        replicas.values().forEach(r -> {
            r.subscribe(ids);
            r.start();
        });
        long every = Math.max(10, settings.checkInterval().toMillis());
        scheduler.scheduleWithFixedDelay(this::check, every, every, TimeUnit.MILLISECONDS);
    }

    public void addToken(String tokenId) {
        UpstreamPool p;
        synchronized (this) {
            if (!router.add(tokenId)) {
                return;
            }
            p = direct.pool();
        }
        replicas.values().forEach(r -> r.subscribe(List.of(tokenId)));
        if (p != null) {
            p.addTokens(List.of(tokenId));
        }
    }

    public void removeToken(String tokenId) {
        UpstreamPool p;
        synchronized (this) {
            if (!router.remove(tokenId)) {
                return;
            }
            direct.forget(tokenId);
            p = direct.pool();
        }
        replicas.values().forEach(r -> r.unsubscribe(List.of(tokenId)));
        if (p != null) {
            p.removeTokens(List.of(tokenId));
        }
    }

    public FeedMode mode() {
        return mode;
    }

    /** The active source: {@code shared:<replica>}, {@code direct} or {@code none}. */
    public String source() {
        return source;
    }

    public String lastSwitchReason() {
        return lastSwitchReason;
    }

    public long lastSwitchTime() {
        return lastSwitchTime;
    }

    /** The replica followed in mode SHARED (in other modes: the last one followed). */
    public synchronized String activeReplica() {
        return selector.activeReplica();
    }

    /** The liveness of the replica followed (the last one followed outside SHARED). */
    public FeedLiveness sharedLiveness() {
        return replicas.get(activeReplica()).liveness();
    }

    /** Every replica in configuration order, as health and status show them. */
    public synchronized List<ReplicaView> replicaViews() {
        return replicas.values().stream().map(r -> {
            String name = r.replica().name();
            return new ReplicaView(name, r.replica().stream().url(), name.equals(selector.activeReplica())
                    && mode == FeedMode.SHARED, selector.replicaHealthy(name), selector.replicaProblem(name),
                    r.liveness());
        }).toList();
    }

    public synchronized boolean directRunning() {
        return direct.running();
    }

    public synchronized Optional<String> directEpoch() {
        return direct.epoch();
    }

    /** Why the followed replica is unhealthy now, or null. */
    public synchronized String sharedProblem() {
        return selector.sharedProblem();
    }

    public synchronized Map<String, TokenFeedView> tokens() {
        return router.views(clock.millis());
    }

    public long tickCount(TickSource source, TickGate.Verdict outcome) {
        return metrics.tickCount(source, outcome);
    }

    /** For status output: the last feed-status of the followed replica, if any. */
    public synchronized Optional<FeedStatus> lastFeedStatus() {
        return Optional.ofNullable(lastStatus.get(selector.activeReplica()));
    }

    /** The tokens currently owned by the feed. */
    public Collection<String> tokenIds() {
        return router.tokenIds();
    }

    @Override
    public void close() {
        UpstreamPool p;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            p = direct.detach();
        }
        if (ownsScheduler) {
            scheduler.shutdownNow();
        }
        replicas.values().forEach(SharedFeed::close);
        if (p != null) {
            p.close();
        }
    }

    /** One selector round: direct liveness in, at most one switch out, then the direct pool brought in line. */
    void check() {
        try {
            UpstreamPool toClose = null;
            boolean start = false;
            int tokens;
            synchronized (this) {
                if (closed) {
                    return;
                }
                selector.directLive(direct.running() && router.anyDirectLive());
                selector.evaluate().ifPresent(this::apply);
                healthyReplicas = selector.healthyReplicas();
                if (selector.wantsDirect()) {
                    start = direct.claimStart();
                } else if (direct.running()) {
                    toClose = direct.detach();
                    selector.directStopped();
                    router.directStopped();
                }
                tokens = router.size();
            }
            if (start) {
                long jitter = direct.jitterMillis();
                synchronized (this) {
                    selector.directStarting(clock.millis() + jitter);
                }
                direct.startAfter(jitter, tokens, this::directWanted, router::tokenIds);
            }
            if (toClose != null) {
                log.info("direct feed: closing the direct pool, following {} again", source);
                toClose.close();
            }
        } catch (RuntimeException e) {
            log.error("feed check failed; will retry on the next round", e);
        }
    }

    /** Under the lock (the direct start asks it there). */
    private boolean directWanted() {
        return !closed && selector.wantsDirect();
    }

    /** Applies a switch: log, metric, consumer, and re-route the latest state of the new source. */
    private void apply(FeedTransition t) {
        mode = t.to();
        source = t.toTag();
        lastSwitchReason = t.describe();
        lastSwitchTime = t.time();
        metrics.switched(t);
        boolean recovery = t.to() == FeedMode.SHARED && t.from() != FeedMode.SHARED || t.from() == FeedMode.NONE;
        if (recovery) {
            log.info("feed {} -> {} ({}): {}", t.fromTag(), t.toTag(), t.reason().tag(), t.describe());
        } else {
            log.warn("feed {} -> {} ({}): {}", t.fromTag(), t.toTag(), t.reason().tag(), t.describe());
        }
        consumer.onModeChange(t);
        router.onModeChange(t, clock.millis());
    }

    private final class SharedEvents implements SharedFeed.Events {
        @Override
        public void sharedTick(String replica, Tick tick) {
            long now = clock.millis();
            metrics.latency(tick.publishedTime(), now);
            synchronized (MarketDataFeed.this) {
                router.onSharedTick(replica, tick, now);
            }
        }

        @Override
        public void sharedRejected(String replica, TickGate.Verdict verdict) {
            metrics.tick(TickSource.SHARED, verdict);
        }

        @Override
        public void sharedStatus(String replica, FeedStatus status) {
            synchronized (MarketDataFeed.this) {
                lastStatus.put(replica, status);
                selector.replicaStatus(replica, status.upstream(), router.sharedTokensProblem(replica));
            }
        }

        @Override
        public void sharedSession(String replica, boolean connected, String reason) {
            synchronized (MarketDataFeed.this) {
                selector.replicaSession(replica, connected, reason);
            }
        }
    }
}
