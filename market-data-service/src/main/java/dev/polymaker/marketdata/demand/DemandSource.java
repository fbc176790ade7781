package dev.polymaker.marketdata.demand;

/** Who wants a token subscribed upstream. */
public enum DemandSource {
    /** {@code marketdata.tokens}. */
    CONFIG,
    /** The copy-trade token file ({@code marketdata.token-file}). */
    FILE,
    /** STOMP subscriptions to {@code /topic/ticks.<id>}, counted per subscription. */
    STOMP,
    /** {@code PUT /api/subscriptions/<id>}. */
    ADMIN
}
