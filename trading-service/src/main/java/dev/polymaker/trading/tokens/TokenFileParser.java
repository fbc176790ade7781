package dev.polymaker.trading.tokens;

import dev.polymaker.marketdata.api.Destinations;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the copy-trade watcher's {@code tokens_from_copytrade.json}: the tokens to trade are the
 * entries of {@code tokens[]} that are {@code active} and {@code introduced_by_buy}.
 */
public final class TokenFileParser {

    /** The ids to trade, and entries skipped for a bad id (reported, not fatal). */
    public record Result(Set<String> tokenIds, List<String> skipped) {
    }

    /** The file is not the expected JSON; the message says what is wrong. */
    public static final class TokenFileException extends Exception {
        public TokenFileException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final JsonMapper mapper = JsonMapper.builder().build();

    public Result parse(byte[] content) throws TokenFileException {
        JsonNode root;
        try {
            root = mapper.readTree(content);
        } catch (JacksonException e) {
            throw new TokenFileException("not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new TokenFileException("top level must be an object with a tokens array", null);
        }
        JsonNode tokens = root.get("tokens");
        if (tokens == null || !tokens.isArray()) {
            throw new TokenFileException("missing 'tokens' array", null);
        }
        Set<String> ids = new LinkedHashSet<>();
        List<String> skipped = new ArrayList<>();
        for (JsonNode entry : tokens) {
            if (!entry.isObject()) {
                skipped.add("non-object entry " + entry);
                continue;
            }
            JsonNode idNode = entry.get("token_id");
            String id = idNode == null || idNode.isNull() ? null : idNode.asString();
            if (!entry.path("active").asBoolean(false) || !entry.path("introduced_by_buy").asBoolean(false)) {
                continue;
            }
            if (!Destinations.isValidTokenId(id)) {
                skipped.add("bad token_id '" + id + "'");
                continue;
            }
            ids.add(id);
        }
        return new Result(ids, skipped);
    }
}
