package dev.polymaker.marketdata.api;

/**
 * Freshness of one token's data, as published in every tick. Only {@link #LIVE} may be traded on;
 * {@link #RESOLVED} is final: the market resolved ({@link Tick#winningTokenId()} says which outcome
 * won) and no further tick follows for the token.
 */
public enum TickState {
    PENDING, LIVE, DESYNCED, STALE, RESOLVED;

    public boolean tradable() {
        return this == LIVE;
    }

    /** Nothing follows a final state: a resolved market never trades again. */
    public boolean isFinal() {
        return this == RESOLVED;
    }
}
