package dev.polymaker.polymarket.market;

import java.util.List;

/** A market resolved. Reported as never delivered live, so nothing may depend on it. */
public record MarketResolvedEvent(String id, String market, List<String> assetIds, String winningAssetId,
                                  String winningOutcome, long timestamp) implements MarketEvent {

    public MarketResolvedEvent {
        assetIds = List.copyOf(assetIds);
    }

    @Override
    public FrameType type() {
        return FrameType.MARKET_RESOLVED;
    }
}
