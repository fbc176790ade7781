package dev.polymaker.simulator.clob;

import java.util.Map;
import java.util.TreeMap;

/** One HTTP request to the simulated CLOB, independent of the server carrying it. Header names are case-insensitive. */
public record ClobRequest(String method, String path, Map<String, String> query, Map<String, String> headers,
                          String body) {

    public ClobRequest {
        query = Map.copyOf(query);
        TreeMap<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        h.putAll(headers);
        headers = h;
        body = body == null ? "" : body;
    }

    public String header(String name) {
        return headers.get(name);
    }
}
