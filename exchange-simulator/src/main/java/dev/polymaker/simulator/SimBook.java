package dev.polymaker.simulator;

import java.math.BigDecimal;
import java.util.List;

/**
 * Immutable view of one token's book as the exchange holds it at one instant.
 * bids() and asks() are best-first (highest bid, lowest ask first), unlike the wire, which sends best-last.
 */
public record SimBook(String tokenId, String market, List<SimLevel> bids, List<SimLevel> asks, BigDecimal tickSize,
                      BigDecimal minOrderSize, boolean negRisk, BigDecimal lastTradePrice, String hash, long timestamp) {

    public SimBook {
        bids = List.copyOf(bids);
        asks = List.copyOf(asks);
    }

    /** Highest bid price, or null when there are no bids. */
    public BigDecimal bestBid() {
        return bids.isEmpty() ? null : bids.get(0).price();
    }

    /** Lowest ask price, or null when there are no asks. */
    public BigDecimal bestAsk() {
        return asks.isEmpty() ? null : asks.get(0).price();
    }
}
