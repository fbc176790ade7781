package dev.polymaker.polymarket.market;

/**
 * What one inbound frame or event of the market channel was, as listeners and metrics see it:
 * the data event types by their wire {@code event_type}, and the non-data outcomes (pong, error
 * text, unreadable, skipped). {@link #metricName()} is the {@code type} label of the frames counter.
 */
public enum FrameType {
    BOOK("book"),
    PRICE_CHANGE("price_change"),
    TICK_SIZE_CHANGE("tick_size_change"),
    LAST_TRADE_PRICE("last_trade_price"),
    BEST_BID_ASK("best_bid_ask"),
    NEW_MARKET("new_market"),
    MARKET_RESOLVED("market_resolved"),
    /** The answer to our {@code PING}. */
    PONG("pong"),
    /** A bare {@code []}: the exchange has no book for a token asked for. */
    EMPTY_ANSWER("empty_answer"),
    /** Non-JSON text such as {@code INVALID OPERATION}. */
    ERROR_TEXT("error_text"),
    /** A frame or event that could not be read. */
    MALFORMED("malformed"),
    /** An event of a type this client does not know. */
    UNKNOWN("unknown"),
    /** A pre-2025 {@code price_change} shape, skipped. */
    LEGACY_PRICE_CHANGE("legacy_price_change"),
    /** An unreadable entry of a REST {@code /books} answer. */
    REST_MALFORMED("rest_malformed");

    private final String metricName;

    FrameType(String metricName) {
        this.metricName = metricName;
    }

    /** The {@code type} label value; for data events also the wire {@code event_type}. */
    public String metricName() {
        return metricName;
    }
}
