package dev.polymaker.polymarket.rest;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Polymarket's data API (no auth): the positions an account holds, {@code GET /positions?user=},
 * read page by page ({@code limit}/{@code offset}) until a short page. Numbers arrive as JSON
 * numbers and are read as decimals. Failures are {@link DataApiException}s with a kind.
 */
public final class DataApiClient implements AutoCloseable {

    /** Positions per page: the data API's documented maximum. */
    static final int PAGE = 500;
    /** Pages read at most (an account with more positions is reported as an error, not truncated). */
    static final int MAX_PAGES = 20;

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private final URI baseUrl;
    private final Duration timeout;
    private final BlockingHttp http;

    public DataApiClient(URI dataApiUrl, Duration timeout) {
        String base = Objects.requireNonNull(dataApiUrl, "dataApiUrl").toString();
        this.baseUrl = URI.create(base.endsWith("/") ? base : base + "/");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.http = new BlockingHttp("data-api-http", timeout);
    }

    /** Every position the account holds (sizes above zero); blocks; throws {@link DataApiException}. */
    public List<AccountPosition> positions(String user) {
        Objects.requireNonNull(user, "user");
        List<AccountPosition> out = new ArrayList<>();
        for (int page = 0; page < MAX_PAGES; page++) {
            int offset = page * PAGE;
            String what = "GET /positions for " + user + " (offset " + offset + ")";
            URI uri = baseUrl.resolve("positions?user=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                    + "&sizeThreshold=0&limit=" + PAGE + "&offset=" + offset);
            List<AccountPosition> rows = parse(get(uri, what), what);
            out.addAll(rows);
            if (rows.size() < PAGE) {
                return out;
            }
        }
        throw new DataApiException(DataApiException.Kind.BAD_RESPONSE, 200, "GET /positions for " + user
                + ": more than " + (MAX_PAGES * PAGE) + " positions; refusing a partial answer", null);
    }

    private String get(URI uri, String what) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET()
                .build();
        HttpResponse<String> response;
        try {
            response = http.client().send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new DataApiException(DataApiException.Kind.IO, 0, what + ": " + e.getClass().getSimpleName() + ": "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataApiException(DataApiException.Kind.IO, 0, what + ": interrupted", e);
        }
        int status = response.statusCode();
        if (status == 429) {
            throw new DataApiException(DataApiException.Kind.RATE_LIMITED, status, what + ": 429 rate limited", null);
        }
        if (status < 200 || status >= 300) {
            throw new DataApiException(DataApiException.Kind.HTTP_ERROR, status, what + ": HTTP " + status + " "
                    + ResponseText.abbreviate(response.body()), null);
        }
        return response.body();
    }

    static List<AccountPosition> parse(String body, String what) {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw new DataApiException(DataApiException.Kind.BAD_RESPONSE, 200, what + ": body is not JSON: "
                    + ResponseText.abbreviate(body), e);
        }
        if (root == null || !root.isArray()) {
            throw new DataApiException(DataApiException.Kind.BAD_RESPONSE, 200, what + ": expected an array, got "
                    + ResponseText.abbreviate(body), null);
        }
        List<AccountPosition> out = new ArrayList<>(root.size());
        for (JsonNode node : root.values()) {
            String asset = text(node, "asset");
            BigDecimal size = decimal(node, "size");
            if (asset == null || size == null) {
                // A position we cannot read would be traded as if absent: refuse the whole answer.
                throw new DataApiException(DataApiException.Kind.BAD_RESPONSE, 200, what
                        + ": a position without asset or size: " + ResponseText.abbreviate(String.valueOf(node)), null);
            }
            if (size.signum() <= 0) {
                continue;
            }
            out.add(new AccountPosition(asset, text(node, "conditionId"), size, decimal(node, "avgPrice"),
                    decimal(node, "curPrice"), text(node, "title"), text(node, "outcome"),
                    node.path("redeemable").asBoolean(false)));
        }
        return out;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isString() || value.stringValue().isEmpty() ? null : value.stringValue();
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isString() && !value.stringValue().isBlank()) {
            try {
                return new BigDecimal(value.stringValue().strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    @Override
    public void close() {
        http.close();
    }
}
