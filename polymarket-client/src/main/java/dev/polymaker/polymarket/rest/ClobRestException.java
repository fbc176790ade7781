package dev.polymaker.polymarket.rest;

/** A CLOB REST call failed; {@link #kind()} says how, {@link #status()} is the HTTP status or 0. */
public final class ClobRestException extends RuntimeException {

    /** How a call failed. */
    public enum Kind {
        /** 404: the token id is unknown (or its market is gone). */
        NOT_FOUND,
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

    public ClobRestException(Kind kind, int status, String message, Throwable cause) {
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
