package dev.polymaker.trading.strategy;

import dev.polymaker.trading.orders.Side;

import java.math.BigDecimal;

/** What a strategy asks its runner to do; the runner reports the outcome back. */
public sealed interface StrategyAction {

    /** Place a resting maker order; price already on the tick grid, size at 2 dp. */
    record Place(Side side, BigDecimal price, BigDecimal size, BigDecimal tickSize, String reason)
            implements StrategyAction {
    }

    record Cancel(String orderId, Side side, String reason) implements StrategyAction {
    }

    /**
     * Sell now: a FAK (fill-and-kill) SELL that takes what the book holds at {@code price} or better
     * and is cancelled for the rest; price on the tick grid, size at 2 dp.
     */
    record TakerSell(BigDecimal price, BigDecimal size, BigDecimal tickSize, String reason) implements StrategyAction {
    }

    /** Not an order: the stop-loss fired; the runner logs and counts it. */
    record StopLossTriggered(StopLoss.Trigger trigger) implements StrategyAction {
    }
}
