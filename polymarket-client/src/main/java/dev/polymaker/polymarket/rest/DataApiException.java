package dev.polymaker.polymarket.rest;

/** A data API call failed; {@link #kind()} says how. */
public final class DataApiException extends RuntimeException {

    /** How the call failed. */
    public enum Kind {
        IO, HTTP_ERROR, RATE_LIMITED, BAD_RESPONSE
    }

    private final Kind kind;
    private final int status;

    public DataApiException(Kind kind, int status, String message, Throwable cause) {
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
