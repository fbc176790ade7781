package dev.polymaker.polymarket.upstream;

import dev.polymaker.polymarket.book.OrderBook;
import dev.polymaker.polymarket.book.TopOfBook;
import dev.polymaker.polymarket.market.BestBidAskEvent;
import dev.polymaker.polymarket.market.BookEvent;
import dev.polymaker.polymarket.market.FrameType;
import dev.polymaker.polymarket.market.LastTradePriceEvent;
import dev.polymaker.polymarket.market.MarketEvent;
import dev.polymaker.polymarket.market.MarketResolvedEvent;
import dev.polymaker.polymarket.market.PriceChange;
import dev.polymaker.polymarket.market.PriceChangeEvent;
import dev.polymaker.polymarket.market.TickSizeChangeEvent;
import dev.polymaker.polymarket.rest.RestBook;
import dev.polymaker.support.ListenerQueue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The books and sync states of one socket's tokens, and how market events change them
 * (docs/architecture.md §4, "top of book"). A {@code book} (or a REST snapshot plus the deltas
 * buffered while it was asked) replaces and makes the token LIVE; {@code price_change} entries
 * set levels (never for a token without a snapshot, such as the complement). The top a tick
 * carries is the exchange's stated {@code best_bid}/{@code best_ask} when the frame has them, the
 * levels' otherwise; it is never published crossed or locked. After each frame the levels are
 * checked against the stated top: a disagreement is reported, and {@code desyncFrames} in a row
 * make the token DESYNCED, counting only frames after which our top did not move: a taker sweep
 * across many levels arrives as the resting remainder first, then one removal per frame, each
 * bringing our top closer (polymarket-protocol.md §9). A disagreement still runs out after
 * {@value #SWEEP_ALLOWANCE} × {@code desyncFrames} frames, moving or not. Not thread-safe: its
 * {@link MarketChannel} guards it.
 */
final class ShardBooks {

    private static final Logger log = LoggerFactory.getLogger(ShardBooks.class);
    /** How many times {@code desyncFrames} a disagreement may last while our top keeps moving (a sweep). */
    static final int SWEEP_ALLOWANCE = 4;
    /** Deltas held per token while its REST snapshot is asked; beyond this the answer is discarded. */
    static final int MAX_BUFFERED = 10_000;

    /**
     * What one frame did: whether it carried market data, which tokens it found desynced (now
     * {@link TokenState#DESYNCED}; the caller resyncs them) and the resolutions it announced.
     */
    record Applied(boolean data, List<String> desynced, List<MarketResolvedEvent> resolved) {
    }

    /** A {@code price_change} entry held while its token's REST snapshot is under way. */
    record BufferedChange(PriceChange change, long exchangeTime) {
    }

    private final int socketId;
    private final int desyncFrames;
    private final ListenerQueue<UpstreamListener> dispatcher;
    private final Map<String, TokenEntry> tokens = new LinkedHashMap<>();

    ShardBooks(int socketId, int desyncFrames, ListenerQueue<UpstreamListener> dispatcher) {
        this.socketId = socketId;
        this.desyncFrames = Math.max(1, desyncFrames);
        this.dispatcher = dispatcher;
    }

    /** The live map of tokens, in subscription order. */
    Map<String, TokenEntry> entries() {
        return tokens;
    }

    /**
     * Applies one frame's events in order. Returns whether any of them was market data, which
     * tokens were found desynced, and the {@code market_resolved} events it held.
     */
    Applied apply(List<MarketEvent> events, long now) {
        boolean data = false;
        List<String> desynced = new ArrayList<>();
        List<MarketResolvedEvent> resolved = List.of();
        // Tokens touched by price_change entries in this frame, and whether the frame stated their top.
        Map<String, Boolean> pending = new LinkedHashMap<>();
        for (MarketEvent event : events) {
            FrameType type = event.type();
            dispatcher.submit(l -> l.onFrame(type));
            if (!(event instanceof PriceChangeEvent)) {
                finishPriceChanges(pending, now, desynced);
            }
            if (event instanceof BookEvent book) {
                data = true;
                TokenEntry token = tokens.get(book.assetId());
                if (token != null && token.state != TokenState.RESOLVED) {
                    replaceBook(token, book.market(), book, now);
                    emit(token, "book", book.timestamp(), now, desynced);
                }
            } else if (event instanceof PriceChangeEvent change) {
                data = true;
                for (PriceChange entry : change.changes()) {
                    applyChange(entry, change.timestamp(), now, pending);
                }
            } else if (event instanceof TickSizeChangeEvent tick) {
                data = true;
                hashUnknown(tick.market(), tick.timestamp());
                TokenEntry token = usable(tick.assetId());
                if (token != null) {
                    token.book.setTickSize(tick.newTickSize());
                    token.lastUpdateTime = now;
                    emit(token, "tick_size_change", tick.timestamp(), now, desynced);
                }
            } else if (event instanceof LastTradePriceEvent trade) {
                data = true;
                hashUnknown(trade.market(), trade.timestamp());
                TokenEntry token = usable(trade.assetId());
                if (token != null) {
                    token.book.setLastTradePrice(trade.price());
                    token.lastUpdateTime = now;
                    emit(token, "last_trade_price", trade.timestamp(), now, desynced);
                }
            } else if (event instanceof BestBidAskEvent best) {
                data = true;
                TokenEntry token = usable(best.assetId());
                if (token != null && !token.restPending) {
                    state(token, best.bestBid(), best.bestAsk());
                    token.lastUpdateTime = now;
                    if (!publishedTop(token).equals(token.lastEmittedTop)) {
                        emit(token, "best_bid_ask", best.timestamp(), now, desynced);
                    }
                }
            } else if (event instanceof MarketResolvedEvent resolution) {
                resolved = resolved.isEmpty() ? new ArrayList<>() : resolved;
                resolved.add(resolution);
            }
            // new_market: counted above; it changes no book of ours.
        }
        finishPriceChanges(pending, now, desynced);
        return new Applied(data, desynced, resolved);
    }

    /** A token that has a book and is not resolved, or null. */
    private TokenEntry usable(String tokenId) {
        TokenEntry token = tokens.get(tokenId);
        return token == null || token.book == null || token.state == TokenState.RESOLVED ? null : token;
    }

    private void applyChange(PriceChange entry, long exchangeTime, long now, Map<String, Boolean> pending) {
        TokenEntry token = tokens.get(entry.assetId());
        if (token == null || token.state == TokenState.RESOLVED) {
            return; // the complement token, or a resolved one
        }
        if (token.restPending) {
            buffer(token, entry, exchangeTime);
            return;
        }
        if (token.book == null) {
            return; // no snapshot yet: never build a book from deltas
        }
        token.book.set(entry.side(), entry.price(), entry.size());
        token.book.touch(entry.hash(), exchangeTime);
        boolean stated = entry.bestBid() != null || entry.bestAsk() != null;
        if (stated) {
            state(token, entry.bestBid(), entry.bestAsk());
        }
        pending.merge(entry.assetId(), stated, Boolean::logicalOr);
        token.lastUpdateTime = now;
    }

    private static void buffer(TokenEntry token, PriceChange entry, long exchangeTime) {
        if (token.bufferOverflow) {
            return;
        }
        if (token.buffered == null) {
            token.buffered = new ArrayList<>();
        }
        if (token.buffered.size() >= MAX_BUFFERED) {
            token.buffered = null;
            token.bufferOverflow = true;
            return;
        }
        token.buffered.add(new BufferedChange(entry, exchangeTime));
    }

    private static void state(TokenEntry token, BigDecimal bid, BigDecimal ask) {
        token.statedBid = TopOfBook.emptyBid(bid);
        token.statedAsk = TopOfBook.emptyAsk(ask);
        token.statedKnown = true;
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

    private void replaceBook(TokenEntry token, String market, BookEvent book, long now) {
        if (token.book == null) {
            token.book = new OrderBook(token.tokenId);
        }
        token.book.replace(market, book.bids(), book.asks(), book.tickSize(), book.lastTradePrice(), book.hash(),
                book.timestamp());
        // A snapshot is the exchange's own book: its levels are the stated top until a frame says otherwise.
        token.statedKnown = false;
        token.restPending = false;
        token.buffered = null;
        token.bufferOverflow = false;
        token.awaitingSince = 0;
        token.firstBookRetries = 0;
        token.mismatchEnded();
        token.lastUpdateTime = now;
        if (token.state != TokenState.LIVE) {
            changeState(token, TokenState.LIVE, "book received on socket " + socketId, now);
        }
    }

    /** Marks a token as waiting for a REST snapshot: its deltas are held from now on. */
    void awaitRestSnapshot(TokenEntry token) {
        token.restPending = true;
        token.buffered = null;
        token.bufferOverflow = false;
    }

    /**
     * Completes a REST resync: the snapshot, then the deltas buffered since it was asked that are
     * not older than it (a delta sets an absolute size, so one already in the snapshot does no
     * harm). Returns false, and leaves the token as it was, when no snapshot is awaited any more
     * (a {@code book} came first) or the buffer overflowed (the caller asks again).
     */
    boolean applyRestSnapshot(TokenEntry token, RestBook rest, long now, List<String> desynced) {
        if (!token.restPending || token.state == TokenState.RESOLVED) {
            return false;
        }
        if (token.bufferOverflow) {
            token.restPending = false;
            token.bufferOverflow = false;
            return false;
        }
        List<BufferedChange> held = token.buffered == null ? List.of() : token.buffered;
        BookEvent snapshot = new BookEvent(rest.market(), token.tokenId, rest.timestamp(), rest.hash(), rest.bids(),
                rest.asks(), rest.tickSize(), rest.lastTradePrice());
        replaceBook(token, rest.market(), snapshot, now);
        int applied = 0;
        for (BufferedChange change : held) {
            if (change.exchangeTime() >= rest.timestamp()) {
                PriceChange entry = change.change();
                token.book.set(entry.side(), entry.price(), entry.size());
                token.book.touch(entry.hash(), change.exchangeTime());
                if (entry.bestBid() != null || entry.bestAsk() != null) {
                    state(token, entry.bestBid(), entry.bestAsk());
                }
                applied++;
            }
        }
        log.info("socket {}: token {} rebuilt from REST /book ({} of {} buffered delta(s) applied)", socketId,
                MarketChannel.abbreviateId(token.tokenId), applied, held.size());
        if (token.statedKnown) {
            checkAgainstStated(token, now, desynced);
        }
        emit(token, "book", token.book.exchangeTime(), now, desynced);
        return true;
    }

    /** Stops waiting for a REST snapshot (the call failed); deltas are applied again from now on. */
    void abandonRestSnapshot(TokenEntry token) {
        token.restPending = false;
        token.buffered = null;
        token.bufferOverflow = false;
    }

    /** Makes a token RESOLVED: final; no event changes it again. */
    void resolve(TokenEntry token, String why, long now) {
        token.awaitingSince = 0;
        token.restPending = false;
        token.buffered = null;
        changeState(token, TokenState.RESOLVED, why, now);
    }

    /** Cross-checks each touched token's levels with the exchange's stated top, then publishes it. */
    private void finishPriceChanges(Map<String, Boolean> pending, long now, List<String> desynced) {
        if (pending.isEmpty()) {
            return;
        }
        pending.forEach((tokenId, stated) -> {
            TokenEntry token = tokens.get(tokenId);
            if (token == null || token.book == null) {
                return;
            }
            if (!stated) {
                token.statedKnown = false; // nothing stated: the levels are all we know
            }
            if (token.state != TokenState.LIVE) {
                return;
            }
            if (stated && !checkAgainstStated(token, now, desynced)) {
                return;
            }
            if (!publishedTop(token).equals(token.lastEmittedTop)) {
                emit(token, "price_change", token.book.exchangeTime(), now, desynced);
            }
        });
        pending.clear();
    }

    /**
     * Compares the levels with the stated top; a disagreement is reported and, {@code desyncFrames}
     * in a row, makes the token DESYNCED. Returns whether the token is still LIVE.
     */
    private boolean checkAgainstStated(TokenEntry token, long now, List<String> desynced) {
        if (sameLevel(TopOfBook.emptyBid(token.book.bestBid()), token.statedBid)
                && sameLevel(TopOfBook.emptyAsk(token.book.bestAsk()), token.statedAsk)) {
            token.mismatchEnded();
            return true;
        }
        return disagreement(token, "ours " + token.book.bestBid() + "/" + token.book.bestAsk() + ", exchange "
                + token.statedBid + "/" + token.statedAsk, now, desynced);
    }

    /** Counts one frame on which the book could not be trusted; returns whether the token is still LIVE. */
    private boolean disagreement(TokenEntry token, String what, long now, List<String> desynced) {
        String tokenId = token.tokenId;
        dispatcher.submit(l -> l.onBookDisagreement(tokenId));
        TopOfBook ours = token.book.top();
        TopOfBook before = token.mismatchTop;
        boolean moved = before != null && !(sameLevel(ours.bestBid(), before.bestBid())
                && sameLevel(ours.bestAsk(), before.bestAsk()));
        token.mismatchTop = ours;
        token.mismatchFrames++;
        if (!moved) {
            token.stalledMismatches++;
        }
        if (token.stalledMismatches < desyncFrames && token.mismatchFrames < desyncFrames * SWEEP_ALLOWANCE) {
            return true;
        }
        String why = "desync: " + what + " for " + token.mismatchFrames + " frames";
        log.warn("socket {}: token {} {}; resyncing", socketId, MarketChannel.abbreviateId(tokenId), why);
        changeState(token, TokenState.DESYNCED, why, now);
        desynced.add(tokenId);
        return false;
    }

    /** The exchange's stated top when known, the levels' otherwise; empty sides null. */
    private static TopOfBook publishedTop(TokenEntry token) {
        TopOfBook levels = token.book.top();
        TopOfBook top = token.statedKnown
                ? new TopOfBook(token.statedBid, token.statedAsk, levels.lastTradePrice(), levels.tickSize())
                : levels;
        return top.withEmptySidesNull();
    }

    static boolean sameLevel(BigDecimal ours, BigDecimal theirs) {
        return ours == null ? theirs == null : theirs != null && ours.compareTo(theirs) == 0;
    }

    private void emit(TokenEntry token, String event, long exchangeTime, long now, List<String> desynced) {
        if (token.state != TokenState.LIVE) {
            return; // only a LIVE book is published; state changes are reported separately
        }
        TopOfBook top = publishedTop(token);
        if (top.crossedOrLocked()) {
            // Never published: a crossed or locked top is a book caught mid-sweep or out of sync.
            disagreement(token, "top crossed or locked at " + top.bestBid() + "/" + top.bestAsk(), now, desynced);
            return;
        }
        token.lastEmittedTop = top;
        TokenUpdate update = new TokenUpdate(token.tokenId, token.book.market(), top, event, exchangeTime, now);
        dispatcher.submit(l -> l.onUpdate(update));
    }

    void changeState(TokenEntry entry, TokenState newState, String reason, long now) {
        if (entry.state == newState && Objects.equals(entry.reason, reason)) {
            return;
        }
        if (entry.state == TokenState.RESOLVED) {
            return; // final
        }
        entry.state = newState;
        entry.reason = reason;
        entry.stateSince = now;
        String tokenId = entry.tokenId;
        dispatcher.submit(l -> l.onTokenState(tokenId, newState, reason));
    }

}
