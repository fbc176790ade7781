package dev.polymaker.trading.strategy;

import dev.polymaker.marketdata.api.Tick;
import dev.polymaker.trading.orders.Fill;
import dev.polymaker.trading.orders.OrderStatus;
import dev.polymaker.trading.orders.OrderView;
import dev.polymaker.trading.orders.Side;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Port of the old {@code VolArbStrategy} for one token: buy at the best bid after a drop of
 * {@code dropPct} from the rolling window high, then sell at max(best ask, entry x (1 + profit),
 * entry + 2 ticks); a {@link StopLoss} cuts a position that falls too far. Pure and single-threaded:
 * its runner feeds it LIVE ticks, order outcomes and fills one at a time and carries out the actions
 * it returns.
 */
public final class VolArbStrategy {

    private static final MathContext MC = MathContext.DECIMAL64;
    private static final BigDecimal TWO = BigDecimal.valueOf(2);

    private final String tokenId;
    private final StrategyParameters params;
    private final MidHistory history;
    private final StopLossParameters stopLossParams;
    private final StopLoss stopLoss;
    /** The running stop-loss exit, if any. */
    private StopLossExit exit;

    private BigDecimal dropPct;
    private boolean sellOnly;
    private boolean halted;

    private BigDecimal position = BigDecimal.ZERO;
    private BigDecimal entry;
    private WorkingOrder buy;
    private WorkingOrder sell;
    private int roundTrips;
    private BigDecimal lastBid;
    private BigDecimal lastAsk;
    private BigDecimal tickSize;
    private String lastSignal = "none";
    private long buyPlacedAt;

    /** Without a stop-loss. */
    public VolArbStrategy(String tokenId, StrategyParameters params) {
        this(tokenId, params, StopLossParameters.disabled());
    }

    public VolArbStrategy(String tokenId, StrategyParameters params, StopLossParameters stopLoss) {
        this.tokenId = Objects.requireNonNull(tokenId, "tokenId");
        this.params = Objects.requireNonNull(params, "params");
        this.stopLossParams = Objects.requireNonNull(stopLoss, "stopLoss");
        this.stopLoss = new StopLoss(stopLoss);
        this.history = new MidHistory(params.dropWindow().toMillis(), params.historyCap());
        this.dropPct = params.dropPct();
        this.sellOnly = params.sellOnly();
        this.tickSize = params.defaultTickSize();
    }

    /** A LIVE tick (the latest state of the book). {@code now} is the local time in epoch ms. */
    public List<StrategyAction> onTick(Tick tick, long now) {
        if (tick.tickSize() != null && tick.tickSize().signum() > 0) {
            tickSize = tick.tickSize();
        }
        lastBid = tick.bestBid();
        lastAsk = tick.bestAsk();
        if (quoteUsable(lastBid, lastAsk)) {
            history.add(now, lastBid.add(lastAsk).divide(TWO, MC));
        }
        return decide(now);
    }

    /** Re-evaluates on the last known book (e.g. after a fill or a cancel confirmation). */
    public List<StrategyAction> decide(long now) {
        List<StrategyAction> actions = new ArrayList<>();
        if (halted) {
            return actions;
        }
        if (stopLossStep(now, actions)) {
            return actions;
        }
        if (buy != null) {
            manageBuy(now, actions);
            return actions;
        }
        if (sell != null) {
            return actions;
        }
        if (position.compareTo(params.minOrderSize()) >= 0) {
            placeSell(actions);
            return actions;
        }
        if (!sellOnly && stopLoss.buyAllowed(now)) {
            considerBuy(now, actions);
        }
        return actions;
    }

    /**
     * Judges the stop-loss alone on the last LIVE book (the runner's timer, for quiet markets whose
     * book sits below the threshold without new ticks) and carries a running exit on.
     */
    public List<StrategyAction> checkStopLoss(long now) {
        List<StrategyAction> actions = new ArrayList<>();
        if (!halted) {
            stopLossStep(now, actions);
        }
        return actions;
    }

    /** True while a stop-loss exit runs (then nothing else is decided); adds its actions. */
    private boolean stopLossStep(long now, List<StrategyAction> actions) {
        if (exit == null) {
            var trigger = stopLoss.evaluate(holding(), entry, lastBid, lastAsk, now);
            if (trigger.isEmpty()) {
                return false;
            }
            exit = new StopLossExit(stopLossParams, params.minOrderSize(), position);
            lastSignal = "STOP-LOSS at bid " + lastBid + " (cost " + entry.setScale(4, RoundingMode.HALF_UP) + ")";
            actions.add(new StrategyAction.StopLossTriggered(trigger.get()));
            actions.addAll(cancelBuy("stop-loss"));
        }
        if (sell != null) {
            // The take-profit SELL holds the shares: the exit follows its confirmed cancel.
            if (sell.orderId() != null && !sell.cancelRequested()) {
                sell = sell.cancelling();
                actions.add(new StrategyAction.Cancel(sell.orderId(), Side.SELL, "stop-loss"));
            }
        } else if (exit.finished(position)) {
            stopLoss.exitDone();
            lastSignal = "stop-loss exit done: " + exit.progress() + ", " + position.toPlainString() + " left";
            exit = null;
        } else {
            Optional.ofNullable(exit.next(position, lastBid, tickSize, now)).ifPresent(actions::add);
        }
        return true;
    }

    private boolean holding() {
        return position.compareTo(params.minOrderSize()) >= 0;
    }

    /** The runner's answer to a {@link StrategyAction.Place} or {@link StrategyAction.Cancel}, or a later status. */
    public void onOrder(OrderView view) {
        if (exit != null && view.side() == Side.SELL && !view.type().rests()) {
            exit.onAnswer(view);
            if (view.status() == OrderStatus.REJECTED) {
                lastSignal = "stop-loss exit SELL rejected: " + view.reason();
            }
            return;
        }
        WorkingOrder w = view.side() == Side.BUY ? buy : sell;
        if (w == null || (w.orderId() != null && !w.orderId().equals(view.orderId()))) {
            return;
        }
        WorkingOrder updated = w.withId(view.orderId());
        if (view.status().terminal()) {
            // Keep the order until its fills have arrived, or a flat book could trigger a second BUY.
            updated = updated.endedAt(view.filled() == null ? BigDecimal.ZERO : view.filled());
            updated = updated.done() ? null : updated;
        }
        if (view.side() == Side.BUY) {
            buy = updated;
        } else {
            sell = updated;
        }
        if (view.status() == OrderStatus.REJECTED) {
            lastSignal = view.side() + " rejected: " + view.reason();
        }
    }

    /**
     * The account holds {@code size} at {@code averageCost} according to the exchange (restart
     * reconciliation, or a correction toward it): that becomes the position and its entry (the
     * sell floor follows from it). A resting SELL sized for another position is cancelled so the
     * next decision places the right one; a resting BUY is left to finish.
     */
    public List<StrategyAction> adoptPosition(BigDecimal size, BigDecimal averageCost) {
        List<StrategyAction> actions = new ArrayList<>();
        boolean changed = size.compareTo(position) != 0;
        position = size.max(BigDecimal.ZERO);
        entry = position.signum() > 0 ? averageCost : null;
        lastSignal = "position adopted from the exchange: " + position.toPlainString() + " @ "
                + (averageCost == null ? "?" : averageCost.toPlainString());
        if (changed && sell != null && sell.orderId() != null && !sell.cancelRequested()) {
            sell = sell.cancelling();
            actions.add(new StrategyAction.Cancel(sell.orderId(), Side.SELL, "position corrected toward the exchange"));
        }
        return actions;
    }

    /**
     * The runner could not send a cancel this strategy asked for (the venue failed or refused the
     * request), so the order may still rest: the cancel stays wanted and {@link #retryCancels()} sends
     * it again. Until the order ends, nothing else is decided for it, as after any cancel.
     */
    public void onCancelFailed(Side side, String orderId) {
        WorkingOrder w = side == Side.BUY ? buy : sell;
        if (w == null || !w.cancelRequested() || w.finalFilled() != null || !Objects.equals(orderId, w.orderId())) {
            return;
        }
        if (side == Side.BUY) {
            buy = w.cancelFailed();
        } else {
            sell = w.cancelFailed();
        }
        lastSignal = side + " " + orderId + " cancel failed: sent again";
    }

    /**
     * The cancels whose request failed, asked again. The runner's timer calls this whatever the
     * market data, the halt or the resolution: a pulled order must leave the book in every state.
     */
    public List<StrategyAction> retryCancels() {
        List<StrategyAction> actions = new ArrayList<>();
        if (buy != null && buy.cancelToResend()) {
            buy = buy.cancelling();
            actions.add(new StrategyAction.Cancel(buy.orderId(), Side.BUY, "again after a failed cancel"));
        }
        if (sell != null && sell.cancelToResend()) {
            sell = sell.cancelling();
            actions.add(new StrategyAction.Cancel(sell.orderId(), Side.SELL, "again after a failed cancel"));
        }
        return actions;
    }

    /** The placement call failed without an answer: the order stays unconfirmed (blocking new ones). */
    public void onPlacementUnknown(Side side) {
        lastSignal = (exit != null && exit.inFlight() ? "stop-loss exit " : "") + side
                + " placement unknown: awaiting reconciliation";
    }

    /** Whether a placed order has no confirmed id yet. */
    public boolean unconfirmed() {
        return (buy != null && buy.orderId() == null) || (sell != null && sell.orderId() == null);
    }

    public void onFill(Fill fill) {
        if (fill.side() == Side.BUY && buy != null && fill.orderId().equals(buy.orderId())) {
            buy = buy.plusFill(fill.size());
            buy = buy.done() ? null : buy;
        } else if (fill.side() == Side.SELL && sell != null && fill.orderId().equals(sell.orderId())) {
            sell = sell.plusFill(fill.size());
            sell = sell.done() ? null : sell;
        } else if (fill.side() == Side.SELL && exit != null) {
            // Only exit orders sell while the take-profit is gone (a fill may precede its order's answer).
            exit.onFill(fill.size());
        }
        if (fill.side() == Side.BUY) {
            BigDecimal cost = entry == null ? BigDecimal.ZERO : entry.multiply(position);
            position = position.add(fill.size());
            entry = cost.add(fill.price().multiply(fill.size())).divide(position, MC);
        } else {
            position = position.subtract(fill.size()).max(BigDecimal.ZERO);
            if (position.compareTo(params.minOrderSize()) < 0) {
                completeRoundTrip(fill.time());
            }
        }
    }

    /**
     * Stops new orders and pulls everything that rests (the BUY and the take-profit SELL): a halted
     * instance leaves nothing on the book. After {@link #resume()} the SELL is placed again at its
     * floor, since the position is still held.
     */
    public List<StrategyAction> halt(String reason) {
        halted = true;
        List<StrategyAction> actions = cancelBuy(reason);
        if (sell != null && sell.orderId() != null && !sell.cancelRequested()) {
            sell = sell.cancelling();
            actions.add(new StrategyAction.Cancel(sell.orderId(), Side.SELL, reason));
        }
        return actions;
    }

    public void resume() {
        halted = false;
    }

    public boolean halted() {
        return halted;
    }

    /** Cancels a resting BUY without halting (e.g. the token's data went non-LIVE). */
    public List<StrategyAction> cancelBuy(String reason) {
        List<StrategyAction> actions = new ArrayList<>();
        if (buy != null && buy.orderId() != null && !buy.cancelRequested()) {
            buy = buy.cancelling();
            actions.add(new StrategyAction.Cancel(buy.orderId(), Side.BUY, reason));
        }
        return actions;
    }

    public void sellOnly(boolean value) {
        sellOnly = value;
    }

    public StrategyView view(long now) {
        return new StrategyView(tokenId, state(), halted, sellOnly, dropPct, history.windowHigh(now), history.last(),
                history.size(), position, entry, buy == null ? null : buy.orderId(),
                sell == null ? null : sell.orderId(), roundTrips, lastSignal,
                stopLoss.view(holding(), now, exit == null ? null : exit.progress()), List.of());
    }

    public StrategyState state() {
        if (exit != null) {
            return StrategyState.EXITING;
        }
        if (buy != null) {
            return StrategyState.BUYING;
        }
        if (sell != null) {
            return StrategyState.SELLING;
        }
        return position.compareTo(params.minOrderSize()) >= 0 ? StrategyState.LONG : StrategyState.FLAT;
    }

    public BigDecimal dropPct() {
        return dropPct;
    }

    public String tokenId() {
        return tokenId;
    }

    private void considerBuy(long now, List<StrategyAction> actions) {
        BigDecimal bid = lastBid;
        if (!quoteUsable(bid, lastAsk)) {
            return;
        }
        BigDecimal drop = currentDrop(now);
        if (drop == null || drop.compareTo(dropPct) < 0) {
            return;
        }
        BigDecimal price = PriceGrid.down(bid, tickSize);
        if (price.compareTo(params.maxBuyPrice()) >= 0 || price.compareTo(params.minBuyPrice()) < 0) {
            lastSignal = "drop " + drop.round(new MathContext(4)) + " ignored: bid " + price + " outside ["
                    + params.minBuyPrice() + ", " + params.maxBuyPrice() + ")";
            return;
        }
        BigDecimal size = params.orderSize().max(params.minOrderSize())
                .max(params.minNotional().divide(price, 2, RoundingMode.CEILING));
        size = PriceGrid.sizeUp(size);
        buy = WorkingOrder.placed(Side.BUY, price, size);
        buyPlacedAt = now;
        lastSignal = "BUY drop " + drop.round(new MathContext(4)) + " >= " + dropPct;
        actions.add(new StrategyAction.Place(Side.BUY, price, size, tickSize, lastSignal));
    }

    /**
     * Follow the bid: a confirmed BUY that has rested for the reprice interval is cancelled when the
     * drop is gone or the bid moved off our price; at or above max-buy-price it is cancelled at once.
     */
    private void manageBuy(long now, List<StrategyAction> actions) {
        if (buy.orderId() == null || buy.cancelRequested()) {
            return;
        }
        BigDecimal drop = currentDrop(now);
        boolean mayReprice = now - buyPlacedAt >= params.repriceInterval().toMillis();
        String reason = null;
        if (lastBid != null && lastBid.compareTo(params.maxBuyPrice()) >= 0) {
            reason = "bid at or above max-buy-price";
        } else if (!mayReprice) {
            return;
        } else if (drop == null || drop.compareTo(dropPct) < 0) {
            reason = "drop signal gone";
        } else if (lastBid != null && PriceGrid.down(lastBid, tickSize).compareTo(buy.price()) != 0) {
            reason = "best bid moved to " + lastBid;
        }
        if (reason != null) {
            actions.addAll(cancelBuy(reason));
        }
    }

    private void placeSell(List<StrategyAction> actions) {
        BigDecimal size = PriceGrid.sizeDown(position);
        if (size.compareTo(params.minOrderSize()) < 0) {
            return;
        }
        BigDecimal price = sellPrice(entry, lastAsk, tickSize, params.profitPct());
        sell = WorkingOrder.placed(Side.SELL, price, size);
        lastSignal = "SELL at " + price + " (entry " + entry.setScale(4, RoundingMode.HALF_UP) + ")";
        actions.add(new StrategyAction.Place(Side.SELL, price, size, tickSize, lastSignal));
    }

    /** max(best ask, entry x (1 + profit), entry + 2 ticks), on the tick grid, never above 0.99. */
    public static BigDecimal sellPrice(BigDecimal entry, BigDecimal bestAsk, BigDecimal tickSize, BigDecimal profitPct) {
        BigDecimal floor = entry.multiply(BigDecimal.ONE.add(profitPct), MC).max(entry.add(tickSize.multiply(TWO)));
        BigDecimal price = bestAsk == null ? floor : floor.max(bestAsk);
        return PriceGrid.up(price, tickSize).min(PriceGrid.down(StrategyParameters.MAX_PRICE, tickSize));
    }

    private BigDecimal currentDrop(long now) {
        BigDecimal high = history.windowHigh(now);
        BigDecimal mid = history.last();
        if (high == null || mid == null || high.signum() <= 0) {
            return null;
        }
        return high.subtract(mid).divide(high, MC);
    }

    private void completeRoundTrip(long time) {
        position = BigDecimal.ZERO;
        entry = null;
        roundTrips++;
        if (params.incrementalDropPct()) {
            dropPct = dropPct.add(params.incrementalDropPctStep()).min(params.maxDropPct());
        }
        history.reset(time);
        lastSignal = "round trip " + roundTrips + " done; drop-pct now " + dropPct;
    }

    /** Ticks with a side missing, below min-buy-price or above 1 are not market state worth recording. */
    private boolean quoteUsable(BigDecimal bid, BigDecimal ask) {
        return bid != null && ask != null && bid.compareTo(params.minBuyPrice()) >= 0
                && ask.compareTo(BigDecimal.ONE) <= 0 && ask.compareTo(params.minBuyPrice()) >= 0;
    }
}
