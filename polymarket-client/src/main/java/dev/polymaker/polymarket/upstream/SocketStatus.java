package dev.polymaker.polymarket.upstream;

/**
 * What one upstream socket is doing. Times are epoch milliseconds from the pool's clock, 0 when
 * it never happened. {@code witnessFailures} counts REST witness calls that failed (error,
 * timeout, unreadable answer) on this socket, ever; {@code lastWitnessFailure} says the latest,
 * with its time, or is null.
 */
public record SocketStatus(int id, SocketState state, int tokens, long connectedSince, long lastFrameTime,
                           long lastDataTime, long reconnects, String lastError, long witnessFailures,
                           String lastWitnessFailure, long lastWitnessFailureTime) {

    public SocketStatus(int id, SocketState state, int tokens, long connectedSince, long lastFrameTime,
                        long lastDataTime, long reconnects, String lastError) {
        this(id, state, tokens, connectedSince, lastFrameTime, lastDataTime, reconnects, lastError, 0, null, 0);
    }
}
