package dev.polymaker.polymarket.market;

import java.util.List;

/**
 * Level deltas in the {@code price_changes[]} format (since 2025-09-15). One frame can carry
 * entries for both tokens of a market, including one nobody subscribed to.
 */
public record PriceChangeEvent(String market, long timestamp, List<PriceChange> changes) implements MarketEvent {

    public PriceChangeEvent {
        changes = List.copyOf(changes);
    }

    @Override
    public FrameType type() {
        return FrameType.PRICE_CHANGE;
    }
}
