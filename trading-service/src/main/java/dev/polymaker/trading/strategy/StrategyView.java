package dev.polymaker.trading.strategy;

import java.math.BigDecimal;

/** What one token's strategy is doing, for the status API. */
public record StrategyView(String tokenId, StrategyState state, boolean halted, boolean sellOnly, BigDecimal dropPct,
                           BigDecimal windowHigh, BigDecimal lastMid, int historyPoints, BigDecimal position,
                           BigDecimal entryPrice, String openBuyOrderId, String openSellOrderId, int roundTrips,
                           String lastSignal) {
}
