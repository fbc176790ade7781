package dev.polymaker.polymarket.upstream;

import dev.polymaker.polymarket.book.OrderBook;
import dev.polymaker.polymarket.book.TopOfBook;
import java.math.BigDecimal;
import java.util.List;

/** Mutable sync state of one token on its socket; guarded by the owning {@link MarketChannel}. */
final class TokenEntry {

    final String tokenId;
    TokenState state = TokenState.PENDING;
    String reason;
    long stateSince;
    long lastUpdateTime;
    /** Null until the first {@code book} snapshot arrives. */
    OrderBook book;
    /** Consecutive frames whose best bid/ask disagreed with ours. */
    int mismatchFrames;
    /** Of those, the frames after which our levels' top had not moved since the one before (no progress). */
    int stalledMismatches;
    /** Our levels' top after the last disagreeing frame; null while they agree. */
    TopOfBook mismatchTop;
    /** When we last asked for a snapshot that has not arrived yet; 0 when none is awaited. */
    long awaitingSince;
    /** The top of book last handed to the listener, to skip price_change updates that left it unchanged. */
    TopOfBook lastEmittedTop;
    /** Resubscribes sent because the first book did not arrive in time. */
    int firstBookRetries;
    /** While FAILED: when it is next subscribed afresh. */
    long failedRetryAt;
    /**
     * The exchange's own best bid/ask after the last frame that stated them (per-entry
     * {@code best_bid}/{@code best_ask}, {@code best_bid_ask}); "0"/"1" already turned into null.
     * Valid while {@link #statedKnown}; otherwise the top comes from the levels.
     */
    BigDecimal statedBid;
    BigDecimal statedAsk;
    boolean statedKnown;
    /** A REST {@code GET /book} is under way for this token; its deltas are buffered until it lands. */
    boolean restPending;
    /** {@code price_change} entries held while {@link #restPending}; null when none are held. */
    List<ShardBooks.BufferedChange> buffered;
    /** The buffer overflowed while waiting for REST: that answer cannot be completed and is discarded. */
    boolean bufferOverflow;
    /** When REST may next be asked for this token's book (after a failed call). */
    long restRetryAt;

    TokenEntry(String tokenId, long now, String reason) {
        this.tokenId = tokenId;
        this.stateSince = now;
        this.reason = reason;
    }

    /** The levels agree with the exchange again (or start afresh): no disagreement is running. */
    void mismatchEnded() {
        mismatchFrames = 0;
        stalledMismatches = 0;
        mismatchTop = null;
    }

    TokenStatus status(int socketId) {
        return new TokenStatus(tokenId, state, socketId, stateSince, lastUpdateTime, reason);
    }
}
