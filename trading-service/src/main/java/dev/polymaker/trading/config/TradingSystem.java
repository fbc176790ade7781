package dev.polymaker.trading.config;

import dev.polymaker.trading.positions.ExchangePositions;
import dev.polymaker.trading.positions.PositionReconciler;
import dev.polymaker.marketdata.api.Tick;
import dev.polymaker.marketdata.api.tokens.TokenFileWatcher;
import dev.polymaker.marketdata.api.stream.TickStreamConfig;
import dev.polymaker.polymarket.upstream.UpstreamConfig;
import dev.polymaker.trading.feed.FeedSettings;
import dev.polymaker.trading.feed.MarketDataFeed;
import dev.polymaker.trading.feed.SharedReplica;
import dev.polymaker.trading.feed.TickGate;
import dev.polymaker.trading.feed.TickSource;
import dev.polymaker.trading.metrics.TradingMetrics;
import dev.polymaker.trading.orders.OrderGateway;
import dev.polymaker.trading.orders.Portfolio;
import dev.polymaker.trading.strategy.StopLossParameters;
import dev.polymaker.trading.strategy.StrategyDispatcher;
import dev.polymaker.trading.strategy.StrategyParameters;
import dev.polymaker.trading.strategy.TokenTrader;
import dev.polymaker.trading.strategy.VolArbStrategy;
import dev.polymaker.trading.threads.TradingThreads;
import dev.polymaker.trading.tokens.TokenRegistry;
import dev.polymaker.trading.tokens.TokenSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The trading side wired in one place, free of Spring: token ownership, the feed, the strategy
 * thread and the order gateway. Threads come from {@link TradingThreads}: {@code trading-housekeeping}
 * (token file, venue watch, stop-loss timer, summary line) plus those of the feed and the strategy
 * dispatcher.
 */
public final class TradingSystem implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TradingSystem.class);

    private final TradingProperties props;
    private final OrderGateway gateway;
    private final Portfolio portfolio;
    private final TradingMetrics metrics;
    private final Clock clock;
    private final StrategyParameters parameters;
    private final StopLossParameters stopLoss;
    private final TokenRegistry<TokenTrader> registry;
    private final StrategyDispatcher dispatcher;
    private final PositionReconciler reconciler;
    private final java.util.concurrent.atomic.AtomicBoolean positionCheckScheduled =
            new java.util.concurrent.atomic.AtomicBoolean();
    private static final Duration RECONCILE_RETRY = Duration.ofSeconds(5);
    private static final Duration AFTER_FILL = Duration.ofSeconds(3);
    private final MarketDataFeed feed;
    private final TokenFileWatcher tokenFile;
    private final ScheduledExecutorService housekeeping;
    private final String instanceId = UUID.randomUUID().toString().substring(0, 8);
    private volatile boolean started;

    /**
     * @param portfolio positions (paper: the gateway's own; live: built from the gateway's fills)
     * @param market    told every LIVE tick before the strategies (the paper gateway fills against it)
     * @param gatewayKeepsPortfolio the gateway applies its fills to {@code portfolio} itself (paper)
     */
    /** Only touched on the housekeeping thread. */
    private boolean venueAccepts = true;

    public TradingSystem(TradingProperties props, OrderGateway gateway, Portfolio portfolio, Consumer<Tick> market,
                         boolean gatewayKeepsPortfolio, TradingMetrics metrics, TradingThreads threads, Clock clock) {
        this(props, gateway, portfolio, market, gatewayKeepsPortfolio, metrics, threads, clock, null);
    }

    /**
     * @param exchangePositions the account's positions on the exchange (live), or null (paper): with
     *                          them, nothing trades before they were read, and they are kept in line
     */
    public TradingSystem(TradingProperties props, OrderGateway gateway, Portfolio portfolio, Consumer<Tick> market,
                         boolean gatewayKeepsPortfolio, TradingMetrics metrics, TradingThreads threads, Clock clock,
                         ExchangePositions exchangePositions) {
        this.props = Objects.requireNonNull(props, "props");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.portfolio = Objects.requireNonNull(portfolio, "portfolio");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.parameters = props.getStrategy().toParameters();
        this.stopLoss = props.getStrategy().getStopLoss().toParameters();
        this.registry = new TokenRegistry<>(this::newTrader, new Lifecycle());
        this.dispatcher = new StrategyDispatcher(registry::owner, () -> registry.owners().values(), market, threads,
                clock);
        this.feed = new MarketDataFeed(feedSettings(props), dispatcher, clock, metrics.feed(), instanceId,
                threads.feed());
        this.reconciler = exchangePositions == null ? null
                : new PositionReconciler(exchangePositions, () -> registry.owners().keySet(), portfolio, dispatcher,
                        gateway, new PositionReconciler.Events() {
                            @Override
                            public void disagreement(String tokenId) {
                                metrics.positionDisagreement();
                            }

                            @Override
                            public void readFailed() {
                                metrics.positionReadFailed();
                            }
                        }, clock, props.getReconcile().getDust());
        gateway.onFill(gatewayKeepsPortfolio ? dispatcher::onFill : fill -> {
            portfolio.apply(fill);
            dispatcher.onFill(fill);
            positionsChanged();
        });
        gateway.onOrderEnded(dispatcher::onOrderEnded);
        dispatcher.onResolutions((tokenId, winner) -> portfolio.resolve(tokenId, winner).ifPresent(position ->
                log.info("token {}: position of {} resolved {} (P&L at settlement {})", tokenId, position.size(),
                        position.resolution(), position.resolvedPnl())));
        this.housekeeping = threads.housekeeping();
        this.tokenFile = props.getTokenFile() == null ? null
                : new TokenFileWatcher(props.getTokenFile(), clock, ids -> {
                    registry.replace(TokenSource.FILE, ids);
                    return null;
                }, metrics.tokenFileEvents());
        metrics.gauges(registry::size, dispatcher::halted, portfolio::totalRealised);
    }

    static FeedSettings feedSettings(TradingProperties p) {
        TradingProperties.MarketData md = p.getMarketData();
        List<SharedReplica> replicas = md.effectiveUrls().stream().map(url -> SharedReplica.of(new TickStreamConfig(url,
                md.getHeartbeat(), md.getInitialBackoff(), md.getMaxBackoff(), md.getAuthToken()))).toList();
        TradingProperties.Direct d = p.getDirect();
        UpstreamConfig direct = UpstreamConfig.of(d.getUrl(), d.getRestUrl(), d.getPingInterval(),
                d.getSilenceTimeout(), d.getFirstBookTimeout(), d.getMaxTokensPerSocket(), d.getInitialBackoff(),
                d.getMaxBackoff());
        return new FeedSettings(replicas, direct, p.getFeed().getStaleAfter(), p.getFeed().getReturnAfter(),
                p.getFeed().getCheckInterval(), d.getConnectJitter(), p.getFeed().getMaxTickAge());
    }

    public void start() {
        if (started) {
            return;
        }
        started = true;
        if (reconciler != null) {
            // Before any token is registered: no strategy may act on positions it does not know yet.
            dispatcher.holdForReconcile("reading the account's positions from the exchange");
        }
        for (String id : props.getTokens()) {
            registry.add(id, TokenSource.CONFIG);
        }
        if (tokenFile != null) {
            tokenFile.poll();
            long every = props.getTokenFilePoll().toMillis();
            housekeeping.scheduleWithFixedDelay(this::pollTokenFile, every, every, TimeUnit.MILLISECONDS);
        }
        feed.start();
        long summaryMs = props.getSummaryInterval().toMillis();
        housekeeping.scheduleAtFixedRate(this::logSummary, summaryMs, summaryMs, TimeUnit.MILLISECONDS);
        housekeeping.scheduleWithFixedDelay(this::watchVenue, 1, 1, TimeUnit.SECONDS);
        housekeeping.scheduleWithFixedDelay(this::retryFailedCancels, 1, 1, TimeUnit.SECONDS);
        if (stopLoss.enabled()) {
            long checkMs = stopLoss.checkInterval().toMillis();
            housekeeping.scheduleWithFixedDelay(this::checkStopLosses, checkMs, checkMs, TimeUnit.MILLISECONDS);
        }
        if (reconciler != null) {
            housekeeping.execute(this::reconcileAtStart);
        }
        log.info("feed mode {} via {} (replicas {}; direct fallback {}), {} token(s){}, orders {}", feed.mode(),
                feed.source(), props.getMarketData().effectiveUrls(), props.getDirect().getUrl(), registry.size(),
                tokenFile == null ? "" : " (token file " + tokenFile.file() + ")",
                props.getOrders().getMode().name().toLowerCase(java.util.Locale.ROOT));
    }

    /** Adds a token from a source; true when this created its strategy. */
    public boolean addToken(String tokenId, TokenSource source) {
        return registry.add(tokenId, source);
    }

    public boolean removeToken(String tokenId, TokenSource source) {
        return registry.remove(tokenId, source);
    }

    public void halt(String reason) {
        dispatcher.halt(reason);
    }

    public void resume() {
        dispatcher.resume();
    }

    public TokenRegistry<TokenTrader> registry() {
        return registry;
    }

    public MarketDataFeed feed() {
        return feed;
    }

    public StrategyDispatcher dispatcher() {
        return dispatcher;
    }

    public OrderGateway gateway() {
        return gateway;
    }

    public Portfolio portfolio() {
        return portfolio;
    }

    public TokenFileWatcher tokenFile() {
        return tokenFile;
    }

    @Override
    public void close() {
        housekeeping.shutdownNow();
        feed.close();
        // Nothing of ours may rest once we are gone (live: the dead-man heartbeat stops with us).
        try {
            List<String> cancelled = dispatcher.call(() -> gateway.cancelAll(registry.owners().keySet()));
            if (!cancelled.isEmpty()) {
                log.info("shutdown: cancelled {} resting order(s)", cancelled.size());
            }
        } catch (RuntimeException e) {
            log.error("shutdown: could not cancel resting orders", e);
        }
        dispatcher.close();
        gateway.close();
    }

    private TokenTrader newTrader(String tokenId) {
        metrics.strategyStarted();
        VolArbStrategy strategy = new VolArbStrategy(tokenId, parameters, stopLoss);
        return new TokenTrader(tokenId, strategy, gateway, metrics::order, clock::millis, trigger -> metrics.stopLoss());
    }

    /** Retries every 5 s until the account's positions were read; then trading starts and they are watched. */
    private void reconcileAtStart() {
        boolean done;
        try {
            done = reconciler.reconcileAtStart();
        } catch (RuntimeException e) {
            log.error("start-up reconciliation failed", e);
            done = false;
        }
        if (!done) {
            housekeeping.schedule(this::reconcileAtStart, RECONCILE_RETRY.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        dispatcher.reconciled();
        long every = props.getReconcile().getInterval().toMillis();
        housekeeping.scheduleWithFixedDelay(this::checkPositions, every, every, TimeUnit.MILLISECONDS);
    }

    private void checkPositions() {
        positionCheckScheduled.set(false);
        try {
            reconciler.check();
        } catch (RuntimeException e) {
            log.error("position check failed", e);
        }
    }

    /** After a fill: read the account again shortly (the data API lags fills), once per burst of fills. */
    private void positionsChanged() {
        if (reconciler != null && positionCheckScheduled.compareAndSet(false, true)) {
            housekeeping.schedule(this::checkPositions, AFTER_FILL.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The account reconciliation (live), or null (paper). */
    public PositionReconciler reconciler() {
        return reconciler;
    }

    /** Halts every strategy while the venue refuses our orders (geoblock, refused keys); resumes after. */
    private void watchVenue() {
        try {
            boolean accepts = gateway.acceptsOrders();
            if (accepts != venueAccepts) {
                venueAccepts = accepts;
                dispatcher.onVenueChange(accepts, gateway.healthReason());
            }
        } catch (RuntimeException e) {
            log.error("order venue check failed", e);
        }
    }

    private void retryFailedCancels() {
        try {
            dispatcher.retryFailedCancels();
        } catch (RuntimeException e) {
            log.error("cancel retry failed", e);
        }
    }

    private void checkStopLosses() {
        try {
            dispatcher.checkStopLosses();
        } catch (RuntimeException e) {
            log.error("stop-loss check failed", e);
        }
    }

    private void pollTokenFile() {
        try {
            tokenFile.poll();
        } catch (RuntimeException e) {
            log.error("token file check failed", e);
        }
    }

    private void logSummary() {
        try {
            long live = feed.tokens().values().stream().filter(v -> v.tradable()).count();
            log.info("summary: mode {} ({}), {} of {} replica(s) healthy, {} token(s) ({} tradable), ticks shared {} / direct {} accepted, {} duplicate, "
                            + "{} stale, {} open order(s), realised P&L {}{}", feed.mode(), feed.source(),
                    feed.replicaViews().stream().filter(r -> r.healthy()).count(), feed.replicaViews().size(),
                    registry.size(), live,
                    feed.tickCount(TickSource.SHARED, TickGate.Verdict.ACCEPTED),
                    feed.tickCount(TickSource.DIRECT, TickGate.Verdict.ACCEPTED),
                    feed.tickCount(TickSource.SHARED, TickGate.Verdict.DUPLICATE)
                            + feed.tickCount(TickSource.DIRECT, TickGate.Verdict.DUPLICATE),
                    feed.tickCount(TickSource.SHARED, TickGate.Verdict.STALE)
                            + feed.tickCount(TickSource.DIRECT, TickGate.Verdict.STALE),
                    gateway.openOrders().size(), portfolio.totalRealised().toPlainString(),
                    dispatcher.halted() ? ", HALTED: " + dispatcher.haltReason() : "");
        } catch (RuntimeException e) {
            log.error("summary failed", e);
        }
    }

    private final class Lifecycle implements TokenRegistry.Lifecycle<TokenTrader> {
        @Override
        public void added(String tokenId, TokenTrader owner) {
            log.info("token {}: added, strategy created", tokenId);
            dispatcher.adopt(owner);
            feed.addToken(tokenId);
            metrics.position(tokenId, portfolio::size);
        }

        @Override
        public void removed(String tokenId, TokenTrader owner) {
            log.info("token {}: removed; resting orders cancelled, position {} kept", tokenId,
                    portfolio.size(tokenId).toPlainString());
            feed.removeToken(tokenId);
            dispatcher.retire(owner, "token removed");
            metrics.positionGone(tokenId);
        }
    }
}
