package dev.polymaker.polymarket.upstream;

/** Sync state of one token and the socket that carries it. */
public record TokenStatus(String tokenId, TokenState state, int socketId, long stateSince, long lastUpdateTime,
                          String reason) {
}
