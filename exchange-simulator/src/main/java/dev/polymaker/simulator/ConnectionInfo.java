package dev.polymaker.simulator;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Snapshot of one open market-channel connection, for assertions in tests and the control API. */
public record ConnectionInfo(long id, Set<String> subscribedTokens, List<ClientFrame> received, Instant openedAt,
                             boolean subscribed, boolean customFeatureEnabled) {
    public ConnectionInfo {
        subscribedTokens = Set.copyOf(subscribedTokens);
        received = List.copyOf(received);
    }
}
