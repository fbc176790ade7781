package dev.polymaker.simulator.book;

import java.util.List;

/** One market-channel event produced by the exchange; a connection subscribed to any of tokens() may receive it. */
public sealed interface MarketEvent permits BookEvent, PriceChangeEvent, LastTradeEvent, TickSizeEvent, BestBidAskEvent {

    List<String> tokens();

    /** Epoch milliseconds of the exchange state this event describes. */
    long timestamp();
}
