package dev.polymaker.polymarket.order;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * HTTP client of the Polymarket CLOB trading API (protocol §5): posts signed orders, cancels,
 * lists orders and trades, keeps the dead-man heartbeat, and creates API keys. Every call fails
 * with a typed {@link ClobException}. 425 and 429 answers are retried with backoff. An order post
 * whose answer is lost is reconciled through {@code /data/orders} and {@code /data/trades}, and
 * only the identical signed order is ever re-sent, so one intent can never rest twice. Thread-safe.
 */
public final class ClobClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClobClient.class);

    static final String FIRST_CURSOR = "MA==";
    static final String LAST_CURSOR = "LTE=";
    /** Order version this client builds: the V2 struct (domains "2" and "3"). */
    public static final int ORDER_VERSION = 2;
    private static final int MAX_PAGES = 1000;
    private static final int MAX_BATCH = 15;
    private static final int MAX_ERROR_TEXT = 300;

    /** Waits between retries; replaced in tests that must not sleep. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private enum Auth { NONE, L1, L2 }

    private record HttpResult(int status, String body) {
    }

    private final ClobClientConfig config;
    private final WalletKey key;
    private final ApiCredentials credentials;
    private final Clock clock;
    private final Sleeper sleeper;
    private final ExecutorService executor;
    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    /**
     * @param credentials L2 API credentials; null allows only public calls and API-key creation
     */
    public ClobClient(ClobClientConfig config, WalletKey key, ApiCredentials credentials, Clock clock, Sleeper sleeper) {
        this.config = Objects.requireNonNull(config, "config");
        this.key = Objects.requireNonNull(key, "key");
        this.credentials = credentials;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        AtomicInteger threads = new AtomicInteger();
        // The JDK client runs its response plumbing here; bounded, and the caller runs work when full.
        this.executor = new ThreadPoolExecutor(0, 4, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "clob-http-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
        this.http = HttpClient.newBuilder()
                .connectTimeout(config.connectTimeout())
                .executor(executor)
                .build();
    }

    public ClobClient(ClobClientConfig config, WalletKey key, ApiCredentials credentials, Clock clock) {
        this(config, key, credentials, clock, d -> Thread.sleep(d.toMillis()));
    }

    /** The signer EOA: {@code POLY_ADDRESS} of every authenticated call. */
    public String address() {
        return key.address();
    }

    // ---- public market info ------------------------------------------------------------------

    /** {@code GET /version}: the order version the CLOB expects (2 for the V2 struct). */
    public int version() {
        return readJson(call("GET", "/version", Map.of(), null, Auth.NONE, true, null)).path("version").asInt(-1);
    }

    /** {@code GET /neg-risk}: whether the token's market settles on the neg-risk exchange. */
    public boolean negRisk(String tokenId) {
        JsonNode n = readJson(call("GET", "/neg-risk", Map.of("token_id", tokenId), null, Auth.NONE, true, null));
        if (!n.path("neg_risk").isBoolean()) {
            throw protocol("GET /neg-risk", "no boolean neg_risk for token " + tokenId);
        }
        return n.path("neg_risk").asBoolean();
    }

    /** {@code GET /tick-size}: the token's minimum tick (the CLOB sends a number). */
    public TickSize tickSize(String tokenId) {
        JsonNode n = readJson(call("GET", "/tick-size", Map.of("token_id", tokenId), null, Auth.NONE, true, null));
        JsonNode tick = n.path("minimum_tick_size");
        if (tick.isMissingNode() || tick.isNull()) {
            throw protocol("GET /tick-size", "no minimum_tick_size for token " + tokenId);
        }
        return TickSize.of(ClobWire.decimal(tick));
    }

    /** The market's minimum order size in shares, from {@code GET /book}'s {@code min_order_size}. */
    public BigDecimal minOrderSize(String tokenId) {
        JsonNode n = readJson(call("GET", "/book", Map.of("token_id", tokenId), null, Auth.NONE, true, null));
        JsonNode min = n.path("min_order_size");
        if (min.isMissingNode() || min.isNull()) {
            throw protocol("GET /book", "no min_order_size for token " + tokenId);
        }
        return ClobWire.decimal(min);
    }

    /**
     * Everything needed to build orders for a token: tick, minimum size and neg-risk from the CLOB;
     * the exchange version is the caller's (Gamma {@code version}), as the CLOB does not say.
     */
    public MarketRules marketRules(String tokenId, ExchangeVersion version) {
        return new MarketRules(tickSize(tokenId), minOrderSize(tokenId), negRisk(tokenId), version);
    }

    // ---- API keys (L1) -----------------------------------------------------------------------

    /** {@code POST /auth/api-key}: a new key for {@code nonce} (NONCE_ALREADY_USED: derive instead). */
    public ApiCredentials createApiKey(long nonce) {
        return ClobWire.credentials(readJson(call("POST", "/auth/api-key", Map.of(), null, Auth.L1, false, null, nonce)));
    }

    /** {@code GET /auth/derive-api-key}: the existing key for {@code nonce}. */
    public ApiCredentials deriveApiKey(long nonce) {
        return ClobWire.credentials(readJson(call("GET", "/auth/derive-api-key", Map.of(), null, Auth.L1, true, null, nonce)));
    }

    // ---- orders (L2) -------------------------------------------------------------------------

    /**
     * {@code POST /order}. Returns the placement; throws {@link ClobException.Rejected} when the
     * CLOB refuses it and {@link ClobException.UnknownOutcome} only when the order could neither
     * be confirmed nor found after the whole retry budget.
     */
    public OrderPlacement post(OrderPost post) {
        requireCredentials();
        String call = "POST /order";
        String orderId = post.order().orderId();
        String body = json.writeValueAsString(ClobWire.orderBody(json, post, credentials.apiKey()));
        boolean versionReread = false;
        for (int attempt = 1; ; attempt++) {
            try {
                OrderPlacement placement = ClobWire.placement(readJson(
                        call("POST", "/order", Map.of(), body, Auth.L2, false, null)), false);
                if (!placement.success()) {
                    throw new ClobException.Rejected(call, 200, placement.errorMsg());
                }
                return placement;
            } catch (ClobException.Rejected e) {
                if (e.code() == ClobErrorCode.INVALID_ORDER_DUPLICATED) {
                    // The CLOB already has this exact order: an earlier attempt did land.
                    Optional<OrderPlacement> found = lookUp(post.order(), e);
                    if (found.isPresent()) {
                        return found.get();
                    }
                    throw e;
                }
                if (e.code() == ClobErrorCode.ORDER_VERSION_MISMATCH && !versionReread) {
                    versionReread = true;
                    int version = version();
                    if (version != ORDER_VERSION) {
                        throw new ClobException.Rejected(call, e.status(), "the CLOB now expects order version "
                                + version + "; this client builds version " + ORDER_VERSION + " (" + e.errorMessage()
                                + ")");
                    }
                    log.warn("order {}: order_version_mismatch but /version is still {}; re-sending once", orderId,
                            version);
                    continue;
                }
                throw e;
            } catch (ClobException.UnknownOutcome | ClobException.ServerError e) {
                log.warn("order {}: {}; looking for it before any retry", orderId, e.getMessage());
                Optional<OrderPlacement> found = lookUp(post.order(), e);
                if (found.isPresent()) {
                    log.info("order {}: found after a lost answer, status {}", orderId, found.get().status());
                    return found.get();
                }
                if (attempt >= config.maxAttempts()) {
                    throw new ClobException.UnknownOutcome(call, "order " + orderId + " neither confirmed nor found after "
                            + attempt + " attempts; last: " + e.getMessage(), e);
                }
                // Not found: re-send the identical signed order. Its hash is its id, so if the
                // first post lands late the CLOB refuses this one as a duplicate.
                log.warn("order {}: not found on the CLOB, re-sending the same signed order (attempt {}/{})", orderId,
                        attempt + 1, config.maxAttempts());
            }
        }
    }

    /** {@link #reconcile} after a lost answer; if the lookup fails too, the outcome stays unknown. */
    private Optional<OrderPlacement> lookUp(SignedOrder order, ClobException lost) {
        try {
            return reconcile(order);
        } catch (ClobException e) {
            throw new ClobException.UnknownOutcome("POST /order", "order " + order.orderId() + " may be live: "
                    + lost.getMessage() + ", and looking it up failed: " + e.getMessage(), e);
        }
    }

    /**
     * {@code POST /orders}: up to 15 orders in one request; one placement per order, in order. A
     * lost answer throws {@link ClobException.UnknownOutcome}: reconcile each order before retrying.
     */
    public List<OrderPlacement> postBatch(List<OrderPost> posts) {
        requireCredentials();
        if (posts.isEmpty() || posts.size() > MAX_BATCH) {
            throw new InvalidOrderException("a batch holds 1 to " + MAX_BATCH + " orders, not " + posts.size());
        }
        ArrayNode array = json.createArrayNode();
        posts.forEach(p -> array.add(ClobWire.orderBody(json, p, credentials.apiKey())));
        String body = json.writeValueAsString(array);
        JsonNode n = readJson(call("POST", "/orders", Map.of(), body, Auth.L2, false, null));
        if (!n.isArray()) {
            throw protocol("POST /orders", "expected an array of placements");
        }
        List<OrderPlacement> out = new ArrayList<>();
        n.forEach(p -> out.add(ClobWire.placement(p, false)));
        return out;
    }

    /**
     * Looks for an order whose placement answer was lost: open orders by id first, then trades of
     * its token since it was signed. Empty means the CLOB has no trace of it.
     */
    public Optional<OrderPlacement> reconcile(SignedOrder order) {
        String id = order.orderId();
        for (OpenOrder open : openOrders(id, null, null)) {
            if (open.id().equalsIgnoreCase(id)) {
                return Optional.of(new OrderPlacement(true, "", open.id(), open.status().toLowerCase(Locale.ROOT),
                        null, null, open.associateTrades(), List.of(), true));
            }
        }
        long signedAt = order.order().timestamp() / 1000;
        List<String> tradeIds = new ArrayList<>();
        for (Trade t : trades(null, order.order().tokenId(), signedAt - 60)) {
            boolean ours = id.equalsIgnoreCase(t.takerOrderId())
                    || t.makerOrders().stream().anyMatch(m -> id.equalsIgnoreCase(m.orderId()));
            if (ours) {
                tradeIds.add(t.id());
            }
        }
        if (!tradeIds.isEmpty()) {
            return Optional.of(new OrderPlacement(true, "", id, PlacementStatus.MATCHED.wire(), null, null, tradeIds,
                    List.of(), true));
        }
        return Optional.empty();
    }

    /** {@code DELETE /order}. */
    public CancelResult cancel(String orderId) {
        ObjectNode body = json.createObjectNode().put("orderID", orderId);
        return cancelCall("/order", json.writeValueAsString(body));
    }

    /** {@code DELETE /orders}. */
    public CancelResult cancel(List<String> orderIds) {
        ArrayNode body = json.createArrayNode();
        orderIds.forEach(body::add);
        return cancelCall("/orders", json.writeValueAsString(body));
    }

    /** {@code DELETE /cancel-all}: every open order of this API key. */
    public CancelResult cancelAll() {
        return cancelCall("/cancel-all", null);
    }

    /** {@code DELETE /cancel-market-orders}: by condition id and/or token (null: not filtered). */
    public CancelResult cancelMarket(String market, String assetId) {
        ObjectNode body = json.createObjectNode();
        if (market != null) {
            body.put("market", market);
        }
        if (assetId != null) {
            body.put("asset_id", assetId);
        }
        return cancelCall("/cancel-market-orders", json.writeValueAsString(body));
    }

    /** {@code GET /data/orders}, all pages; filters may be null. */
    public List<OpenOrder> openOrders(String id, String market, String assetId) {
        List<OpenOrder> out = new ArrayList<>();
        for (JsonNode n : pages("/data/orders", filters("id", id, "market", market, "asset_id", assetId))) {
            out.add(ClobWire.openOrder(n));
        }
        return out;
    }

    /** {@code GET /data/trades}, all pages; {@code afterSeconds} (unix) and the filters may be null. */
    public List<Trade> trades(String market, String assetId, Long afterSeconds) {
        List<Trade> out = new ArrayList<>();
        Map<String, String> q = filters("market", market, "asset_id", assetId, "after",
                afterSeconds == null ? null : afterSeconds.toString());
        for (JsonNode n : pages("/data/trades", q)) {
            out.add(ClobWire.trade(n));
        }
        return out;
    }

    /**
     * {@code POST /v1/heartbeats} with the last id ({@code null} or empty to start); returns the
     * id to send next. An expired id is answered 400 with the right one, which is used once.
     */
    public String heartbeat(String previousId) {
        requireCredentials();
        String id = previousId == null ? "" : previousId;
        for (int attempt = 0; attempt < 2; attempt++) {
            String body = json.writeValueAsString(json.createObjectNode().put("heartbeat_id", id));
            HttpResult r = call("POST", "/v1/heartbeats", Map.of(), body, Auth.L2, true, s -> s == 400);
            JsonNode n = readJson(r);
            String next = n.path("heartbeat_id").asString("");
            if (r.status() != 400) {
                if (next.isEmpty()) {
                    throw protocol("POST /v1/heartbeats", "answer without heartbeat_id");
                }
                return next;
            }
            if (next.isEmpty() || next.equals(id)) {
                throw new ClobException.Rejected("POST /v1/heartbeats", 400, errorText(r.body()));
            }
            log.info("heartbeat id {} expired; continuing with the id the CLOB returned", id);
            id = next;
        }
        throw new ClobException.Rejected("POST /v1/heartbeats", 400, "heartbeat id refused twice");
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    @Override
    public String toString() {
        return "ClobClient[" + config.baseUri() + ", " + key.address() + "]";
    }

    // ---- request plumbing ----------------------------------------------------------------------

    private CancelResult cancelCall(String path, String body) {
        requireCredentials();
        JsonNode n = readJson(call("DELETE", path, Map.of(), body, Auth.L2, true, null));
        List<String> canceled = new ArrayList<>();
        n.path("canceled").forEach(c -> canceled.add(c.asString()));
        Map<String, String> notCanceled = new LinkedHashMap<>();
        JsonNode nc = n.path("not_canceled");
        if (nc.isObject()) {
            nc.properties().forEach(e -> notCanceled.put(e.getKey(), e.getValue().asString()));
        }
        return new CancelResult(canceled, notCanceled);
    }

    private List<JsonNode> pages(String path, Map<String, String> filters) {
        requireCredentials();
        List<JsonNode> out = new ArrayList<>();
        String cursor = FIRST_CURSOR;
        for (int page = 0; page < MAX_PAGES; page++) {
            Map<String, String> q = new LinkedHashMap<>(filters);
            q.put("next_cursor", cursor);
            JsonNode n = readJson(call("GET", path, q, null, Auth.L2, true, null));
            JsonNode data = n.isArray() ? n : n.path("data");
            data.forEach(out::add);
            String next = n.path("next_cursor").asString(LAST_CURSOR);
            if (next.isEmpty() || next.equals(LAST_CURSOR) || next.equals(cursor) || data.isEmpty()) {
                return out;
            }
            cursor = next;
        }
        throw protocol("GET " + path, "more than " + MAX_PAGES + " pages");
    }

    private HttpResult call(String method, String path, Map<String, String> query, String body, Auth auth,
                            boolean idempotent, IntPredicate alsoAccept) {
        return call(method, path, query, body, auth, idempotent, alsoAccept, 0);
    }

    /** One logical call: retries 425, 429 and unsent requests (and, if idempotent, lost answers). */
    private HttpResult call(String method, String path, Map<String, String> query, String body, Auth auth,
                            boolean idempotent, IntPredicate alsoAccept, long nonce) {
        String call = method + " " + path;
        Duration backoff = config.initialBackoff();
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResult r = exchange(method, path, query, body, auth, nonce);
                if (r.status() / 100 == 2 || (alsoAccept != null && alsoAccept.test(r.status()))) {
                    return r;
                }
                throw classify(call, r);
            } catch (ClobException e) {
                boolean retry = e.retryable() || (idempotent && e instanceof ClobException.UnknownOutcome);
                if (!retry || attempt >= config.maxAttempts()) {
                    throw e;
                }
                log.warn("{} (attempt {}/{}); retrying in {} ms", e.getMessage(), attempt, config.maxAttempts(),
                        backoff.toMillis());
                try {
                    sleeper.sleep(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new ClobException.UnknownOutcome(call, "interrupted while backing off", ie);
                }
                backoff = backoff.multipliedBy(2).compareTo(config.maxBackoff()) > 0 ? config.maxBackoff()
                        : backoff.multipliedBy(2);
            }
        }
    }

    private HttpResult exchange(String method, String path, Map<String, String> query, String body, Auth auth,
                                long nonce) {
        String call = method + " " + path;
        URI uri = URI.create(config.baseUri() + path + queryString(query));
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(config.requestTimeout())
                .header("Accept", "application/json");
        long ts = clock.millis() / 1000;
        Map<String, String> headers = switch (auth) {
            case NONE -> Map.of();
            case L1 -> L1Auth.headers(key, config.chainId(), ts, nonce);
            // The HMAC covers the path without query and the exact body string sent below.
            case L2 -> L2Auth.headers(key.address(), credentials, ts, method, path, body);
        };
        headers.forEach(b::header);
        if (body != null) {
            b.header("Content-Type", "application/json");
            b.method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        log.debug("{} {}", call, uri.getRawQuery() == null ? "" : uri.getRawQuery());
        try {
            HttpResponse<String> response = http.send(b.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new HttpResult(response.statusCode(), response.body());
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw new ClobException.Unavailable(call, e);
        } catch (HttpTimeoutException e) {
            throw new ClobException.UnknownOutcome(call, "no answer within " + config.requestTimeout().toMillis()
                    + " ms", e);
        } catch (IOException e) {
            throw new ClobException.UnknownOutcome(call, "connection failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClobException.UnknownOutcome(call, "interrupted", e);
        }
    }

    private ClobException classify(String call, HttpResult r) {
        String text = errorText(r.body());
        int s = r.status();
        if (s == 425) {
            return new ClobException.NotReady(call, text);
        }
        if (s == 429) {
            return new ClobException.RateLimited(call, text);
        }
        if (s == 403 && isHtml(r.body())) {
            return new ClobException.Geoblocked(call);
        }
        if (s == 401 || s == 403) {
            return new ClobException.Unauthorized(call, s, text);
        }
        if (s >= 500) {
            return new ClobException.ServerError(call, s, text);
        }
        return new ClobException.Rejected(call, s, text);
    }

    private static boolean isHtml(String body) {
        String b = body == null ? "" : body.stripLeading().toLowerCase(Locale.ROOT);
        return b.startsWith("<") || b.contains("<html");
    }

    /** The server's error text: {@code error}/{@code errorMsg} of a JSON body, else a bounded excerpt. */
    private String errorText(String body) {
        if (body == null || body.isBlank()) {
            return "(empty body)";
        }
        if (isHtml(body)) {
            return "HTML error page";
        }
        try {
            JsonNode n = json.readTree(body);
            for (String field : new String[] {"error", "errorMsg", "message"}) {
                if (n.path(field).isString() && !n.path(field).asString().isEmpty()) {
                    return n.path(field).asString();
                }
            }
        } catch (JacksonException e) {
            // not JSON: fall through to the excerpt
        }
        return body.length() > MAX_ERROR_TEXT ? body.substring(0, MAX_ERROR_TEXT) + "…" : body;
    }

    private JsonNode readJson(HttpResult r) {
        try {
            return json.readTree(r.body() == null || r.body().isBlank() ? "{}" : r.body());
        } catch (JacksonException e) {
            throw protocol("response", "not JSON (HTTP " + r.status() + "): " + errorText(r.body()));
        }
    }

    private static ClobException protocol(String call, String message) {
        return ClobWire.unexpected(call, message);
    }

    private void requireCredentials() {
        if (credentials == null) {
            throw new IllegalStateException("this ClobClient has no API credentials (L2 calls need them)");
        }
    }

    private static String queryString(Map<String, String> query) {
        if (query.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("?");
        query.forEach((k, v) -> {
            if (sb.length() > 1) {
                sb.append('&');
            }
            sb.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return sb.toString();
    }

    private static Map<String, String> filters(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            if (kv[i + 1] != null && !kv[i + 1].isEmpty()) {
                m.put(kv[i], kv[i + 1]);
            }
        }
        return m;
    }
}
