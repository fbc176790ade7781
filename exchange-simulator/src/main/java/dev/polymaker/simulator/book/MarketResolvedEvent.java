package dev.polymaker.simulator.book;

import java.util.List;

/**
 * A market_resolved broadcast (live shape, polymarket-protocol.md §9): sent to every connection with
 * custom_feature_enabled, subscribed to the market or not; {@code event_message} is null.
 */
public record MarketResolvedEvent(String id, String market, List<String> assetIds, String winningAssetId,
                                  String winningOutcome, long timestamp) implements MarketEvent {
    public MarketResolvedEvent {
        assetIds = List.copyOf(assetIds);
    }

    @Override
    public List<String> tokens() {
        return assetIds;
    }
}
