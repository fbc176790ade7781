package dev.polymaker.polymarket.upstream;

/** Connection state of one upstream market-channel socket. */
public enum SocketState {
    CONNECTING,
    CONNECTED,
    /** Open and answering PING, but delivering no data while the exchange's book moved. */
    FROZEN,
    DOWN
}
