package dev.polymaker.polymarket.market;

import java.math.BigDecimal;

/** The exchange's top of book for one token (needs {@code custom_feature_enabled}); spread may be null. */
public record BestBidAskEvent(String market, String assetId, BigDecimal bestBid, BigDecimal bestAsk,
                              BigDecimal spread, long timestamp) implements MarketEvent {

    @Override
    public String eventType() {
        return "best_bid_ask";
    }
}
