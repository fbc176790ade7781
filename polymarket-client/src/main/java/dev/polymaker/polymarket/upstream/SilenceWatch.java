package dev.polymaker.polymarket.upstream;

/**
 * The data-silence watchdog of one socket (docs/architecture.md §3, decision 5): after
 * {@code silenceTimeout} without data it asks the REST witness, once per timeout; a witness that
 * confirms a quiet market keeps the socket. Nothing the witness does can switch it off: a socket
 * that has been silent for {@code 3 × silenceTimeout} with no confirming verdict in the last
 * {@code 2 × silenceTimeout} (the witness failed, timed out or never answered) is replaced
 * anyway, because a fresh subscription is a witness of its own. Pure; time is passed in.
 */
final class SilenceWatch {

    /** What the watchdog should do now. */
    enum Action {
        NONE,
        ASK_WITNESS,
        /** Silent past the bound without a confirming witness: replace the socket. */
        REPLACE
    }

    private final long timeout;
    private boolean inFlight;
    private long lastAskedOrAnswered;
    private long lastConfirmedQuiet;

    SilenceWatch(long silenceTimeoutMillis) {
        this.timeout = Math.max(1, silenceTimeoutMillis);
    }

    /** A new connection: nothing asked, nothing confirmed. */
    void reset() {
        inFlight = false;
        lastAskedOrAnswered = 0;
        lastConfirmedQuiet = 0;
    }

    /**
     * @param quietSince when the socket last had data (or subscribed)
     * @param witnessable whether the socket has LIVE tokens a witness could check (without them no
     *                    data is expected and silence means nothing)
     */
    Action check(long now, long quietSince, boolean witnessable) {
        if (!witnessable) {
            return Action.NONE;
        }
        long silentFor = now - quietSince;
        if (silentFor >= 3 * timeout && now - Math.max(lastConfirmedQuiet, quietSince) >= 2 * timeout) {
            return Action.REPLACE;
        }
        if (inFlight || now - Math.max(quietSince, lastAskedOrAnswered) < timeout) {
            return Action.NONE;
        }
        return Action.ASK_WITNESS;
    }

    void asked(long now) {
        inFlight = true;
        lastAskedOrAnswered = now;
    }

    /** The witness answered; {@code confirmedQuiet} when REST agrees with our books (a quiet market). */
    void answered(long now, boolean confirmedQuiet) {
        inFlight = false;
        lastAskedOrAnswered = now;
        if (confirmedQuiet) {
            lastConfirmedQuiet = now;
        }
    }

    long timeoutMillis() {
        return timeout;
    }
}
