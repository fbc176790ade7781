package dev.polymaker.marketdata.demand;

import java.util.Map;

/**
 * Why one token is held upstream: reference counts per source (empty while it waits out its
 * grace period) and, when no source wants it any more, when it will be released (epoch ms, 0 otherwise).
 */
public record TokenDemandView(String tokenId, Map<DemandSource, Integer> sources, long releaseAt) {

    public TokenDemandView {
        sources = Map.copyOf(sources);
    }

    public int subscribers() {
        return sources.getOrDefault(DemandSource.STOMP, 0);
    }
}
