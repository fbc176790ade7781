package dev.polymaker.marketdata.web;

import org.springframework.http.HttpStatus;

/** A REST request that cannot be served, with the status and error code it maps to. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String error;

    public ApiException(HttpStatus status, String error, String message) {
        super(message);
        this.status = status;
        this.error = error;
    }

    public HttpStatus status() {
        return status;
    }

    public String error() {
        return error;
    }

    static ApiException badTokenId(String tokenId) {
        String shown = tokenId.length() > 40 ? tokenId.substring(0, 40) + "..." : tokenId;
        return new ApiException(HttpStatus.BAD_REQUEST, "bad_token_id",
                "token ids are 1-100 decimal digits, got '" + shown.replaceAll("[^\\x20-\\x7e]", "?") + "'");
    }

    static ApiException unknownToken(String tokenId) {
        return new ApiException(HttpStatus.NOT_FOUND, "unknown_token",
                "token " + tokenId + " is not subscribed by this service");
    }
}
