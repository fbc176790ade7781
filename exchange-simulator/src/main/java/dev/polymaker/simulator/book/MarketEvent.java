package dev.polymaker.simulator.book;

import java.util.List;

/** One market-channel event produced by the exchange; a connection subscribed to any of tokens() may receive it. */
public sealed interface MarketEvent permits BookEvent, PriceChangeEvent, LastTradeEvent, TickSizeEvent, BestBidAskEvent,
        MarketResolvedEvent, NewMarketEvent {

    List<String> tokens();

    /** A global event: sent to every connection with custom_feature_enabled, whatever it subscribed to. */
    default boolean broadcast() {
        return this instanceof MarketResolvedEvent || this instanceof NewMarketEvent;
    }

    /** Epoch milliseconds of the exchange state this event describes. */
    long timestamp();
}
