package dev.polymaker.marketdata.demand;

import dev.polymaker.marketdata.api.Destinations;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Reads the copy-trade {@code tokens_from_copytrade.json}
 * ({@code {updated_at, tokens: [{token_id, active, introduced_by_buy, ...}], archived_tokens: [...]}})
 * and returns the ids of entries that are both {@code active} and {@code introduced_by_buy}.
 * Anything malformed (half-written JSON, a missing {@code tokens} array, a bad token id, a
 * non-boolean flag) rejects the whole file: a partial reading would silently drop tokens.
 */
public final class TokenFileParser {

    private final JsonMapper json = JsonMapper.builder().build();

    public Set<String> parse(byte[] content) {
        JsonNode root;
        try {
            root = json.readTree(content);
        } catch (JacksonException e) {
            throw new TokenFileException("not valid JSON (half-written?): " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new TokenFileException("top level is not a JSON object");
        }
        JsonNode tokens = root.get("tokens");
        if (tokens == null || !tokens.isArray()) {
            throw new TokenFileException("no 'tokens' array");
        }
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < tokens.size(); i++) {
            JsonNode entry = tokens.get(i);
            if (!entry.isObject()) {
                throw new TokenFileException("tokens[" + i + "] is not an object");
            }
            JsonNode id = entry.get("token_id");
            if (id == null || !(id.isString() || id.isIntegralNumber())) {
                throw new TokenFileException("tokens[" + i + "] has no token_id");
            }
            String tokenId = id.asString().trim();
            if (!Destinations.isValidTokenId(tokenId)) {
                throw new TokenFileException("tokens[" + i + "].token_id '" + abbreviate(tokenId)
                        + "' is not 1-100 decimal digits");
            }
            if (flag(entry, "active", i) && flag(entry, "introduced_by_buy", i)) {
                ids.add(tokenId);
            }
        }
        return ids;
    }

    private static boolean flag(JsonNode entry, String name, int index) {
        JsonNode value = entry.get(name);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new TokenFileException("tokens[" + index + "]." + name + " is not a boolean");
        }
        return value.booleanValue();
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
