package dev.polymaker.polymarket.order;

/**
 * A CLOB call that did not succeed, typed by what the caller should do about it. Messages carry
 * the call and the server's error text, never credentials or request headers.
 */
public abstract sealed class ClobException extends RuntimeException {

    private final String call;
    private final int status;

    ClobException(String call, int status, String message, Throwable cause) {
        super(call + (status > 0 ? " -> HTTP " + status : "") + ": " + message, cause);
        this.call = call;
        this.status = status;
    }

    /** The request, e.g. {@code POST /order}. */
    public String call() {
        return call;
    }

    /** HTTP status, or 0 when no response arrived. */
    public int status() {
        return status;
    }

    /** True when the same request may simply be sent again (after backoff). */
    public abstract boolean retryable();

    /** HTTP 425: the matching engine is restarting (weekly, ~90 s). Retry with backoff. */
    public static final class NotReady extends ClobException {
        public NotReady(String call, String message) {
            super(call, 425, message, null);
        }

        @Override
        public boolean retryable() {
            return true;
        }
    }

    /**
     * HTTP 429: over the rate limit, or (with {@link #local()}) refused by our own bucket before
     * sending. {@link #retryAfter()} is the exchange's {@code Retry-After}, or when our bucket would
     * have the tokens; null when unknown.
     */
    public static final class RateLimited extends ClobException {
        private final java.time.Duration retryAfter;
        private final boolean local;

        public RateLimited(String call, String message) {
            this(call, message, null, false);
        }

        public RateLimited(String call, String message, java.time.Duration retryAfter, boolean local) {
            super(call, local ? 0 : 429, message + (retryAfter == null ? "" : " (retry after "
                    + retryAfter.toMillis() + " ms)"), null);
            this.retryAfter = retryAfter;
            this.local = local;
        }

        public java.time.Duration retryAfter() {
            return retryAfter;
        }

        /** True when our own bucket refused the call: nothing was sent. */
        public boolean local() {
            return local;
        }

        @Override
        public boolean retryable() {
            return !local;
        }
    }

    /** Cloudflare's HTML 403: this IP is geoblocked. Retrying from here will not help. */
    public static final class Geoblocked extends ClobException {
        public Geoblocked(String call) {
            super(call, 403, "geoblocked: Cloudflare refused the request (HTML 403); orders cannot be placed"
                    + " from this network location", null);
        }

        @Override
        public boolean retryable() {
            return false;
        }
    }

    /** 401 (or a JSON 403): the L1/L2 headers were refused: wrong key, secret, passphrase or clock. */
    public static final class Unauthorized extends ClobException {
        public Unauthorized(String call, int status, String message) {
            super(call, status, message, null);
        }

        @Override
        public boolean retryable() {
            return false;
        }
    }

    /** The CLOB refused the request (4xx JSON, or {@code success:false}); {@link #code()} says why. */
    public static final class Rejected extends ClobException {
        private final ClobErrorCode code;
        private final String errorMessage;

        public Rejected(String call, int status, String errorMessage) {
            super(call, status, errorMessage, null);
            this.code = ClobErrorCode.parse(errorMessage);
            this.errorMessage = errorMessage;
        }

        public ClobErrorCode code() {
            return code;
        }

        /** The server's error text as sent. */
        public String errorMessage() {
            return errorMessage;
        }

        @Override
        public boolean retryable() {
            return false;
        }
    }

    /** 5xx: the server failed. For order posts the outcome is unknown: reconcile before retrying. */
    public static final class ServerError extends ClobException {
        public ServerError(String call, int status, String message) {
            super(call, status, message, null);
        }

        @Override
        public boolean retryable() {
            return false;
        }
    }

    /** The request could not be sent at all (connection refused, DNS): nothing reached the CLOB. */
    public static final class Unavailable extends ClobException {
        public Unavailable(String call, Throwable cause) {
            super(call, 0, "not sent: " + cause, cause);
        }

        @Override
        public boolean retryable() {
            return true;
        }
    }

    /**
     * The request may have reached the CLOB but no answer came (timeout, reset). An order post in
     * this state may be live: find it with {@code /data/orders} and {@code /data/trades} first.
     */
    public static final class UnknownOutcome extends ClobException {
        public UnknownOutcome(String call, String message, Throwable cause) {
            super(call, 0, message, cause);
        }

        @Override
        public boolean retryable() {
            return false;
        }
    }
}
