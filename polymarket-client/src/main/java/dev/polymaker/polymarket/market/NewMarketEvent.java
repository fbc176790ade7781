package dev.polymaker.polymarket.market;

import java.math.BigDecimal;
import java.util.List;

/**
 * A market was listed. A broadcast: it arrives for markets nobody subscribed to.
 * {@code orderPriceMinTickSize} is {@code null} when absent.
 */
public record NewMarketEvent(String id, String question, String market, String slug, List<String> assetIds,
                             List<String> outcomes, long timestamp, BigDecimal orderPriceMinTickSize)
        implements MarketEvent {

    public NewMarketEvent {
        assetIds = List.copyOf(assetIds);
        outcomes = List.copyOf(outcomes);
    }

    @Override
    public FrameType type() {
        return FrameType.NEW_MARKET;
    }
}
