package dev.polymaker.polymarket.rest;

import dev.polymaker.polymarket.book.PriceLevel;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * Public market-data REST calls of the CLOB (polymarket-protocol.md §4.1): {@code GET /book} and
 * {@code POST /books}. No auth. Failures are {@link ClobRestException}s with a kind.
 */
public final class ClobRestClient {

    /** Tokens per {@code POST /books} request, the documented maximum. */
    public static final int MAX_TOKENS_PER_BOOKS_CALL = 500;

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private final HttpClient http;
    private final URI baseUrl;
    private final Duration timeout;
    private final LongAdder rejectedEntries = new LongAdder();
    private final Consumer<String> rejectedEntryHandler;

    public ClobRestClient(HttpClient http, URI baseUrl, Duration timeout) {
        this(http, baseUrl, timeout, what -> { });
    }

    /**
     * As above; {@code rejectedEntryHandler} is told (with the reason) of every {@code POST /books}
     * entry that could not be read and was skipped.
     */
    public ClobRestClient(HttpClient http, URI baseUrl, Duration timeout, Consumer<String> rejectedEntryHandler) {
        this.rejectedEntryHandler = Objects.requireNonNull(rejectedEntryHandler, "rejectedEntryHandler");
        this.http = Objects.requireNonNull(http, "http");
        String base = baseUrl.toString();
        this.baseUrl = URI.create(base.endsWith("/") ? base : base + "/");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** Entries of {@code POST /books} answers that could not be read and were skipped, ever. */
    public long rejectedEntries() {
        return rejectedEntries.sum();
    }

    /** {@code GET /book?token_id=}: blocks; throws {@link ClobRestException}. */
    public RestBook book(String tokenId) {
        return join(bookAsync(tokenId));
    }

    public CompletableFuture<RestBook> bookAsync(String tokenId) {
        HttpRequest request = HttpRequest.newBuilder(
                        baseUrl.resolve("book?token_id=" + URLEncoder.encode(tokenId, StandardCharsets.UTF_8)))
                .timeout(timeout).header("Accept", "application/json").GET().build();
        return send(request, "GET /book for token " + tokenId).thenApply(body -> parseBook(body, "GET /book"));
    }

    /** {@code POST /books} in requests of at most 500 tokens: blocks; throws {@link ClobRestException}. */
    public List<RestBook> books(Collection<String> tokenIds) {
        return join(booksAsync(tokenIds));
    }

    /** {@code POST /books} in requests of at most 500 tokens, sent one after the other; books in answer order. */
    public CompletableFuture<List<RestBook>> booksAsync(Collection<String> tokenIds) {
        List<String> ids = List.copyOf(tokenIds);
        CompletableFuture<List<RestBook>> result = CompletableFuture.completedFuture(new ArrayList<>(ids.size()));
        for (int from = 0; from < ids.size(); from += MAX_TOKENS_PER_BOOKS_CALL) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + MAX_TOKENS_PER_BOOKS_CALL));
            result = result.thenCompose(out -> booksCall(chunk).thenApply(books -> {
                out.addAll(books);
                return out;
            }));
        }
        return result;
    }

    private CompletableFuture<List<RestBook>> booksCall(List<String> chunk) {
        ArrayNode body = MAPPER.createArrayNode();
        chunk.forEach(id -> body.addObject().put("token_id", id));
        HttpRequest request = HttpRequest.newBuilder(baseUrl.resolve("books")).timeout(timeout)
                .header("Accept", "application/json").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(MAPPER.writeValueAsString(body))).build();
        return send(request, "POST /books (" + chunk.size() + " tokens)").thenApply(response -> {
            JsonNode root = readJson(response, "POST /books");
            if (!root.isArray()) {
                throw new ClobRestException(ClobRestException.Kind.BAD_RESPONSE, 200,
                        "POST /books: expected a JSON array, got " + ResponseText.abbreviate(response), null);
            }
            List<RestBook> out = new ArrayList<>(root.size());
            for (JsonNode node : root.values()) {
                try {
                    out.add(toBook(node, "POST /books"));
                } catch (ClobRestException unreadable) {
                    // One bad entry must not void the others: counted and reported, the rest still count.
                    rejectedEntries.increment();
                    rejectedEntryHandler.accept(unreadable.getMessage());
                }
            }
            return out;
        });
    }

    private CompletableFuture<String> send(HttpRequest request, String what) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .handle((response, error) -> {
                    if (error != null) {
                        Throwable cause = error instanceof CompletionException && error.getCause() != null
                                ? error.getCause() : error;
                        throw new ClobRestException(ClobRestException.Kind.IO, 0,
                                what + ": " + cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
                    }
                    int status = response.statusCode();
                    if (status == 404) {
                        throw new ClobRestException(ClobRestException.Kind.NOT_FOUND, status,
                                what + ": 404 " + ResponseText.abbreviate(response.body()), null);
                    }
                    if (status == 429) {
                        throw new ClobRestException(ClobRestException.Kind.RATE_LIMITED, status,
                                what + ": 429 rate limited", null);
                    }
                    if (status < 200 || status >= 300) {
                        throw new ClobRestException(ClobRestException.Kind.HTTP_ERROR, status,
                                what + ": HTTP " + status + " " + ResponseText.abbreviate(response.body()), null);
                    }
                    return response.body();
                });
    }

    /** Reads one {@code /book} answer body; throws {@link ClobRestException} (BAD_RESPONSE) when it is not a book. */
    public static RestBook readBook(String body) {
        return parseBook(body, "book");
    }

    private static RestBook parseBook(String body, String what) {
        return toBook(readJson(body, what), what);
    }

    private static JsonNode readJson(String body, String what) {
        try {
            return MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw new ClobRestException(ClobRestException.Kind.BAD_RESPONSE, 200,
                    what + ": body is not JSON: " + ResponseText.abbreviate(body), e);
        }
    }

    private static RestBook toBook(JsonNode node, String what) {
        try {
            if (!node.isObject()) {
                throw new IllegalArgumentException("not an object");
            }
            JsonNode negRisk = node.get("neg_risk");
            return new RestBook(text(node, "market", false), text(node, "asset_id", true),
                    timestamp(node.get("timestamp")), text(node, "hash", false), levels(node, "bids"),
                    levels(node, "asks"), decimal(node.get("min_order_size")), decimal(node.get("tick_size")),
                    negRisk == null || negRisk.isNull() ? null : negRisk.asBoolean(),
                    decimal(node.get("last_trade_price")));
        } catch (IllegalArgumentException e) {
            throw new ClobRestException(ClobRestException.Kind.BAD_RESPONSE, 200,
                    what + ": unexpected book shape (" + e.getMessage() + "): " + ResponseText.abbreviate(String.valueOf(node)), e);
        }
    }

    private static String text(JsonNode node, String field, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || !value.isString()) {
            if (required) {
                throw new IllegalArgumentException("missing " + field);
            }
            return null;
        }
        return value.stringValue();
    }

    private static List<PriceLevel> levels(JsonNode node, String field) {
        JsonNode array = node.get(field);
        if (array == null || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw new IllegalArgumentException(field + " is not an array");
        }
        List<PriceLevel> levels = new ArrayList<>();
        for (JsonNode level : array.values()) {
            BigDecimal price = decimal(level.get("price"));
            BigDecimal size = decimal(level.get("size"));
            if (price == null || size == null) {
                throw new IllegalArgumentException(field + " level without price or size");
            }
            levels.add(new PriceLevel(price, size));
        }
        return levels;
    }

    private static BigDecimal decimal(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isString()) {
            String s = value.stringValue().strip();
            if (s.isEmpty()) {
                return null; // the exchange sends "" for a number it has not got (no trade yet)
            }
            try {
                return new BigDecimal(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a number: " + value);
            }
        }
        throw new IllegalArgumentException("not a number: " + value);
    }

    private static long timestamp(JsonNode value) {
        if (value == null || value.isNull()) {
            return 0;
        }
        if (value.isNumber()) {
            return value.decimalValue().longValue();
        }
        String s = value.asString().strip();
        if (s.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            try {
                return Instant.parse(s).toEpochMilli();
            } catch (DateTimeParseException notIso) {
                throw new IllegalArgumentException("timestamp is neither epoch millis nor ISO: " + s);
            }
        }
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof ClobRestException rest) {
                throw rest;
            }
            throw e;
        }
    }
}
