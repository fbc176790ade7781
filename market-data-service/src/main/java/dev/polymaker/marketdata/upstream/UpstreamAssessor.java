package dev.polymaker.marketdata.upstream;

import dev.polymaker.marketdata.api.UpstreamHealth;
import dev.polymaker.polymarket.upstream.PoolStatus;
import dev.polymaker.polymarket.upstream.SocketState;
import dev.polymaker.polymarket.upstream.SocketStatus;
import dev.polymaker.polymarket.upstream.TokenStatus;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Judges the upstream from successive pool status snapshots. A socket counts as working when it
 * is CONNECTED, unless it has delivered no data since it (re)connected while carrying tokens that
 * had data before: a server that accepts connections and answers PING but sends nothing (frozen)
 * must not look UP. (A socket whose tokens never had data, e.g. ids unknown to the exchange, is
 * not judged by data.) DOWN when the pool could not start, has never connected, or has had no
 * working socket for longer than {@code downAfter}; a shorter gap (a reconnect in progress) is
 * DEGRADED so one blip does not flip readiness. A REST witness that failed in the last five
 * minutes makes an otherwise UP upstream DEGRADED, with the failure as the reason.
 */
public final class UpstreamAssessor {

    /** How long a failed REST witness keeps the upstream DEGRADED. */
    static final Duration WITNESS_FAILURE_WINDOW = Duration.ofMinutes(5);

    private final Clock clock;
    private final long downAfterMs;
    private long noneConnectedSince;
    private boolean everConnected;
    private Map<Integer, Integer> hadDataBySocket = Map.of();

    public UpstreamAssessor(Clock clock, Duration downAfter) {
        this.clock = clock;
        this.downAfterMs = downAfter.toMillis();
    }

    /**
     * @param status       the pool's current status
     * @param startFailure why the pool failed to start, or null
     */
    public synchronized UpstreamVerdict assess(PoolStatus status, String startFailure) {
        long now = clock.millis();
        Map<Integer, Integer> hadDataBySocket = new HashMap<>();
        for (TokenStatus token : status.tokens().values()) {
            if (token.lastUpdateTime() > 0) {
                hadDataBySocket.merge(token.socketId(), 1, Integer::sum); // had data once
            }
        }
        this.hadDataBySocket = hadDataBySocket;
        int sockets = status.sockets().size();
        int connected = 0;
        String lastError = null;
        for (SocketStatus socket : status.sockets()) {
            if (working(socket)) {
                connected++;
            } else if (socket.lastError() != null) {
                lastError = socket.lastError();
            }
            if (socket.connectedSince() > 0 || socket.lastDataTime() > 0) {
                everConnected = true;
            }
        }
        if (connected > 0) {
            everConnected = true;
        }
        long age = status.lastDataTime() > 0 ? Math.max(0, now - status.lastDataTime()) : -1;
        if (startFailure != null) {
            return new UpstreamVerdict(UpstreamHealth.DOWN, "start-up failed: " + startFailure, sockets, connected, age);
        }
        if (sockets == 0) {
            noneConnectedSince = 0;
            return new UpstreamVerdict(UpstreamHealth.UP, "no tokens demanded: no upstream socket needed", 0, 0, age);
        }
        if (connected == sockets) {
            noneConnectedSince = 0;
            String witness = recentWitnessFailure(status, now);
            if (witness != null) {
                // Freeze detection still works (a silent socket is replaced after 3 silence timeouts), but
                // slower and blind to a frozen socket of a quiet market: say so.
                return new UpstreamVerdict(UpstreamHealth.DEGRADED, "all " + sockets + " sockets connected, but the REST "
                        + "witness of silent sockets is failing: " + witness, sockets, connected, age);
            }
            return new UpstreamVerdict(UpstreamHealth.UP, "all " + sockets + " sockets connected and delivering data", sockets, connected, age);
        }
        String detail = describe(status, lastError);
        if (connected > 0) {
            noneConnectedSince = 0;
            return new UpstreamVerdict(UpstreamHealth.DEGRADED, (sockets - connected) + " of " + sockets
                    + " sockets not connected: " + detail, sockets, connected, age);
        }
        if (noneConnectedSince == 0) {
            noneConnectedSince = now;
        }
        if (!everConnected) {
            return new UpstreamVerdict(UpstreamHealth.DOWN, "never connected: " + detail, sockets, 0, age);
        }
        long downFor = now - noneConnectedSince;
        if (downFor >= downAfterMs) {
            return new UpstreamVerdict(UpstreamHealth.DOWN, "no socket connected for " + downFor + " ms: " + detail,
                    sockets, 0, age);
        }
        return new UpstreamVerdict(UpstreamHealth.DEGRADED, "no socket connected for " + downFor
                + " ms (reconnecting): " + detail, sockets, 0, age);
    }

    /** The latest witness failure of the last {@link #WITNESS_FAILURE_WINDOW}, described, or null. */
    private static String recentWitnessFailure(PoolStatus status, long now) {
        SocketStatus latest = null;
        for (SocketStatus socket : status.sockets()) {
            if (socket.lastWitnessFailure() != null && now - socket.lastWitnessFailureTime() < WITNESS_FAILURE_WINDOW.toMillis()
                    && (latest == null || socket.lastWitnessFailureTime() > latest.lastWitnessFailureTime())) {
                latest = socket;
            }
        }
        return latest == null ? null : "socket " + latest.id() + ", " + (now - latest.lastWitnessFailureTime())
                + " ms ago: " + latest.lastWitnessFailure() + " (" + latest.witnessFailures() + " failure(s) on that socket)";
    }

    private boolean working(SocketStatus socket) {
        return socket.state() == SocketState.CONNECTED && (socket.lastDataTime() >= socket.connectedSince()
                || hadDataBySocket.getOrDefault(socket.id(), 0) == 0);
    }

    private String describe(PoolStatus status, String lastError) {
        long now = clock.millis();
        StringBuilder text = new StringBuilder();
        for (SocketStatus socket : status.sockets()) {
            if (!working(socket)) {
                if (!text.isEmpty()) {
                    text.append(", ");
                }
                text.append("socket ").append(socket.id()).append(' ').append(socket.state());
                if (socket.state() == SocketState.CONNECTED) {
                    text.append(" without data for ").append(now - socket.connectedSince()).append(" ms");
                }
            }
        }
        if (lastError != null) {
            text.append("; last error: ").append(lastError);
        }
        return text.toString();
    }
}
