package dev.polymaker.trading.strategy;

import dev.polymaker.marketdata.api.Tick;
import dev.polymaker.trading.orders.Fill;
import dev.polymaker.trading.orders.OrderGateway;
import dev.polymaker.trading.orders.OrderGatewayException;
import dev.polymaker.trading.orders.OrderRequest;
import dev.polymaker.trading.orders.OrderStatus;
import dev.polymaker.trading.orders.OrderType;
import dev.polymaker.trading.orders.OrderView;
import dev.polymaker.trading.orders.Side;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Runs one token's {@link VolArbStrategy}: feeds it ticks and fills, carries out the orders it
 * asks for on the {@link OrderGateway} and reports the answers back; logs and counts its stop-losses
 * and remembers its last actions. Used only on the strategy thread, so the strategy sees one event
 * at a time.
 */
public final class TokenTrader {

    private static final Logger log = LoggerFactory.getLogger(TokenTrader.class);
    private static final AtomicLong CLIENT_IDS = new AtomicLong();
    /** How many of the last actions {@link #view()} shows. */
    static final int LAST_ACTIONS = 10;
    /**
     * Rounds of act-then-decide per event: a confirmed cancel can free the strategy to act again at
     * once, and a stop-loss exit walks its ladder (up to five FAK SELLs) within one event; bounded so
     * a bug cannot spin.
     */
    private static final int MAX_ROUNDS = 8;

    /** Told about every order event for the {@code trading_orders_total} metric. */
    @FunctionalInterface
    public interface OrderEvents {
        void record(Side side, OrderStatus status);
    }

    private final String tokenId;
    private final VolArbStrategy strategy;
    private final OrderGateway gateway;
    private final OrderEvents events;
    private final LongSupplier clock;
    private final Consumer<StopLoss.Trigger> stopLosses;
    private final Deque<TraderAction> lastActions = new ArrayDeque<>();
    private boolean tradable;
    /** A stop-loss exit was running after the last event: its end is logged once. */
    private boolean exiting;
    private boolean resolved;
    private String unconfirmedClientId;

    public TokenTrader(String tokenId, VolArbStrategy strategy, OrderGateway gateway, OrderEvents events,
                       LongSupplier clock) {
        this(tokenId, strategy, gateway, events, clock, trigger -> { });
    }

    /** @param stopLosses told every stop-loss trigger (the {@code trading_stop_losses_total} counter) */
    public TokenTrader(String tokenId, VolArbStrategy strategy, OrderGateway gateway, OrderEvents events,
                       LongSupplier clock, Consumer<StopLoss.Trigger> stopLosses) {
        this.stopLosses = Objects.requireNonNull(stopLosses, "stopLosses");
        this.tokenId = Objects.requireNonNull(tokenId, "tokenId");
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public String tokenId() {
        return tokenId;
    }

    /** A LIVE tick: the token is tradable by definition (unless its market resolved: final). */
    public void onTick(Tick tick) {
        if (resolved) {
            return;
        }
        tradable = true;
        reconcile();
        execute(strategy.onTick(tick, clock.getAsLong()));
    }

    public void onFill(Fill fill) {
        events.record(fill.side(), OrderStatus.FILLED);
        remember(fill.side() + " " + fill.size().toPlainString() + " @ " + fill.price().toPlainString() + " filled ("
                + fill.orderId() + ")");
        strategy.onFill(fill);
        if (tradable) {
            execute(strategy.decide(clock.getAsLong()));
        }
    }

    /**
     * The venue ended one of our orders without our asking (its dead-man switch, a market that stops
     * trading): the strategy forgets it, and decides again on the last LIVE book (a take-profit SELL
     * is placed anew for the position it held).
     */
    public void onOrderEnded(OrderView order) {
        events.record(order.side(), order.status());
        log.warn("token {}: {} {} ended by the exchange as {} with {} of {} filled", tokenId, order.side(),
                order.orderId(), order.status(), order.filled().toPlainString(), order.size().toPlainString());
        remember(order.side() + " " + order.orderId() + " ended by the exchange: " + order.status());
        strategy.onOrder(order);
        if (tradable && !resolved) {
            execute(strategy.decide(clock.getAsLong()));
        }
    }

    /** The token's data stopped being LIVE: no new orders, and a resting BUY is pulled. */
    public void untradable(String reason) {
        tradable = false;
        execute(strategy.cancelBuy("market data not LIVE: " + reason));
    }

    public void tradable() {
        tradable = !resolved;
    }

    /**
     * The token's market resolved: final. Every resting order of ours is cancelled and no order is
     * placed again, whatever halts and resumes follow; the position is settled by the portfolio.
     */
    public void resolved(String winningTokenId) {
        if (resolved) {
            return;
        }
        resolved = true;
        tradable = false;
        String outcome = winningTokenId == null ? "winner unknown" : winningTokenId.equals(tokenId) ? "won" : "lost";
        log.info("token {}: market resolved ({}); cancelling our resting orders, no new orders", tokenId, outcome);
        close("market resolved (" + outcome + ")");
    }

    public boolean isResolved() {
        return resolved;
    }

    public void halt(String reason) {
        execute(strategy.halt(reason));
    }

    public void resume() {
        if (!resolved) {
            strategy.resume();
        }
    }

    public void sellOnly(boolean value) {
        strategy.sellOnly(value);
    }

    /** The token is no longer ours: cancel what rests (a held position stays in the portfolio). */
    public void close(String reason) {
        execute(strategy.halt(reason));
        for (OrderView o : gateway.openOrders()) {
            if (o.tokenId().equals(tokenId)) {
                cancel(o.orderId(), o.side(), reason);
            }
        }
    }

    /** The stop-loss's timer: judges the last LIVE book again (quiet markets) and carries a running exit on. */
    public void checkStopLoss() {
        if (tradable && !resolved) {
            execute(strategy.checkStopLoss(clock.getAsLong()));
        }
    }

    /**
     * The cancel timer: cancels that failed are sent again, whatever the market data, a halt or a
     * resolution (a pulled order must leave the book in every state).
     */
    public void retryFailedCancels() {
        execute(strategy.retryCancels());
    }

    /**
     * The exchange's account says we hold {@code size} at {@code averageCost}: the strategy takes it
     * as its position (a resting SELL of another size is replaced), and sells it at its floor.
     */
    public void adoptPosition(BigDecimal size, BigDecimal averageCost) {
        execute(strategy.adoptPosition(size, averageCost));
        if (tradable && !resolved) {
            execute(strategy.decide(clock.getAsLong()));
        }
    }

    public StrategyView view() {
        return strategy.view(clock.getAsLong()).withLastActions(List.copyOf(lastActions));
    }

    public boolean isTradable() {
        return tradable;
    }

    private void execute(List<StrategyAction> actions) {
        for (int round = 0; round < MAX_ROUNDS && !actions.isEmpty(); round++) {
            boolean changed = false;
            for (StrategyAction a : actions) {
                if (a instanceof StrategyAction.Place p) {
                    place(p.side(), p.price(), p.size(), p.tickSize(), p.reason(), OrderType.GTC);
                    changed = true;
                } else if (a instanceof StrategyAction.TakerSell t) {
                    place(Side.SELL, t.price(), t.size(), t.tickSize(), t.reason(), OrderType.FAK);
                    changed = true;
                } else if (a instanceof StrategyAction.Cancel c) {
                    changed |= cancel(c.orderId(), c.side(), c.reason());
                } else if (a instanceof StrategyAction.StopLossTriggered s) {
                    stopLoss(s.trigger());
                }
            }
            actions = changed && tradable ? strategy.decide(clock.getAsLong()) : List.of();
        }
        boolean nowExiting = strategy.state() == StrategyState.EXITING;
        if (exiting && !nowExiting) {
            StrategyView v = strategy.view(clock.getAsLong());
            log.info("token {}: {}", tokenId, v.lastSignal());
            remember(v.lastSignal());
        }
        exiting = nowExiting;
    }

    /** GTC orders are the strategy's post-only maker orders; FAK ones take the book (stop-loss exits). */
    private void place(Side side, BigDecimal price, BigDecimal size, BigDecimal tickSize, String reason,
                       OrderType type) {
        if (!tradable) {
            log.warn("token {}: {} not placed, market data not LIVE", tokenId, side);
            strategy.onOrder(rejected(side, price, size, type, "market data not LIVE"));
            return;
        }
        String clientId = "pm-" + tokenId.substring(Math.max(0, tokenId.length() - 8)) + "-"
                + CLIENT_IDS.incrementAndGet();
        OrderRequest request = new OrderRequest(clientId, tokenId, side, price, size, type, type.rests(), tickSize,
                false);
        String what = side + (type.rests() ? "" : " " + type) + " " + size.toPlainString() + " @ "
                + price.toPlainString();
        try {
            OrderView view = gateway.place(request);
            if (view.status() != OrderStatus.FILLED) {
                // A taker order filled at once: its fills count it (once), as they do every fill.
                events.record(view.side(), view.status());
            }
            if (view.status() == OrderStatus.REJECTED) {
                log.warn("token {}: {} rejected: {}", tokenId, what, view.reason());
                remember(what + " rejected: " + view.reason());
            } else {
                log.info("token {}: {} placed as {} ({}): {}", tokenId, what, view.orderId(), view.status(), reason);
                remember(what + " -> " + view.status() + (type.rests() ? "" : ", filled "
                        + view.filled().toPlainString()) + " (" + reason + ")");
            }
            strategy.onOrder(view);
        } catch (OrderGatewayException e) {
            // State unknown: the order may rest. Block further orders until it is found.
            unconfirmedClientId = clientId;
            events.record(side, OrderStatus.PENDING);
            log.error("token {}: {} placement unknown ({}); no new orders until reconciled", tokenId, what,
                    e.getMessage());
            remember(what + " placement unknown, reconciling");
            strategy.onPlacementUnknown(side);
        } catch (RuntimeException e) {
            log.error("token {}: {} failed", tokenId, what, e);
            events.record(side, OrderStatus.REJECTED);
            remember(what + " failed: " + e);
            strategy.onOrder(rejected(side, price, size, type, e.toString()));
        }
    }

    /** One line an operator can act on, one count; the exit follows as orders. */
    private void stopLoss(StopLoss.Trigger t) {
        StopLoss.Threshold th = t.threshold();
        log.warn("token {}: STOP-LOSS triggered: cost {}, bid {} <= threshold {} ({} ticks: {} base + {} repeat + {}"
                        + " spread; spread {}), confirmed in {} of {} rounds over {} ms; position {} exits with FAK SELLs",
                tokenId, t.cost().setScale(4, RoundingMode.HALF_UP).toPlainString(), t.bid().toPlainString(),
                th.price().toPlainString(), th.ticks(), th.baseTicks(), th.cycleTicks(), th.spreadTicks(),
                th.spreadPct() == null ? "unknown (no ask)" : th.spreadPct().setScale(4, RoundingMode.HALF_UP)
                        .toPlainString(), t.rounds(), t.roundsRequired(), t.confirmedOverMs(),
                strategy.view(clock.getAsLong()).position().toPlainString());
        remember("STOP-LOSS at bid " + t.bid().toPlainString() + " <= " + th.price().toPlainString() + " (cost "
                + t.cost().setScale(4, RoundingMode.HALF_UP).toPlainString() + ")");
        stopLosses.accept(t);
        exiting = true;
    }

    private void remember(String what) {
        lastActions.addFirst(new TraderAction(clock.getAsLong(), what));
        while (lastActions.size() > LAST_ACTIONS) {
            lastActions.removeLast();
        }
    }

    private boolean cancel(String orderId, Side side, String reason) {
        try {
            OrderView view = gateway.cancel(orderId);
            events.record(side, view.status());
            log.info("token {}: {} {} cancel -> {} ({})", tokenId, side, orderId, view.status(), reason);
            remember(side + " " + orderId + " cancel -> " + view.status() + " (" + reason + ")");
            strategy.onOrder(view);
            if (!view.status().terminal()) {
                // The venue answered but did not cancel it (CLOB "not_canceled"): it may still rest.
                strategy.onCancelFailed(side, orderId);
            }
            return true;
        } catch (RuntimeException e) {
            log.error("token {}: cancel of {} {} failed ({}); it may still rest, so the cancel is sent again",
                    tokenId, side, orderId, e.getMessage());
            remember(side + " " + orderId + " cancel failed (" + reason + "): " + e.getMessage());
            strategy.onCancelFailed(side, orderId);
            return false;
        }
    }

    /**
     * Asks the gateway what became of an order whose placement answer was lost (the gateway finds
     * it on the exchange); until it knows the order, no new order is placed.
     */
    private void reconcile() {
        if (unconfirmedClientId == null) {
            return;
        }
        try {
            Optional<OrderView> known = gateway.order(unconfirmedClientId);
            if (known.isEmpty()) {
                return;
            }
            OrderView o = known.get();
            log.info("token {}: reconciled order {} as {}", tokenId, o.orderId(), o.status());
            unconfirmedClientId = null;
            strategy.onOrder(o);
            if (strategy.halted() || !tradable) {
                // A halt or a data loss happened while its answer was missing: pull it now.
                execute(strategy.cancelBuy(strategy.halted() ? "halted" : "market data not LIVE"));
            }
        } catch (RuntimeException e) {
            log.warn("token {}: reconciliation failed: {}", tokenId, e.getMessage());
        }
    }

    private OrderView rejected(Side side, BigDecimal price, BigDecimal size, OrderType type, String reason) {
        long now = clock.getAsLong();
        return new OrderView(null, null, tokenId, side, price, size, BigDecimal.ZERO, type, OrderStatus.REJECTED,
                reason, now, now);
    }
}
