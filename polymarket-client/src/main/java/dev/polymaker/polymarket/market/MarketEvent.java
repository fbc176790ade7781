package dev.polymaker.polymarket.market;

/**
 * One event of Polymarket's market channel (polymarket-protocol.md §2). Prices and sizes are
 * {@code BigDecimal}, token ids {@code String}, times epoch milliseconds.
 */
public sealed interface MarketEvent
        permits BookEvent, PriceChangeEvent, TickSizeChangeEvent, LastTradePriceEvent, BestBidAskEvent,
        NewMarketEvent, MarketResolvedEvent {

    /** Which event this is; its metric name is the wire {@code event_type}. */
    FrameType type();

    /** The wire {@code event_type}. */
    default String eventType() {
        return type().metricName();
    }

    /** The market's condition id. */
    String market();

    /** Exchange time, epoch milliseconds. */
    long timestamp();
}
