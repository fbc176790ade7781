package dev.polymaker.simulator.book;

import java.util.List;

/**
 * A new_market broadcast (live shape, polymarket-protocol.md §9: {@code active:false} at creation,
 * {@code game_start_time:""}, fee fields); sent to every connection with custom_feature_enabled.
 */
public record NewMarketEvent(String id, String question, String market, String slug, List<String> assetIds,
                             List<String> outcomes, long timestamp) implements MarketEvent {
    public NewMarketEvent {
        assetIds = List.copyOf(assetIds);
        outcomes = List.copyOf(outcomes);
    }

    @Override
    public List<String> tokens() {
        return assetIds;
    }
}
