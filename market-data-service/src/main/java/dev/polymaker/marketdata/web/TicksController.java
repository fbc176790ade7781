package dev.polymaker.marketdata.web;

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

    public TicksController(TickSequencer sequencer) {
        this.sequencer = sequencer;
    }

    /** {@code updatedAt} is the publication time of the newest tick (0 when there is none). */
    public record TicksView(String epoch, long updatedAt, Map<String, Tick> tokens) {
    }

    @GetMapping
    public TicksView all() {
        Map<String, Tick> ticks = new TreeMap<>(sequencer.latestTicks());
        long updatedAt = ticks.values().stream().mapToLong(Tick::publishedTime).max().orElse(0);
        return new TicksView(sequencer.epoch().value(), updatedAt, ticks);
    }

    @GetMapping("/{tokenId}")
    public Tick one(@PathVariable String tokenId) {
        if (!Destinations.isValidTokenId(tokenId)) {
            throw ApiException.badTokenId(tokenId);
        }
        return sequencer.snapshot(tokenId).orElseThrow(() -> ApiException.unknownToken(tokenId));
    }
}
