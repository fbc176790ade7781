package dev.polymaker.polymarket.book;

import java.math.BigDecimal;
import java.util.List;

/**
 * An immutable copy of one token's full local book. Levels are best first (bids descending,
 * asks ascending), whatever order the exchange sent them in.
 */
public record BookSnapshot(String tokenId, String market, List<PriceLevel> bids, List<PriceLevel> asks,
                           BigDecimal tickSize, BigDecimal lastTradePrice, String hash, long exchangeTime) {

    public BookSnapshot {
        bids = List.copyOf(bids);
        asks = List.copyOf(asks);
    }

    public TopOfBook top() {
        return new TopOfBook(bids.isEmpty() ? null : bids.get(0).price(),
                asks.isEmpty() ? null : asks.get(0).price(), lastTradePrice, tickSize);
    }
}
