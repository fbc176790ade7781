package dev.polymaker.polymarket.upstream;

import dev.polymaker.polymarket.book.OrderBook;
import dev.polymaker.polymarket.book.TopOfBook;
import dev.polymaker.polymarket.market.BookEvent;
import dev.polymaker.polymarket.market.LastTradePriceEvent;
import dev.polymaker.polymarket.market.MarketEvent;
import dev.polymaker.polymarket.market.PriceChange;
import dev.polymaker.polymarket.market.PriceChangeEvent;
import dev.polymaker.polymarket.market.TickSizeChangeEvent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The books and sync states of one socket's tokens, and how market events change them: a
 * {@code book} replaces and makes the token LIVE, {@code price_change} entries set levels (never for
 * a token without a snapshot, such as the complement), and after each frame our top of book is
 * checked against the exchange's; {@code desyncFrames} disagreeing frames in a row make it
 * DESYNCED. Not thread-safe: its {@link MarketChannel} guards it.
 */
final class ShardBooks {

    private static final Logger log = LoggerFactory.getLogger(ShardBooks.class);

    /** What one frame did: whether it carried market data, and which tokens it found desynced. */
    record Applied(boolean data, List<String> desynced) {
    }

    private final int socketId;
    private final int desyncFrames;
    private final Dispatcher dispatcher;
    private final Map<String, TokenEntry> tokens = new LinkedHashMap<>();

    ShardBooks(int socketId, int desyncFrames, Dispatcher dispatcher) {
        this.socketId = socketId;
        this.desyncFrames = Math.max(1, desyncFrames);
        this.dispatcher = dispatcher;
    }

    /** The live map of tokens, in subscription order. */
    Map<String, TokenEntry> entries() {
        return tokens;
    }

    /**
     * Applies one frame's events in order. Returns whether any of them was market data and which
     * tokens were found desynced (now {@link TokenState#DESYNCED}; the caller resubscribes them).
     */
    Applied apply(List<MarketEvent> events, long now) {
        boolean data = false;
        List<String> desynced = new ArrayList<>();
        // Tokens touched by price_change entries in this frame, with the exchange's best bid/ask
        // after the whole frame (the last entry for a token wins).
        Map<String, PriceChange> pending = new LinkedHashMap<>();
        for (MarketEvent event : events) {
            String type = event.eventType();
            dispatcher.submit(l -> l.onFrame(type));
            if (!(event instanceof PriceChangeEvent)) {
                finishPriceChanges(pending, now, desynced);
            }
            if (event instanceof BookEvent book) {
                data = true;
                applyBook(book, now);
            } else if (event instanceof PriceChangeEvent change) {
                data = true;
                for (PriceChange entry : change.changes()) {
                    TokenEntry token = tokens.get(entry.assetId());
                    if (token == null || token.book == null) {
                        continue; // the complement token, or one without a snapshot: never build a book from deltas
                    }
                    token.book.set(entry.side(), entry.price(), entry.size());
                    token.book.touch(entry.hash(), change.timestamp());
                    pending.put(entry.assetId(), entry);
                    token.lastUpdateTime = now;
                }
            } else if (event instanceof TickSizeChangeEvent tick) {
                data = true;
                hashUnknown(tick.market(), tick.timestamp());
                TokenEntry token = tokens.get(tick.assetId());
                if (token != null && token.book != null) {
                    token.book.setTickSize(tick.newTickSize());
                    token.lastUpdateTime = now;
                    emit(token, "tick_size_change", tick.timestamp(), now);
                }
            } else if (event instanceof LastTradePriceEvent trade) {
                data = true;
                hashUnknown(trade.market(), trade.timestamp());
                TokenEntry token = tokens.get(trade.assetId());
                if (token != null && token.book != null) {
                    token.book.setLastTradePrice(trade.price());
                    token.lastUpdateTime = now;
                    emit(token, "last_trade_price", trade.timestamp(), now);
                }
            }
            // best_bid_ask, new_market, market_resolved: counted above; our top of book does not change.
        }
        finishPriceChanges(pending, now, desynced);
        return new Applied(data, desynced);
    }

    /**
     * A trade or tick change alters the hashed book content of both tokens of the market without
     * sending the new hash, so the REST witness must not compare hashes until the next one arrives.
     */
    private void hashUnknown(String market, long exchangeTime) {
        for (TokenEntry entry : tokens.values()) {
            if (entry.book != null && market.equals(entry.book.market())) {
                entry.book.touchWithoutHash(exchangeTime);
            }
        }
    }

    private void applyBook(BookEvent event, long now) {
        TokenEntry token = tokens.get(event.assetId());
        if (token == null) {
            return;
        }
        if (token.book == null) {
            token.book = new OrderBook(token.tokenId);
        }
        token.book.replace(event.market(), event.bids(), event.asks(), event.tickSize(), event.lastTradePrice(),
                event.hash(), event.timestamp());
        token.awaitingSince = 0;
        token.firstBookRetries = 0;
        token.mismatchFrames = 0;
        token.lastUpdateTime = now;
        if (token.state != TokenState.LIVE) {
            changeState(token, TokenState.LIVE, "book received on socket " + socketId, now);
        }
        emit(token, "book", event.timestamp(), now);
    }

    /** Cross-checks each touched token's top of book with the exchange's, then publishes it. */
    private void finishPriceChanges(Map<String, PriceChange> pending, long now, List<String> desynced) {
        if (pending.isEmpty()) {
            return;
        }
        for (PriceChange last : pending.values()) {
            TokenEntry token = tokens.get(last.assetId());
            if (token == null || token.book == null) {
                continue;
            }
            if (token.state == TokenState.LIVE) {
                if (agreesWithExchange(token.book, last)) {
                    token.mismatchFrames = 0;
                } else if (++token.mismatchFrames >= desyncFrames) {
                    String why = "desync: ours " + token.book.bestBid() + "/" + token.book.bestAsk() + ", exchange "
                            + last.bestBid() + "/" + last.bestAsk() + " for " + token.mismatchFrames + " frames";
                    log.warn("socket {}: token {} {}; resubscribing", socketId, MarketChannel.abbreviateId(token.tokenId), why);
                    changeState(token, TokenState.DESYNCED, why, now);
                    desynced.add(token.tokenId);
                    continue;
                }
                if (!token.book.top().equals(token.lastEmittedTop)) {
                    emit(token, "price_change", token.book.exchangeTime(), now);
                }
            }
        }
        pending.clear();
    }

    private static boolean agreesWithExchange(OrderBook book, PriceChange last) {
        if (last.bestBid() == null && last.bestAsk() == null) {
            return true; // nothing to compare with
        }
        return sameLevel(book.bestBid(), emptyAs(last.bestBid(), BigDecimal.ZERO))
                && sameLevel(book.bestAsk(), emptyAs(last.bestAsk(), BigDecimal.ONE));
    }

    /** The wire says "0" for no bid and "1" for no ask. */
    private static BigDecimal emptyAs(BigDecimal exchange, BigDecimal emptyValue) {
        return exchange == null || exchange.compareTo(emptyValue) == 0 ? null : exchange;
    }

    static boolean sameLevel(BigDecimal ours, BigDecimal theirs) {
        return ours == null ? theirs == null : theirs != null && ours.compareTo(theirs) == 0;
    }

    private void emit(TokenEntry token, String event, long exchangeTime, long now) {
        if (token.state != TokenState.LIVE) {
            return; // only a LIVE book is published; state changes are reported separately
        }
        TopOfBook top = token.book.top();
        token.lastEmittedTop = top;
        TokenUpdate update = new TokenUpdate(token.tokenId, token.book.market(), top, event, exchangeTime, now);
        dispatcher.submit(l -> l.onUpdate(update));
    }

    void changeState(TokenEntry entry, TokenState newState, String reason, long now) {
        if (entry.state == newState && Objects.equals(entry.reason, reason)) {
            return;
        }
        entry.state = newState;
        entry.reason = reason;
        entry.stateSince = now;
        String tokenId = entry.tokenId;
        dispatcher.submit(l -> l.onTokenState(tokenId, newState, reason));
    }

}
