package dev.polymaker.marketdata.api.tokens;

import dev.polymaker.marketdata.api.Destinations;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the copy-trade {@code tokens_from_copytrade.json}
 * ({@code {updated_at, tokens: [{token_id, active, introduced_by_buy, ...}], archived_tokens: [...]}}),
 * by the one rule both services follow (docs/architecture.md §4, "Token file"): an entry is used
 * when its {@code token_id} is 1-100 decimal digits and {@code active} and {@code introduced_by_buy}
 * are both JSON {@code true}; {@code false}, {@code null} or absent means not used. A bad entry (not
 * an object, a bad id, a flag that is not a JSON boolean such as {@code "yes"}) is skipped and
 * reported, and the rest of the file is used. Only a file that is not a JSON object with a
 * {@code tokens} array is refused whole ({@link TokenFileException}).
 */
public final class TokenFileParser {

    /** The ids to use, and why each bad entry was skipped. */
    public record Result(Set<String> tokenIds, List<String> skipped) {
        public Result {
            tokenIds = Collections.unmodifiableSet(new LinkedHashSet<>(tokenIds));
            skipped = List.copyOf(skipped);
        }
    }

    private final JsonMapper json = JsonMapper.builder().build();

    /** @throws TokenFileException when the file as a whole is unusable (half-written, wrong shape) */
    public Result parse(byte[] content) {
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
            throw new TokenFileException("missing 'tokens' array");
        }
        Set<String> ids = new LinkedHashSet<>();
        List<String> skipped = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            String problem = entry(tokens.get(i), i, ids);
            if (problem != null) {
                skipped.add(problem);
            }
        }
        return new Result(ids, skipped);
    }

    /** Adds the entry's id when it is used; returns why it was skipped, or null. */
    private static String entry(JsonNode entry, int i, Set<String> ids) {
        if (!entry.isObject()) {
            return "tokens[" + i + "] is not an object";
        }
        JsonNode idNode = entry.get("token_id");
        String id = idNode == null || !(idNode.isString() || idNode.isIntegralNumber()) ? null
                : idNode.asString().trim();
        if (!Destinations.isValidTokenId(id)) {
            return "tokens[" + i + "].token_id '" + abbreviate(String.valueOf(id)) + "' is not 1-100 decimal digits";
        }
        for (String flag : List.of("active", "introduced_by_buy")) {
            JsonNode value = entry.get(flag);
            if (value != null && !value.isNull() && !value.isBoolean()) {
                return "tokens[" + i + "] (token " + id + ")." + flag + " is not a boolean: " + abbreviate(value.toString());
            }
        }
        if (isTrue(entry, "active") && isTrue(entry, "introduced_by_buy")) {
            ids.add(id);
        }
        return null;
    }

    private static boolean isTrue(JsonNode entry, String flag) {
        JsonNode value = entry.get(flag);
        return value != null && value.isBoolean() && value.booleanValue();
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
