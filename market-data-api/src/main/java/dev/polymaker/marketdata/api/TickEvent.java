package dev.polymaker.marketdata.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What caused a {@link Tick} (docs/architecture.md §4): one of the exchange's event types, or
 * {@link #STATE} when the token changed state. Travels as its wire name.
 */
public enum TickEvent {
    BOOK("book"),
    PRICE_CHANGE("price_change"),
    LAST_TRADE_PRICE("last_trade_price"),
    TICK_SIZE_CHANGE("tick_size_change"),
    BEST_BID_ASK("best_bid_ask"),
    /** The token changed state (e.g. LIVE → STALE) rather than its market data. */
    STATE("state");

    private final String wireName;

    TickEvent(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The event of a wire name; a name outside the contract is an error (the tick is malformed). */
    @JsonCreator
    public static TickEvent ofWireName(String wireName) {
        for (TickEvent event : values()) {
            if (event.wireName.equals(wireName)) {
                return event;
            }
        }
        throw new IllegalArgumentException("unknown tick event: " + wireName);
    }

    @Override
    public String toString() {
        return wireName;
    }
}
