package dev.polymaker.polymarket.market;

/**
 * One event of Polymarket's market channel (polymarket-protocol.md §2). Prices and sizes are
 * {@code BigDecimal}, token ids {@code String}, times epoch milliseconds.
 */
public sealed interface MarketEvent
        permits BookEvent, PriceChangeEvent, TickSizeChangeEvent, LastTradePriceEvent, BestBidAskEvent,
        NewMarketEvent, MarketResolvedEvent {

    /** The wire {@code event_type}. */
    String eventType();

    /** The market's condition id. */
    String market();

    /** Exchange time, epoch milliseconds. */
    long timestamp();
}
