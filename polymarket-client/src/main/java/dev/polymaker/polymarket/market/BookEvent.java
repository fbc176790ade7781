package dev.polymaker.polymarket.market;

import dev.polymaker.polymarket.book.PriceLevel;
import java.math.BigDecimal;
import java.util.List;

/**
 * A full snapshot of one token's book. Levels are in wire order (real traffic: bids ascending,
 * asks descending); {@code tickSize} and {@code lastTradePrice} are {@code null} when absent.
 */
public record BookEvent(String market, String assetId, long timestamp, String hash, List<PriceLevel> bids,
                        List<PriceLevel> asks, BigDecimal tickSize, BigDecimal lastTradePrice) implements MarketEvent {

    public BookEvent {
        bids = List.copyOf(bids);
        asks = List.copyOf(asks);
    }

    @Override
    public FrameType type() {
        return FrameType.BOOK;
    }
}
