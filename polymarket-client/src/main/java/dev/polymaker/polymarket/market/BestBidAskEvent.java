package dev.polymaker.polymarket.market;

import java.math.BigDecimal;

/**
 * The exchange's top of book for one token (needs {@code custom_feature_enabled}). A side sent as
 * {@code ""} is {@code null}; {@code "0"}/{@code "1"} may also mean an empty side (the reader decides).
 */
public record BestBidAskEvent(String market, String assetId, BigDecimal bestBid, BigDecimal bestAsk,
                              BigDecimal spread, long timestamp) implements MarketEvent {

    @Override
    public FrameType type() {
        return FrameType.BEST_BID_ASK;
    }
}
