package dev.polymaker.trading.tokens;

/** Where the wish to trade a token came from; a token stays owned while any source wants it. */
public enum TokenSource {
    /** {@code trading.tokens} */
    CONFIG,
    /** {@code trading.token-file} */
    FILE,
    /** {@code PUT /api/tokens/{id}} */
    API
}
