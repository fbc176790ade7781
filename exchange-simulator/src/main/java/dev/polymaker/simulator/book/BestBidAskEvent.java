package dev.polymaker.simulator.book;

import java.math.BigDecimal;
import java.util.List;

/** A best_bid_ask event (only for connections that set custom_feature_enabled); null means an empty side. */
public record BestBidAskEvent(String market, String assetId, BigDecimal bestBid, BigDecimal bestAsk, long timestamp)
        implements MarketEvent {
    @Override
    public List<String> tokens() {
        return List.of(assetId);
    }
}
