package dev.polymaker.polymarket.upstream;

/**
 * Why a socket was dropped and is reconnecting: the one route {@code MarketChannel.dropAndReconnect}
 * takes for every fault. {@link #metricName()} is the {@code reason} label of the reconnect counter
 * (several causes share one, as they always did); {@link #logName()} opens the ERROR line.
 */
public enum ReconnectReason {
    /** No frame at all, not even PONG, for three PING intervals: the connection is dead. */
    NO_FRAME("silence", "no frame", SocketState.DOWN, true),
    /** No data for the silence bound and no REST witness confirmed a quiet market. */
    SILENCE("silence", "silence", SocketState.FROZEN, true),
    /** The exchange answers but delivers nothing: the witness or the first books say so. */
    FROZEN("frozen", "frozen", SocketState.FROZEN, true),
    /** The server closed the connection (answered with a normal close). */
    CLOSED("closed", "closed", SocketState.DOWN, false),
    /** The open connection failed. */
    ERROR("error", "connection error", SocketState.DOWN, true),
    /** A connect attempt failed (refused handshake, timeout, unreachable). */
    CONNECT_FAILED("error", "connect failed", SocketState.DOWN, true);

    private final String metricName;
    private final String logName;
    private final SocketState state;
    private final boolean hardClose;

    ReconnectReason(String metricName, String logName, SocketState state, boolean hardClose) {
        this.metricName = metricName;
        this.logName = logName;
        this.state = state;
        this.hardClose = hardClose;
    }

    /** The {@code reason} label value: {@code silence}, {@code frozen}, {@code closed} or {@code error}. */
    public String metricName() {
        return metricName;
    }

    public String logName() {
        return logName;
    }

    /** The state the socket shows until it reconnects: FROZEN when the exchange, not the link, is at fault. */
    public SocketState state() {
        return state;
    }

    /** Whether the socket is aborted rather than closed with a close frame. */
    boolean hardClose() {
        return hardClose;
    }
}
