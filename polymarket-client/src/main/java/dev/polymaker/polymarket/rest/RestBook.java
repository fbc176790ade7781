package dev.polymaker.polymarket.rest;

import dev.polymaker.polymarket.book.BookSide;
import dev.polymaker.polymarket.book.BookSnapshot;
import dev.polymaker.polymarket.book.OrderBook;
import dev.polymaker.polymarket.book.PriceLevel;
import java.math.BigDecimal;
import java.util.List;

/**
 * A book as {@code GET /book} returns it. Levels are in wire order (bids ascending, asks
 * descending: best last); use {@link #snapshot()} or {@link #bestBid()} for the best levels.
 * Optional fields are {@code null} when absent.
 */
public record RestBook(String market, String assetId, long timestamp, String hash, List<PriceLevel> bids,
                       List<PriceLevel> asks, BigDecimal minOrderSize, BigDecimal tickSize, Boolean negRisk,
                       BigDecimal lastTradePrice) {

    public RestBook {
        bids = List.copyOf(bids);
        asks = List.copyOf(asks);
    }

    public BookSnapshot snapshot() {
        OrderBook book = new OrderBook(assetId);
        book.replace(market, bids, asks, tickSize, lastTradePrice, hash, timestamp);
        return book.snapshot();
    }

    public BigDecimal bestBid() {
        return bids.stream().filter(l -> l.size().signum() > 0).map(PriceLevel::price).max(BigDecimal::compareTo)
                .orElse(null);
    }

    public BigDecimal bestAsk() {
        return asks.stream().filter(l -> l.size().signum() > 0).map(PriceLevel::price).min(BigDecimal::compareTo)
                .orElse(null);
    }

    /** Levels of one side in wire order. */
    public List<PriceLevel> levels(BookSide side) {
        return side == BookSide.BID ? bids : asks;
    }
}
