package dev.polymaker.marketdata.api.stream;

import dev.polymaker.marketdata.api.FeedStatus;
import dev.polymaker.marketdata.api.UpstreamHealth;

/**
 * What a {@link TickStream} knows about the health of the shared feed.
 *
 * @param connected          the STOMP session is up
 * @param lastFeedStatusTime clock millis when the last feed-status arrived, 0 = never
 * @param lastStatus         the last feed-status received (from any session), {@code null} = never
 * @param connectedSince     clock millis when the current session came up, 0 = not connected
 */
public record FeedLiveness(boolean connected, long lastFeedStatusTime, FeedStatus lastStatus, long connectedSince) {

    /** Millis since the last feed-status at {@code nowMillis}, or {@link Long#MAX_VALUE} if none ever came. */
    public long feedStatusAgeMs(long nowMillis) {
        return lastFeedStatusTime == 0 ? Long.MAX_VALUE : Math.max(0, nowMillis - lastFeedStatusTime);
    }

    /** The service's own view of its upstream as last reported, {@link UpstreamHealth#DOWN} if never reported. */
    public UpstreamHealth upstream() {
        return lastStatus == null || lastStatus.upstream() == null ? UpstreamHealth.DOWN : lastStatus.upstream();
    }
}
