package dev.polymaker.polymarket.order;

import java.util.Locale;

/** The documented CLOB rejection reasons (protocol §5.4), recognised inside an error message. */
public enum ClobErrorCode {
    INVALID_ORDER_MIN_TICK_SIZE,
    INVALID_ORDER_MIN_SIZE,
    INVALID_ORDER_DUPLICATED,
    INVALID_ORDER_NOT_ENOUGH_BALANCE,
    INVALID_ORDER_EXPIRATION,
    INVALID_POST_ONLY_ORDER_TYPE,
    INVALID_POST_ONLY_ORDER,
    FOK_ORDER_NOT_FILLED_ERROR,
    INVALID_ORDER_ERROR,
    EXECUTION_ERROR,
    ORDER_DELAYED,
    DELAYING_ORDER_ERROR,
    MARKET_NOT_READY,
    /** The order was built for another order version: re-read {@code GET /version}. */
    ORDER_VERSION_MISMATCH,
    /** {@code not enough balance / allowance}: approvals or the balance cache. */
    NOT_ENOUGH_BALANCE,
    /** The order signature does not recover to the signer in the market's exchange domain. */
    INVALID_SIGNATURE,
    /** 500 {@code could not run the execution}. */
    COULD_NOT_RUN_EXECUTION,
    UNKNOWN;

    /** The most specific code named in {@code message} (case-insensitive), or UNKNOWN. */
    public static ClobErrorCode parse(String message) {
        if (message == null || message.isBlank()) {
            return UNKNOWN;
        }
        String m = message.toUpperCase(Locale.ROOT);
        if (m.contains("ORDER_VERSION_MISMATCH")) {
            return ORDER_VERSION_MISMATCH;
        }
        if (m.contains("NOT ENOUGH BALANCE")) {
            return NOT_ENOUGH_BALANCE;
        }
        if (m.contains("INVALID SIGNATURE")) {
            return INVALID_SIGNATURE;
        }
        if (m.contains("COULD NOT RUN THE EXECUTION")) {
            return COULD_NOT_RUN_EXECUTION;
        }
        ClobErrorCode best = UNKNOWN;
        for (ClobErrorCode code : values()) {
            // Longest match wins: INVALID_ORDER_ERROR must not shadow INVALID_ORDER_MIN_SIZE.
            if (m.contains(code.name()) && (best == UNKNOWN || code.name().length() > best.name().length())) {
                best = code;
            }
        }
        return best;
    }
}
