package dev.polymaker.polymarket.upstream;

/**
 * What one upstream socket is doing. Times are epoch milliseconds from the pool's clock, 0 when
 * it never happened.
 */
public record SocketStatus(int id, SocketState state, int tokens, long connectedSince, long lastFrameTime,
                           long lastDataTime, long reconnects, String lastError) {
}
