package dev.polymaker.polymarket.upstream;

/** Sync state of one subscribed token. Only {@link #LIVE} data may be traded on. */
public enum TokenState {
    /** Subscribed, no book snapshot yet. */
    PENDING,
    /** Book received; its socket is connected and not frozen. */
    LIVE,
    /** Local book disagreed with the exchange's best bid/ask for several frames; resubscribing. */
    DESYNCED,
    /** Its socket is down or frozen; the book is kept but must not be used. */
    STALE,
    /**
     * No first book after the allowed number of resubscribes, or unknown to the exchange (answered
     * {@code []} and REST 404: "unknown or closed"); subscribed afresh after a long delay.
     */
    FAILED,
    /** Its market resolved (exchange {@code market_resolved} or Gamma): final, no more data. */
    RESOLVED
}
