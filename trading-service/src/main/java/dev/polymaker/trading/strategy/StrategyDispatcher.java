package dev.polymaker.trading.strategy;

import dev.polymaker.marketdata.api.Tick;
import dev.polymaker.support.RepeatedCondition;
import dev.polymaker.trading.feed.FeedConsumer;
import dev.polymaker.trading.feed.FeedMode;
import dev.polymaker.trading.feed.FeedTransition;
import dev.polymaker.trading.threads.TradingThreads;
import dev.polymaker.trading.orders.Fill;
import dev.polymaker.trading.orders.OrderView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Hands every event of every token to its {@link TokenTrader} on one strategy thread
 * ({@code trading-strategy}), so each strategy is used single-threaded. Ticks are state: per token
 * only the newest waiting tick is kept, so a slow strategy sees the latest book, never a backlog.
 * Holds the three halt reasons: an operator halt, a feed halt (mode NONE) and a venue halt (the
 * exchange refuses our orders, e.g. geoblocked).
 */
public final class StrategyDispatcher implements FeedConsumer, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StrategyDispatcher.class);

    private final Function<String, Optional<TokenTrader>> traders;
    private final Supplier<Collection<TokenTrader>> allTraders;
    private final Consumer<Tick> market;
    private final ThreadPoolExecutor executor;
    private final Map<String, Tick> pendingTicks = new ConcurrentHashMap<>();
    private final Set<String> scheduled = ConcurrentHashMap.newKeySet();
    private final AtomicLong rejected = new AtomicLong();
    private final RepeatedCondition dropLog;
    private final AtomicBoolean stopLossCheckQueued = new AtomicBoolean();
    private final AtomicBoolean cancelRetryQueued = new AtomicBoolean();
    private volatile Thread strategyThread;
    // Only read and written on the strategy thread.
    private boolean operatorHalted;
    private boolean feedHalted;
    private boolean venueHalted;
    private String venueReason;
    /** Live start: nothing may act before the account's positions were read from the exchange. */
    private boolean reconcileHeld;
    private volatile String haltReason;
    private volatile BiConsumer<String, String> resolutions = (tokenId, winner) -> { };

    /**
     * @param traders    the owner of each token, if it is still owned
     * @param allTraders every current owner
     * @param market     told every tick before the strategy (the paper gateway fills against it)
     */
    public StrategyDispatcher(Function<String, Optional<TokenTrader>> traders,
                              Supplier<Collection<TokenTrader>> allTraders, Consumer<Tick> market) {
        this(traders, allTraders, market, new TradingThreads());
    }

    /** @param threads makes the {@code trading-strategy} thread */
    public StrategyDispatcher(Function<String, Optional<TokenTrader>> traders,
                              Supplier<Collection<TokenTrader>> allTraders, Consumer<Tick> market,
                              TradingThreads threads) {
        this(traders, allTraders, market, threads, Clock.systemUTC());
    }

    /** @param clock times the "queue full" log (once, then once a minute with the count) */
    public StrategyDispatcher(Function<String, Optional<TokenTrader>> traders,
                              Supplier<Collection<TokenTrader>> allTraders, Consumer<Tick> market,
                              TradingThreads threads, Clock clock) {
        this.dropLog = new RepeatedCondition(log, Level.ERROR, clock, Duration.ofMinutes(1));
        this.traders = Objects.requireNonNull(traders, "traders");
        this.allTraders = Objects.requireNonNull(allTraders, "allTraders");
        this.market = Objects.requireNonNull(market, "market");
        this.executor = threads.strategy(t -> strategyThread = t);
    }

    @Override
    public void onTick(Tick tick) {
        pendingTicks.put(tick.tokenId(), tick);
        if (scheduled.add(tick.tokenId())) {
            submit("tick " + tick.tokenId(), () -> {
                scheduled.remove(tick.tokenId());
                Tick latest = pendingTicks.remove(tick.tokenId());
                if (latest != null) {
                    market.accept(latest);
                    traders.apply(latest.tokenId()).ifPresent(t -> t.onTick(latest));
                }
            });
        }
    }

    @Override
    public void onTradable(String tokenId, boolean tradable, String reason) {
        submit("tradable " + tokenId, () -> traders.apply(tokenId).ifPresent(t -> {
            if (tradable) {
                t.tradable();
            } else {
                pendingTicks.remove(tokenId);
                t.untradable(reason);
            }
        }));
    }

    @Override
    public void onModeChange(FeedTransition transition) {
        if (transition.to() == FeedMode.NONE) {
            submit("feed halt", () -> {
                feedHalted = true;
                haltAll("no market data (feed mode NONE)");
            });
        } else if (transition.from() == FeedMode.NONE) {
            submit("feed resume", () -> {
                feedHalted = false;
                resumeIfClear();
            });
        }
    }

    @Override
    public void onResolved(String tokenId, String winningTokenId) {
        submit("resolved " + tokenId, () -> {
            pendingTicks.remove(tokenId);
            traders.apply(tokenId).ifPresent(t -> t.resolved(winningTokenId));
            resolutions.accept(tokenId, winningTokenId);
        });
    }

    /** Who else hears of resolved tokens (the portfolio, to settle the position); wired at start. */
    public void onResolutions(BiConsumer<String, String> handler) {
        this.resolutions = Objects.requireNonNull(handler, "handler");
    }

    /** The order venue refuses (or accepts again) our orders: halts or resumes every strategy. */
    public void onVenueChange(boolean acceptsOrders, String reason) {
        submit("venue " + (acceptsOrders ? "resume" : "halt"), () -> {
            if (!acceptsOrders && !venueHalted) {
                venueHalted = true;
                venueReason = "order venue refuses our orders: " + reason;
                haltAll(venueReason);
            } else if (acceptsOrders && venueHalted) {
                venueHalted = false;
                resumeIfClear();
            }
        });
    }

    /** The gateway's fill listener: handled at once on the strategy thread, else queued. */
    public void onFill(Fill fill) {
        Runnable task = () -> traders.apply(fill.tokenId()).ifPresentOrElse(t -> t.onFill(fill),
                () -> log.warn("fill for token {} that is no longer owned: {}", fill.tokenId(), fill));
        if (Thread.currentThread() == strategyThread) {
            task.run();
        } else {
            submit("fill " + fill.orderId(), task);
        }
    }

    /** The gateway's order-end listener (the venue ended an order of ours on its own): on the strategy thread. */
    public void onOrderEnded(OrderView order) {
        submit("order ended " + order.orderId(), () -> traders.apply(order.tokenId()).ifPresentOrElse(
                t -> t.onOrderEnded(order),
                () -> log.warn("order {} of token {} that is no longer owned ended on the exchange ({})",
                        order.orderId(), order.tokenId(), order.status())));
    }

    /**
     * The stop-loss timer: every trader judges its last LIVE book again. At most one check waits in
     * the queue, so a busy strategy thread is not flooded.
     */
    public void checkStopLosses() {
        if (stopLossCheckQueued.compareAndSet(false, true)) {
            submit("stop-loss check", () -> {
                stopLossCheckQueued.set(false);
                forEachTrader(TokenTrader::checkStopLoss);
            });
        }
    }

    /**
     * The cancel timer: every trader sends again the cancels that failed. At most one round waits in
     * the queue.
     */
    public void retryFailedCancels() {
        if (cancelRetryQueued.compareAndSet(false, true)) {
            submit("cancel retry", () -> {
                cancelRetryQueued.set(false);
                forEachTrader(TokenTrader::retryFailedCancels);
            });
        }
    }

    /** Operator halt: cancels resting orders and stops new ones until {@link #resume()}. */
    public void halt(String reason) {
        call(() -> {
            operatorHalted = true;
            haltAll(reason);
            return null;
        });
    }

    public void resume() {
        call(() -> {
            operatorHalted = false;
            resumeIfClear();
            return null;
        });
    }

    public boolean halted() {
        return haltReason != null;
    }

    public String haltReason() {
        return haltReason;
    }

    /** Holds every strategy until {@link #reconciled()}: the account's positions are not known yet. */
    public void holdForReconcile(String reason) {
        call(() -> {
            reconcileHeld = true;
            haltAll(reason);
            return null;
        });
    }

    /** The positions were read (and adopted): trading may start, unless something else halts it. */
    public void reconciled() {
        submit("reconciled", () -> {
            if (reconcileHeld) {
                reconcileHeld = false;
                resumeIfClear();
            }
        });
    }

    /**
     * The exchange says the account holds {@code size} of the token at {@code averageCost}: its
     * trader takes that as its position (restart, or a correction toward the exchange).
     */
    public void adoptPosition(String tokenId, BigDecimal size, BigDecimal averageCost) {
        submit("position " + tokenId, () -> traders.apply(tokenId).ifPresent(t -> t.adoptPosition(size, averageCost)));
    }

    /** A new token's trader starts halted if everything is halted. */
    public void adopt(TokenTrader trader) {
        submit("adopt " + trader.tokenId(), () -> {
            if (operatorHalted || feedHalted || venueHalted || reconcileHeld) {
                trader.halt(haltReason == null ? "halted" : haltReason);
            }
        });
    }

    /** Runs {@code close} on a trader that was just removed. */
    public void retire(TokenTrader trader, String reason) {
        pendingTicks.remove(trader.tokenId());
        submit("retire " + trader.tokenId(), () -> trader.close(reason));
    }

    /** Every trader's view, read on the strategy thread so it is consistent. */
    public Map<String, StrategyView> views() {
        return call(() -> {
            Map<String, StrategyView> out = new TreeMap<>();
            for (TokenTrader t : allTraders.get()) {
                out.put(t.tokenId(), t.view());
            }
            return out;
        });
    }

    /** Runs a task on the strategy thread and waits up to 5 s for it. */
    public <T> T call(Callable<T> task) {
        if (Thread.currentThread() == strategyThread) {
            try {
                return task.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        Future<T> f;
        try {
            f = executor.submit(task);
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("strategy thread is overloaded or stopped", e);
        }
        try {
            return f.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("strategy thread did not answer within 5 s", e);
        }
    }

    public long rejectedTasks() {
        return rejected.get();
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }

    private void haltAll(String reason) {
        haltReason = reason;
        log.warn("trading halted: {}", reason);
        forEachTrader(t -> t.halt(reason));
    }

    private void resumeIfClear() {
        if (operatorHalted || feedHalted || venueHalted || reconcileHeld) {
            haltReason = operatorHalted ? "operator halt"
                    : feedHalted ? "no market data (feed mode NONE)"
                    : venueHalted ? venueReason : "reading the account's positions from the exchange";
            return;
        }
        haltReason = null;
        log.info("trading resumed");
        forEachTrader(TokenTrader::resume);
    }

    private void forEachTrader(Consumer<TokenTrader> action) {
        for (TokenTrader t : allTraders.get()) {
            try {
                action.accept(t);
            } catch (RuntimeException e) {
                log.error("token {}: halt/resume/stop-loss check/cancel retry failed", t.tokenId(), e);
            }
        }
    }

    private void submit(String what, Runnable task) {
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.error("strategy task '{}' failed", what, e);
                }
            });
        } catch (RejectedExecutionException e) {
            rejected.incrementAndGet();
            dropLog.record(() -> "strategy queue full or stopped: dropped '" + what + "'");
        }
    }
}
