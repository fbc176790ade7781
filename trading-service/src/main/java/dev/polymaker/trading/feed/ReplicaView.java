package dev.polymaker.trading.feed;

import dev.polymaker.marketdata.api.stream.FeedLiveness;

import java.net.URI;

/**
 * One market-data-service replica as health and status show it: whether it is the one followed,
 * whether the selector counts it healthy and why not, and its session's liveness.
 */
public record ReplicaView(String name, URI url, boolean active, boolean healthy, String problem,
                          FeedLiveness liveness) {
}
