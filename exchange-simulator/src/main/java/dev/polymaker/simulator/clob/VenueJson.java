package dev.polymaker.simulator.clob;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The simulated CLOB's JSON: parsing bodies, the answers it writes, the faults' bodies, decimal format. */
final class VenueJson {

    static final String CLOUDFLARE_403 = "<!DOCTYPE html>\n<html><head><title>Attention Required! | Cloudflare</title>"
            + "</head><body><h1>Sorry, you have been blocked</h1><p>You are unable to access polymarket.com</p>"
            + "</body></html>";

    final JsonMapper json = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    JsonNode parse(String body) {
        return json.readTree(body == null || body.isBlank() ? "{}" : body);
    }

    ObjectNode object() {
        return json.createObjectNode();
    }

    ArrayNode array() {
        return json.createArrayNode();
    }

    ClobResponse ok(JsonNode n) {
        return ClobResponse.json(200, json.writeValueAsString(n));
    }

    ClobResponse status(int status, JsonNode n) {
        return ClobResponse.json(status, json.writeValueAsString(n));
    }

    ClobResponse error(int status, String message) {
        return ClobResponse.json(status, json.writeValueAsString(json.createObjectNode().put("error", message)));
    }

    ClobResponse faultStatus(int status) {
        return switch (status) {
            case 425 -> error(425, "service not ready: the matching engine is restarting");
            case 429 -> error(429, "Too Many Requests");
            case 403 -> new ClobResponse(403, "text/html; charset=UTF-8", CLOUDFLARE_403, 0);
            default -> status >= 500 ? new ClobResponse(status, "text/html", "<html><body>" + status
                    + " server error</body></html>", 0) : error(status, "injected fault " + status);
        };
    }

    ClobResponse cancelResult(List<String> canceled, Map<String, String> notCanceled) {
        ObjectNode r = json.createObjectNode();
        ArrayNode c = r.putArray("canceled");
        canceled.forEach(c::add);
        ObjectNode nc = r.putObject("not_canceled");
        notCanceled.forEach(nc::put);
        return ok(r);
    }

    static String plain(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }

    static long parseLong(String s, long dflt) {
        try {
            return s == null || s.isEmpty() ? dflt : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return dflt;
        }
    }
}
