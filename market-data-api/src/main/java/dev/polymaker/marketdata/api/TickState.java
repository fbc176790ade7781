package dev.polymaker.marketdata.api;

/** Freshness of one token's data, as published in every tick. Only {@link #LIVE} may be traded on. */
public enum TickState {
    PENDING, LIVE, DESYNCED, STALE;

    public boolean tradable() {
        return this == LIVE;
    }
}
