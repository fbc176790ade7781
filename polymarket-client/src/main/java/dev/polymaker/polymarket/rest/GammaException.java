package dev.polymaker.polymarket.rest;

/** A Gamma call failed or did not say what we asked; {@link #kind()} says how, {@link #status()} is the HTTP status or 0. */
public final class GammaException extends RuntimeException {

    /** How a Gamma lookup failed. */
    public enum Kind {
        /** Gamma answered, but no market lists this token id (or it answered 404). */
        UNKNOWN_TOKEN,
        /** The market carries a {@code version} this client does not know how to trade. */
        UNSUPPORTED_VERSION,
        /** 429: over the rate limit. */
        RATE_LIMITED,
        /** Another non-2xx status. */
        HTTP_ERROR,
        /** 2xx, but the body is not the JSON we expect (e.g. an HTML page from a proxy). */
        BAD_RESPONSE,
        /** No response: connection refused, reset or timed out. */
        IO
    }

    private final Kind kind;
    private final int status;

    public GammaException(Kind kind, int status, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
    }

    public Kind kind() {
        return kind;
    }

    public int status() {
        return status;
    }
}
