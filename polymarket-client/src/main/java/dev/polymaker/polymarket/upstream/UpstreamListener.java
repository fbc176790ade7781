package dev.polymaker.polymarket.upstream;

import dev.polymaker.polymarket.market.FrameType;

/**
 * Receives what an {@link UpstreamPool} sees. Calls come from the pool's single dispatch thread,
 * never from a socket reader, and in event order for each token; an implementation may do
 * moderate work but must not block for long. Exceptions thrown here are logged and counted by
 * the pool, never propagated to a socket.
 */
public interface UpstreamListener {

    /** A token's book changed (or was first received). */
    void onUpdate(TokenUpdate update);

    /** A token moved to another state; {@code reason} says why (e.g. "socket 2 down: frozen"). */
    void onTokenState(String tokenId, TokenState state, String reason);

    /** A socket changed state. */
    default void onSocketState(SocketStatus status) {
    }

    /** One inbound frame or event was handled: a data event's type, or what else the frame was. */
    default void onFrame(FrameType type) {
    }

    /** A socket is reconnecting; the reason carries its metric name ({@code silence}, {@code frozen}, {@code closed}, {@code error}). */
    default void onReconnect(int socketId, ReconnectReason reason) {
    }

    /** A token is being resubscribed; the reason carries its metric name ({@code desync}, {@code first_book_timeout}, {@code failed_retry}). */
    default void onResync(String tokenId, ResyncReason reason) {
    }

    /**
     * After a frame, a token's levels disagreed with the exchange's stated best bid/ask, or its top
     * was crossed or locked (that top was not published). Several in a row make it DESYNCED.
     */
    default void onBookDisagreement(String tokenId) {
    }

    /** A silent socket's REST witness failed; the socket is replaced if silence outlasts the bound. */
    default void onWitnessFailure(int socketId, WitnessFailure reason) {
    }

    /**
     * A market resolved; called once per market, before its tokens' {@code onTokenState(RESOLVED)}.
     * Its tokens get no further updates.
     */
    default void onMarketResolved(MarketResolution resolution) {
    }
}
