package dev.polymaker.simulator.book;

import java.math.BigDecimal;
import java.util.List;

/** A tick_size_change event for one token. */
public record TickSizeEvent(String market, String assetId, BigDecimal oldTickSize, BigDecimal newTickSize,
                            long timestamp) implements MarketEvent {
    @Override
    public List<String> tokens() {
        return List.of(assetId);
    }
}
