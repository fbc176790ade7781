package dev.polymaker.marketdata.api.stream;

import dev.polymaker.marketdata.api.FeedStatus;
import dev.polymaker.marketdata.api.Tick;

/**
 * Receives what a {@link TickStream} sees. Every method is called on the stream's single dispatch
 * thread, never concurrently, in the order the stream processed the events (see {@link TickStream}).
 * Exceptions thrown here are caught, logged and counted; they never stop the stream.
 */
public interface TickStreamListener {

    /** A tick that superseded the last one of its token: new epoch, or higher seq. In seq order per token. */
    void onTick(Tick tick);

    /** Every valid {@code /topic/feed-status} message. */
    default void onFeedStatus(FeedStatus status) {
    }

    /** The STOMP session came up ({@code true}) or went down ({@code false}), with a human-readable reason. */
    default void onConnectionChange(boolean connected, String reason) {
    }

    /** A tick that was dropped by the de-duplication, and why. */
    default void onRejected(Tick tick, TickRejection rejection) {
    }
}
