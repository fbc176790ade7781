package dev.polymaker.polymarket.upstream;

/** Why a token is resubscribed for a fresh book; {@link #metricName()} is the resync counter's {@code reason} label. */
public enum ResyncReason {
    /** Its levels disagreed with the exchange's best bid/ask for several frames in a row. */
    DESYNC("desync"),
    /** No first book within the first-book timeout after subscribing. */
    FIRST_BOOK_TIMEOUT("first_book_timeout"),
    /** A FAILED token is tried again after its retry interval. */
    FAILED_RETRY("failed_retry");

    private final String metricName;

    ResyncReason(String metricName) {
        this.metricName = metricName;
    }

    public String metricName() {
        return metricName;
    }
}
