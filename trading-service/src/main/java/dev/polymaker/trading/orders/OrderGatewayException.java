package dev.polymaker.trading.orders;

/** The venue's answer is unknown or it refused to serve us; the message says which and for which order. */
public class OrderGatewayException extends RuntimeException {

    private final boolean retryable;

    public OrderGatewayException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
