package dev.polymaker.marketdata.demand;

/** Outcome of asking {@link TokenDemand} for tokens. */
public enum Admission {
    ACCEPTED,
    /** Accepting would hold more than {@code marketdata.max-tokens} tokens upstream. */
    TOO_MANY_TOKENS
}
