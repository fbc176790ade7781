package dev.polymaker.polymarket.upstream;

import dev.polymaker.polymarket.rest.ClobRestException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletionException;

/**
 * Why a REST witness of a silent socket could not give a verdict. {@link #metricName()} is the
 * {@code reason} tag of {@code marketdata_witness_failures_total}.
 */
public enum WitnessFailure {
    /** The CLOB answered with an HTTP error status (5xx, 4xx other than 404/429). */
    HTTP_ERROR("http_error"),
    /** The CLOB did not answer in time. */
    TIMEOUT("timeout"),
    /** The connection failed. */
    IO("io"),
    /** The CLOB answered something we could not read. */
    UNREADABLE("unreadable"),
    /** 429. */
    RATE_LIMITED("rate_limited"),
    /** The answer held none of the tokens asked about. */
    NO_ANSWER("no_answer");

    private final String metricName;

    WitnessFailure(String metricName) {
        this.metricName = metricName;
    }

    public String metricName() {
        return metricName;
    }

    /** Classifies a failed witness call. */
    static WitnessFailure of(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof ClobRestException rest) {
            if (rest.getCause() instanceof HttpTimeoutException) {
                return TIMEOUT;
            }
            return switch (rest.kind()) {
                case IO -> IO;
                case RATE_LIMITED -> RATE_LIMITED;
                case BAD_RESPONSE -> UNREADABLE;
                default -> HTTP_ERROR;
            };
        }
        return cause instanceof HttpTimeoutException ? TIMEOUT : IO;
    }
}
