package dev.polymaker.polymarket.upstream;

import java.util.List;
import java.util.Objects;

/**
 * A market resolved: its outcome tokens, the winner, and who said so. Delivered once per market
 * by the pool, whichever socket (or the Gamma check) saw it first.
 */
public record MarketResolution(String market, List<String> tokenIds, String winningTokenId, String winningOutcome,
                               Source source, long time) {

    /** Who reported the resolution. */
    public enum Source {
        /** The market channel's {@code market_resolved} event. */
        EXCHANGE,
        /** Gamma: the market is {@code closed} with binary outcome prices. */
        GAMMA
    }

    public MarketResolution {
        Objects.requireNonNull(market, "market");
        tokenIds = List.copyOf(tokenIds);
        Objects.requireNonNull(source, "source");
    }
}
