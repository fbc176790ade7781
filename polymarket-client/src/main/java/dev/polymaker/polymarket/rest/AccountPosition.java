package dev.polymaker.polymarket.rest;

import java.math.BigDecimal;

/**
 * One position of an account as Polymarket's data API reports it ({@code GET /positions},
 * polymarket-protocol.md §9): the outcome token, shares held, their average price, the current
 * price, and what an operator reads (market title and outcome). Optional fields are null.
 */
public record AccountPosition(String tokenId, String conditionId, BigDecimal size, BigDecimal averagePrice,
                              BigDecimal currentPrice, String title, String outcome, boolean redeemable) {
}
