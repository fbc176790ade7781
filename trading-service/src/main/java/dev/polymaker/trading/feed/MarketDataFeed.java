package dev.polymaker.trading.feed;

import dev.polymaker.marketdata.api.FeedStatus;
import dev.polymaker.marketdata.api.Tick;
import dev.polymaker.marketdata.api.stream.FeedLiveness;
import dev.polymaker.polymarket.upstream.UpstreamPool;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Collection;
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
 * This instance's market data: the {@link SharedFeed} while it is healthy, else the
 * {@link DirectFeed}, chosen by a {@link FeedSelector}; the {@link TickRouter} decides which ticks
 * reach the {@link FeedConsumer}. One lock guards all of it; no I/O or blocking close happens under it.
 * Threads: {@code trading-feed} (selector checks, direct pool start), plus those of the TickStream and
 * the UpstreamPool.
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
    private final SharedFeed shared;
    private final DirectFeed direct;

    // Guarded by this.
    private FeedStatus lastStatus;
    private boolean started;
    private boolean closed;
    private volatile FeedMode mode = FeedMode.SHARED;
    private volatile String lastSwitchReason = "start-up";
    private volatile long lastSwitchTime;

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
        this.selector = new FeedSelector(settings.staleAfter(), settings.returnAfter(), clock);
        this.lastSwitchTime = clock.millis();
        this.router = new TickRouter(consumer, metrics::tick, settings.maxTickAge());
        this.shared = new SharedFeed(settings.shared(), clock, new SharedEvents());
        this.direct = new DirectFeed(this, settings.direct(), settings.connectJitter(), clock, instanceId, scheduler,
                router::owns, (tokenId, tick) -> router.onTick(TickSource.DIRECT, tick, clock.millis()));
        metrics.modeGauges(() -> mode);
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
        shared.subscribe(router.tokenIds());
        shared.start();
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
        shared.subscribe(List.of(tokenId));
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
        return direct.running();
    }

    public synchronized Optional<String> directEpoch() {
        return direct.epoch();
    }

    /** Why the shared feed is unhealthy now, or null. */
    public synchronized String sharedProblem() {
        return selector.sharedProblem();
    }

    public synchronized Map<String, TokenFeedView> tokens() {
        return router.views(clock.millis());
    }

    public long tickCount(TickSource source, TickGate.Verdict outcome) {
        return metrics.tickCount(source, outcome);
    }

    /** For status output: the last shared feed-status seen, if any. */
    public synchronized Optional<FeedStatus> lastFeedStatus() {
        return Optional.ofNullable(lastStatus);
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
        shared.close();
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
                log.info("direct feed: closing the direct pool, the shared feed is back");
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
        lastSwitchReason = t.reason();
        lastSwitchTime = t.time();
        metrics.switched(t);
        boolean recovery = t.to() == FeedMode.SHARED || t.from() == FeedMode.NONE;
        if (recovery) {
            log.info("feed mode {} -> {}: {}", t.from(), t.to(), t.reason());
        } else {
            log.warn("feed mode {} -> {}: {}", t.from(), t.to(), t.reason());
        }
        consumer.onModeChange(t);
        router.onModeChange(t, clock.millis());
    }

    private final class SharedEvents implements SharedFeed.Events {
        @Override
        public void sharedTick(Tick tick) {
            metrics.latency(tick.publishedTime(), clock.millis());
            synchronized (MarketDataFeed.this) {
                router.onTick(TickSource.SHARED, tick, clock.millis());
            }
        }

        @Override
        public void sharedRejected(TickGate.Verdict verdict) {
            metrics.tick(TickSource.SHARED, verdict);
        }

        @Override
        public void sharedStatus(FeedStatus status) {
            synchronized (MarketDataFeed.this) {
                lastStatus = status;
                selector.sharedStatus(status.upstream(), router.sharedTokensProblem());
            }
        }

        @Override
        public void sharedSession(boolean connected, String reason) {
            synchronized (MarketDataFeed.this) {
                selector.sharedSession(connected, reason);
            }
        }
    }
}
