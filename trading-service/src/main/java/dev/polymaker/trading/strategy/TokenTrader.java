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
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Runs one token's {@link VolArbStrategy}: feeds it ticks and fills, carries out the orders it
 * asks for on the {@link OrderGateway} and reports the answers back. Used only on the strategy
 * thread, so the strategy sees one event at a time.
 */
public final class TokenTrader {

    private static final Logger log = LoggerFactory.getLogger(TokenTrader.class);
    private static final AtomicLong CLIENT_IDS = new AtomicLong();

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
    private boolean tradable;
    private boolean resolved;
    private String unconfirmedClientId;

    public TokenTrader(String tokenId, VolArbStrategy strategy, OrderGateway gateway, OrderEvents events,
                       LongSupplier clock) {
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
        strategy.onFill(fill);
        if (tradable) {
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
        return strategy.view(clock.getAsLong());
    }

    public boolean isTradable() {
        return tradable;
    }

    private void execute(List<StrategyAction> actions) {
        // A confirmed cancel can free the strategy to act again at once; bounded so a bug cannot spin.
        for (int round = 0; round < 3 && !actions.isEmpty(); round++) {
            boolean changed = false;
            for (StrategyAction a : actions) {
                if (a instanceof StrategyAction.Place p) {
                    place(p);
                    changed = true;
                } else if (a instanceof StrategyAction.Cancel c) {
                    changed |= cancel(c.orderId(), c.side(), c.reason());
                }
            }
            actions = changed && tradable ? strategy.decide(clock.getAsLong()) : List.of();
        }
    }

    private void place(StrategyAction.Place p) {
        if (!tradable) {
            log.warn("token {}: {} not placed, market data not LIVE", tokenId, p.side());
            strategy.onOrder(rejected(p, "market data not LIVE"));
            return;
        }
        String clientId = "pm-" + tokenId.substring(Math.max(0, tokenId.length() - 8)) + "-"
                + CLIENT_IDS.incrementAndGet();
        OrderRequest request = new OrderRequest(clientId, tokenId, p.side(), p.price(), p.size(), OrderType.GTC, true,
                p.tickSize(), false);
        try {
            OrderView view = gateway.place(request);
            events.record(view.side(), view.status());
            if (view.status() == OrderStatus.REJECTED) {
                log.warn("token {}: {} {} @ {} rejected: {}", tokenId, p.side(), p.size(), p.price(), view.reason());
            } else {
                log.info("token {}: {} {} @ {} placed as {} ({}): {}", tokenId, p.side(), p.size(), p.price(),
                        view.orderId(), view.status(), p.reason());
            }
            strategy.onOrder(view);
        } catch (OrderGatewayException e) {
            // State unknown: the order may rest. Block further orders until it is found.
            unconfirmedClientId = clientId;
            events.record(p.side(), OrderStatus.PENDING);
            log.error("token {}: {} {} @ {} placement unknown ({}); no new orders until reconciled", tokenId,
                    p.side(), p.size(), p.price(), e.getMessage());
            strategy.onPlacementUnknown(p.side());
        } catch (RuntimeException e) {
            log.error("token {}: {} {} @ {} failed", tokenId, p.side(), p.size(), p.price(), e);
            events.record(p.side(), OrderStatus.REJECTED);
            strategy.onOrder(rejected(p, e.toString()));
        }
    }

    private boolean cancel(String orderId, Side side, String reason) {
        try {
            OrderView view = gateway.cancel(orderId);
            events.record(side, view.status());
            log.info("token {}: {} {} cancel -> {} ({})", tokenId, side, orderId, view.status(), reason);
            strategy.onOrder(view);
            return true;
        } catch (RuntimeException e) {
            log.error("token {}: cancel of {} {} failed ({}); it may still rest", tokenId, side, orderId, e.getMessage());
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

    private OrderView rejected(StrategyAction.Place p, String reason) {
        long now = clock.getAsLong();
        return new OrderView(null, null, tokenId, p.side(), p.price(), p.size(), java.math.BigDecimal.ZERO,
                OrderType.GTC, OrderStatus.REJECTED, reason, now, now);
    }
}
