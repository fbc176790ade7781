package dev.polymaker.simulator.clob;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The simulated CLOB's answer; {@code delayMillis} is how long the server holds it back (fault
 * injection); {@code headers} are extra response headers (rate limits).
 */
public record ClobResponse(int status, String contentType, String body, long delayMillis, Map<String, String> headers) {

    public ClobResponse {
        headers = Map.copyOf(headers);
    }

    public ClobResponse(int status, String contentType, String body, long delayMillis) {
        this(status, contentType, body, delayMillis, Map.of());
    }

    static ClobResponse json(int status, String body) {
        return new ClobResponse(status, "application/json", body, 0);
    }

    ClobResponse delayed(long millis) {
        return new ClobResponse(status, contentType, body, millis, headers);
    }

    ClobResponse withHeaders(Map<String, String> extra) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.putAll(extra);
        return new ClobResponse(status, contentType, body, delayMillis, h);
    }
}
