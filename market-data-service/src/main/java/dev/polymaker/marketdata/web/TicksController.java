package dev.polymaker.marketdata.web;

import dev.polymaker.marketdata.catalog.MarketCatalog;
import dev.polymaker.marketdata.catalog.MarketName;
import org.springframework.beans.factory.ObjectProvider;
import dev.polymaker.marketdata.api.Destinations;
import dev.polymaker.marketdata.api.Tick;
import dev.polymaker.marketdata.sequencing.TickSequencer;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;
import java.util.TreeMap;

/** Latest ticks over REST, for consumers that poll and for operators. */
@RestController
@RequestMapping("/api/ticks")
public class TicksController {

    private final TickSequencer sequencer;
    private final ObjectProvider<MarketCatalog> catalog;

    public TicksController(TickSequencer sequencer, ObjectProvider<MarketCatalog> catalog) {
        this.sequencer = sequencer;
        this.catalog = catalog;
    }

    /**
     * {@code updatedAt} is the publication time of the newest tick (0 when there is none);
     * {@code names} holds each token's market question and outcome, for those Gamma has named.
     */
    public record TicksView(String epoch, long updatedAt, Map<String, Tick> tokens, Map<String, MarketName> names) {
    }

    @GetMapping
    public TicksView all() {
        Map<String, Tick> ticks = new TreeMap<>(sequencer.latestTicks());
        long updatedAt = ticks.values().stream().mapToLong(Tick::publishedTime).max().orElse(0);
        MarketCatalog names = catalog.getIfAvailable();
        Map<String, MarketName> known = new TreeMap<>();
        if (names != null) {
            names.names().forEach((token, name) -> {
                if (ticks.containsKey(token)) {
                    known.put(token, name);
                }
            });
        }
        return new TicksView(sequencer.epoch().value(), updatedAt, ticks, known);
    }

    @GetMapping("/{tokenId}")
    public Tick one(@PathVariable String tokenId) {
        if (!Destinations.isValidTokenId(tokenId)) {
            throw ApiException.badTokenId(tokenId);
        }
        return sequencer.snapshot(tokenId).orElseThrow(() -> ApiException.unknownToken(tokenId));
    }
}
