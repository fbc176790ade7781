package dev.polymaker.marketdata.api;

/** Heart-beat of the shared feed, published on {@link Destinations#FEED_STATUS} every status interval. */
public record FeedStatus(String epoch, long time, UpstreamHealth upstream, int sockets, int socketsConnected,
                         int tokens, int tokensLive, int tokensPending, int tokensStale, long lastDataAgeMs) {
}
