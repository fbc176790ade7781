package dev.polymaker.trading.feed;

/** Where this instance's market data comes from: the shared market-data-service, its own direct pool, or nowhere. */
public enum FeedMode {
    SHARED, DIRECT, NONE
}
