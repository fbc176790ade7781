package dev.polymaker.simulator.clob;

/** The simulated CLOB's answer; {@code delayMillis} is how long the server holds it back (fault injection). */
public record ClobResponse(int status, String contentType, String body, long delayMillis) {

    static ClobResponse json(int status, String body) {
        return new ClobResponse(status, "application/json", body, 0);
    }

    ClobResponse delayed(long millis) {
        return new ClobResponse(status, contentType, body, millis);
    }
}
