package dev.polymaker.simulator.http;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An HTTP request as a route sees it: method, path, decoded query parameters, headers (lower-case names), body. */
public record RouteRequest(String method, String path, Map<String, String> query, Map<String, List<String>> headers,
                           String body) {

    public RouteRequest {
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
    }

    public Optional<String> param(String name) {
        return Optional.ofNullable(query.get(name));
    }

    /** The query parameter, or an IllegalArgumentException (400) naming it. */
    public String requireParam(String name) {
        String value = query.get(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("missing query parameter " + name);
        }
        return value;
    }

    /** First value of a header (name case-insensitive), or empty. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }
}
