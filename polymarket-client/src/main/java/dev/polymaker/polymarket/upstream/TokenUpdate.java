package dev.polymaker.polymarket.upstream;

import dev.polymaker.polymarket.book.TopOfBook;

/**
 * One token's top of book after an event was applied (after the whole frame, for
 * {@code price_change}). {@code event} is the wire event type that caused it: {@code book},
 * {@code price_change}, {@code last_trade_price}, {@code tick_size_change} or {@code best_bid_ask}.
 */
public record TokenUpdate(String tokenId, String market, TopOfBook top, String event, long exchangeTime,
                          long receivedTime) {
}
