package dev.polymaker.polymarket.rest;

import dev.polymaker.polymarket.order.ExchangeVersion;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Looks a token up in Gamma ({@code GET /markets/keyset?clob_token_ids=}, polymarket-protocol.md
 * §4.2) to learn which exchange settles it (§5.1): {@code version:"v2"} markets on ExchangeV3,
 * {@code "v1"} markets (and markets without a {@code version}, which predate protocol V2) on CTF
 * Exchange V2. Failures are {@link GammaException}s with a kind. No auth.
 *
 * <p>Response shapes accepted: Gamma's keyset object {@code {"markets":[...],"next_cursor":...}},
 * an object with a {@code data} array, or a bare array of markets (the legacy {@code /markets}).
 * Only the first page is read: a filter on one token id matches one market. Outcome ids are chosen
 * by {@code version} as the migration guide says: {@code positionIds} (a real array) for "v2",
 * {@code clobTokenIds} (a JSON-encoded string, parsed twice) otherwise.
 */
public final class GammaMarkets implements AutoCloseable {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final URI baseUrl;
    private final Duration timeout;
    private final BlockingHttp http;

    public GammaMarkets(URI gammaUrl, Duration timeout) {
        String base = Objects.requireNonNull(gammaUrl, "gammaUrl").toString();
        this.baseUrl = URI.create(base.endsWith("/") ? base : base + "/");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.http = new BlockingHttp("gamma-http", timeout);
    }

    /** The exchange that settles {@code tokenId}'s orders; blocks; throws {@link GammaException}. */
    public ExchangeVersion exchangeVersion(String tokenId) {
        return market(tokenId).exchangeVersion();
    }

    /** The market that lists {@code tokenId} as an outcome; blocks; throws {@link GammaException}. */
    public GammaMarket market(String tokenId) {
        Objects.requireNonNull(tokenId, "tokenId");
        String what = "GET /markets/keyset for token " + tokenId;
        HttpRequest request = HttpRequest.newBuilder(baseUrl.resolve("markets/keyset?clob_token_ids="
                        + URLEncoder.encode(tokenId, StandardCharsets.UTF_8)))
                .timeout(timeout).header("Accept", "application/json").GET().build();
        HttpResponse<String> response;
        try {
            response = http.client().send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new GammaException(GammaException.Kind.IO, 0,
                    what + ": " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GammaException(GammaException.Kind.IO, 0, what + ": interrupted", e);
        }
        int status = response.statusCode();
        if (status == 404) {
            throw new GammaException(GammaException.Kind.UNKNOWN_TOKEN, status,
                    what + ": 404, Gamma knows no market with this token " + ResponseText.abbreviate(response.body()), null);
        }
        if (status == 429) {
            throw new GammaException(GammaException.Kind.RATE_LIMITED, status, what + ": 429 rate limited", null);
        }
        if (status < 200 || status >= 300) {
            throw new GammaException(GammaException.Kind.HTTP_ERROR, status,
                    what + ": HTTP " + status + " " + ResponseText.abbreviate(response.body()), null);
        }
        return parse(response.body(), tokenId);
    }

    /** Finds {@code tokenId}'s market in a Gamma answer (see the class comment for the shapes). */
    static GammaMarket parse(String body, String tokenId) {
        String what = "GET /markets/keyset for token " + tokenId;
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw new GammaException(GammaException.Kind.BAD_RESPONSE, 200, what + ": body is not JSON: "
                    + ResponseText.abbreviate(body), e);
        }
        JsonNode markets = root == null ? null
                : root.isArray() ? root
                : root.isObject() && root.path("markets").isArray() ? root.get("markets")
                : root.isObject() && root.path("data").isArray() ? root.get("data")
                : null;
        if (markets == null) {
            throw new GammaException(GammaException.Kind.BAD_RESPONSE, 200, what
                    + ": expected an array of markets, or an object with a markets or data array, got "
                    + ResponseText.abbreviate(body), null);
        }
        List<String> malformed = new ArrayList<>();
        for (JsonNode node : markets.values()) {
            String version = node.path("version").isString() ? node.get("version").stringValue() : null;
            List<String> ids;
            try {
                ids = outcomeIds(node, version);
            } catch (IllegalArgumentException e) {
                malformed.add(e.getMessage());
                continue;
            }
            if (!ids.contains(tokenId)) {
                continue;
            }
            String conditionId = node.path("conditionId").isString() ? node.get("conditionId").stringValue() : null;
            JsonNode negRisk = node.path("negRisk");
            JsonNode closed = node.path("closed");
            return new GammaMarket(conditionId, version, ids, negRisk.isBoolean() ? negRisk.booleanValue() : null,
                    exchangeOf(version, conditionId, what),
                    node.path("question").isString() ? node.get("question").stringValue() : null,
                    stringList(node.path("outcomes")), prices(node.path("outcomePrices")),
                    closed.isBoolean() ? closed.booleanValue() : null);
        }
        if (!malformed.isEmpty()) {
            throw new GammaException(GammaException.Kind.BAD_RESPONSE, 200, what + ": no market lists the token and "
                    + malformed.size() + " could not be read: " + malformed.get(0), null);
        }
        throw new GammaException(GammaException.Kind.UNKNOWN_TOKEN, 200, what + ": Gamma knows no market with this"
                + " token (" + markets.size() + " markets in the answer)", null);
    }

    /** A list Gamma sends as a real array or as JSON-encoded text; empty when absent or unreadable. */
    private static List<String> stringList(JsonNode value) {
        JsonNode array = value;
        if (value.isString()) {
            try {
                array = MAPPER.readTree(value.stringValue());
            } catch (JacksonException e) {
                return List.of();
            }
        }
        if (array == null || !array.isArray()) {
            return List.of();
        }
        List<String> out = new ArrayList<>(array.size());
        for (JsonNode item : array.values()) {
            out.add(item.isString() ? item.stringValue() : item.asString());
        }
        return out;
    }

    /** Outcome prices; empty when absent or when any entry is not a number. */
    private static List<java.math.BigDecimal> prices(JsonNode value) {
        List<java.math.BigDecimal> out = new ArrayList<>();
        for (String text : stringList(value)) {
            try {
                out.add(new java.math.BigDecimal(text.strip()));
            } catch (NumberFormatException e) {
                return List.of();
            }
        }
        return out;
    }

    private static ExchangeVersion exchangeOf(String version, String conditionId, String what) {
        if (version == null || version.equalsIgnoreCase("v1")) {
            return ExchangeVersion.CTF_V2;
        }
        if (version.equalsIgnoreCase("v2")) {
            return ExchangeVersion.EXCHANGE_V3;
        }
        throw new GammaException(GammaException.Kind.UNSUPPORTED_VERSION, 200, what + ": market " + conditionId
                + " has version '" + version + "', which this client cannot sign orders for", null);
    }

    /** positionIds for "v2" markets, clobTokenIds otherwise (either a real array or JSON-encoded text). */
    private static List<String> outcomeIds(JsonNode market, String version) {
        String field = version != null && version.toLowerCase(Locale.ROOT).equals("v2") ? "positionIds" : "clobTokenIds";
        JsonNode ids = market.path(field);
        if (ids.isMissingNode() || ids.isNull()) {
            return List.of();
        }
        if (ids.isString()) {
            try {
                ids = MAPPER.readTree(ids.stringValue());
            } catch (JacksonException e) {
                throw new IllegalArgumentException(field + " is neither an array nor JSON text: "
                        + ResponseText.abbreviate(ids.stringValue()));
            }
        }
        if (ids == null || !ids.isArray()) {
            throw new IllegalArgumentException(field + " is not an array: " + ResponseText.abbreviate(String.valueOf(ids)));
        }
        List<String> out = new ArrayList<>(ids.size());
        for (JsonNode id : ids.values()) {
            if (id.isString()) {
                out.add(id.stringValue());
            } else if (id.isIntegralNumber()) {
                out.add(id.bigIntegerValue().toString());
            } else {
                throw new IllegalArgumentException(field + " holds a non-id " + ResponseText.abbreviate(String.valueOf(id)));
            }
        }
        return out;
    }

    @Override
    public void close() {
        http.close();
    }
}
