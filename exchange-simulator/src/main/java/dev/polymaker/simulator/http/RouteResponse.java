package dev.polymaker.simulator.http;

/** A route's answer: status, body, content type and extra headers. */
public record RouteResponse(int status, String body, String contentType, java.util.Map<String, String> headers) {

    public RouteResponse {
        headers = java.util.Map.copyOf(headers);
    }

    public RouteResponse(int status, String body, String contentType) {
        this(status, body, contentType, java.util.Map.of());
    }

    public static RouteResponse json(int status, String json) {
        return new RouteResponse(status, json, "application/json");
    }

    public static RouteResponse ok(String json) {
        return json(200, json);
    }

    public static RouteResponse text(int status, String text) {
        return new RouteResponse(status, text, "text/plain; charset=utf-8");
    }

    /** {"error": message} with the given status, the shape Polymarket's CLOB uses for errors. */
    public static RouteResponse error(int status, String message) {
        return json(status, "{\"error\":\"" + escape(message) + "\"}");
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
