package dev.polymaker.trading.orders;

import java.math.BigDecimal;

/**
 * One token's position: shares held, average cost of those shares, and P&L realised by sells.
 * Once its market resolved: {@code resolution} ({@code WON}, {@code LOST}, or {@code RESOLVED} when
 * the winner is unknown) and {@code resolvedPnl}, what the shares held are worth at settlement (1
 * each when won, 0 when lost) less their cost; both null before.
 */
public record PositionView(String tokenId, BigDecimal size, BigDecimal averageCost, BigDecimal realisedPnl,
                           BigDecimal bought, BigDecimal sold, String resolution, BigDecimal resolvedPnl) {

    public PositionView(String tokenId, BigDecimal size, BigDecimal averageCost, BigDecimal realisedPnl,
                        BigDecimal bought, BigDecimal sold) {
        this(tokenId, size, averageCost, realisedPnl, bought, sold, null, null);
    }
}
