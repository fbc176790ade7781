package dev.polymaker.simulator.clob;

import java.math.BigDecimal;
import java.util.List;

/**
 * The simulated market's resting liquidity that marketable CLOB orders trade against (the
 * simulator's books, or a fixed ladder in tests). Sides are the taker's: a BUY takes asks.
 */
public interface Liquidity {

    /** One level taken: price and size. */
    record Taken(BigDecimal price, BigDecimal size) {
    }

    /** Shares a taker of {@code takerSide} could get at prices no worse than {@code limitPrice}. */
    BigDecimal available(String tokenId, String takerSide, BigDecimal limitPrice);

    /** Takes up to {@code size} shares at prices no worse than {@code limitPrice}, best first. */
    List<Taken> take(String tokenId, String takerSide, BigDecimal limitPrice, BigDecimal size);

    /** Best bid, or null when the book has none. */
    BigDecimal bestBid(String tokenId);

    /** Best ask, or null when the book has none. */
    BigDecimal bestAsk(String tokenId);
}
