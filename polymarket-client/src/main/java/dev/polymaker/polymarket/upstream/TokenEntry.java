package dev.polymaker.polymarket.upstream;

import dev.polymaker.polymarket.book.OrderBook;
import dev.polymaker.polymarket.book.TopOfBook;

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
    /** When we last asked for a snapshot that has not arrived yet; 0 when none is awaited. */
    long awaitingSince;
    /** The top of book last handed to the listener, to skip price_change updates that left it unchanged. */
    TopOfBook lastEmittedTop;
    /** Resubscribes sent because the first book did not arrive in time. */
    int firstBookRetries;
    /** While FAILED: when it is next subscribed afresh. */
    long failedRetryAt;

    TokenEntry(String tokenId, long now, String reason) {
        this.tokenId = tokenId;
        this.stateSince = now;
        this.reason = reason;
    }

    TokenStatus status(int socketId) {
        return new TokenStatus(tokenId, state, socketId, stateSince, lastUpdateTime, reason);
    }
}
