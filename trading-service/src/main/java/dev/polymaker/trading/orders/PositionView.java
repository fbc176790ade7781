package dev.polymaker.trading.orders;

import java.math.BigDecimal;

/** One token's position: shares held, average cost of those shares, and P&L realised by sells. */
public record PositionView(String tokenId, BigDecimal size, BigDecimal averageCost, BigDecimal realisedPnl,
                           BigDecimal bought, BigDecimal sold) {
}
