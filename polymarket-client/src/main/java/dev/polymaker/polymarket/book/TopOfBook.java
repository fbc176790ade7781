package dev.polymaker.polymarket.book;

import java.math.BigDecimal;

/**
 * The top of one token's book: what a tick carries. A missing side, an unknown last trade or
 * tick size is {@code null}.
 */
public record TopOfBook(BigDecimal bestBid, BigDecimal bestAsk, BigDecimal lastTradePrice, BigDecimal tickSize) {

    public static final TopOfBook EMPTY = new TopOfBook(null, null, null, null);
}
