package dev.polymaker.simulator.book;

import dev.polymaker.simulator.SimLevel;
import java.math.BigDecimal;
import java.util.List;

/** A full snapshot of one token's book, levels in wire order: bids ascending and asks descending (best last). */
public record BookEvent(String market, String assetId, long timestamp, String hash, List<SimLevel> wireBids,
                        List<SimLevel> wireAsks, BigDecimal tickSize, BigDecimal lastTradePrice) implements MarketEvent {
    public BookEvent {
        wireBids = List.copyOf(wireBids);
        wireAsks = List.copyOf(wireAsks);
    }

    @Override
    public List<String> tokens() {
        return List.of(assetId);
    }
}
