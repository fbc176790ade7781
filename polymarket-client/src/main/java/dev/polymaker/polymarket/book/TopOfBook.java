package dev.polymaker.polymarket.book;

import java.math.BigDecimal;

/**
 * The top of one token's book: what a tick carries. A missing side, an unknown last trade or
 * tick size is {@code null}.
 */
public record TopOfBook(BigDecimal bestBid, BigDecimal bestAsk, BigDecimal lastTradePrice, BigDecimal tickSize) {

    public static final TopOfBook EMPTY = new TopOfBook(null, null, null, null);

    /**
     * The quote sanity rule (original-system.md §2.5) on the sides: a bid at or below 0 or an ask
     * at or above 1 is the exchange's way of saying "no level" ({@code "0"}/{@code "1"}), so that
     * side is {@code null}, never a price.
     */
    public TopOfBook withEmptySidesNull() {
        BigDecimal bid = emptyBid(bestBid);
        BigDecimal ask = emptyAsk(bestAsk);
        return bid == bestBid && ask == bestAsk ? this : new TopOfBook(bid, ask, lastTradePrice, tickSize);
    }

    /** Best bid at or above best ask: never a tradeable quote (a book caught mid-sweep, or out of sync). */
    public boolean crossedOrLocked() {
        return bestBid != null && bestAsk != null && bestBid.compareTo(bestAsk) >= 0;
    }

    /** {@code null} for a bid the exchange uses to mean "no bid" ({@code "0"}, or anything not above 0). */
    public static BigDecimal emptyBid(BigDecimal bid) {
        return bid == null || bid.signum() <= 0 ? null : bid;
    }

    /** {@code null} for an ask the exchange uses to mean "no ask" ({@code "1"}, or anything not below 1). */
    public static BigDecimal emptyAsk(BigDecimal ask) {
        return ask == null || ask.compareTo(BigDecimal.ONE) >= 0 ? null : ask;
    }
}
