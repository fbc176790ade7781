package dev.polymaker.marketdata.demand;

import java.util.Set;

/** Applies changes of the demanded token set to the upstream. Called under {@link TokenDemand}'s lock, in order. */
public interface UpstreamTokens {

    void add(Set<String> tokenIds);

    void remove(Set<String> tokenIds);
}
