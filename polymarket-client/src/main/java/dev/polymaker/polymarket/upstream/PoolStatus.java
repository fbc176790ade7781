package dev.polymaker.polymarket.upstream;

import java.util.List;
import java.util.Map;

/** A consistent-enough picture of the whole pool for health checks and status pages. */
public record PoolStatus(List<SocketStatus> sockets, Map<String, TokenStatus> tokens, long lastDataTime) {

    public PoolStatus {
        sockets = List.copyOf(sockets);
        tokens = Map.copyOf(tokens);
    }
}
