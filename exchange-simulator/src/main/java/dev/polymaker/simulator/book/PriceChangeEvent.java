package dev.polymaker.simulator.book;

import dev.polymaker.simulator.SimSide;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A price_change frame: level changes of one market, for one or both of its tokens, with tops after the batch. */
public record PriceChangeEvent(String market, long timestamp, List<Entry> entries) implements MarketEvent {

    /** One level change; size is the new total at the price, 0 removes; bestBid/bestAsk null mean an empty side. */
    public record Entry(String assetId, BigDecimal price, BigDecimal size, SimSide side, String hash,
                        BigDecimal bestBid, BigDecimal bestAsk) {
    }

    public PriceChangeEvent {
        entries = List.copyOf(entries);
    }

    @Override
    public List<String> tokens() {
        Set<String> tokens = new LinkedHashSet<>();
        for (Entry entry : entries) {
            tokens.add(entry.assetId());
        }
        return List.copyOf(tokens);
    }

    /** The same event without the entries of the given tokens; empty entries when nothing is left. */
    public PriceChangeEvent without(Set<String> removed) {
        List<Entry> kept = new ArrayList<>(entries.size());
        for (Entry entry : entries) {
            if (!removed.contains(entry.assetId())) {
                kept.add(entry);
            }
        }
        return new PriceChangeEvent(market, timestamp, kept);
    }
}
