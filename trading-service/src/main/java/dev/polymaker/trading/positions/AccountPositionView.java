package dev.polymaker.trading.positions;

import java.math.BigDecimal;

/**
 * One position of the account as last read from the exchange, for {@code /api/status}:
 * {@code owned} when a strategy of this instance trades the token (others are reported, never traded).
 */
public record AccountPositionView(String tokenId, BigDecimal size, BigDecimal averageCost, String title,
                                  String outcome, boolean owned) {
}
