package dev.polymaker.trading.strategy;

import java.math.BigDecimal;
import java.util.List;

/** What one token's strategy is doing, for the status API; {@code lastActions} newest first. */
public record StrategyView(String tokenId, StrategyState state, boolean halted, boolean sellOnly, BigDecimal dropPct,
                           BigDecimal windowHigh, BigDecimal lastMid, int historyPoints, BigDecimal position,
                           BigDecimal entryPrice, String openBuyOrderId, String openSellOrderId, int roundTrips,
                           String lastSignal, StopLossView stopLoss, List<TraderAction> lastActions) {

    public StrategyView withLastActions(List<TraderAction> actions) {
        return new StrategyView(tokenId, state, halted, sellOnly, dropPct, windowHigh, lastMid, historyPoints, position,
                entryPrice, openBuyOrderId, openSellOrderId, roundTrips, lastSignal, stopLoss, List.copyOf(actions));
    }
}
