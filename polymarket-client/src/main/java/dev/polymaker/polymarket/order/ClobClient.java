package dev.polymaker.polymarket.order;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
    private static final int MAX_BATCH = 15;

    /** Waits between retries; replaced in tests that must not sleep. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final ClobClientConfig config;
    private final WalletKey key;
    private final ApiCredentials credentials;
    private final Clock clock;
    private final ClobHttp http;
    private final JsonMapper json;
    private final ClobRateLimits limits = new ClobRateLimits(ClobRateLimits.Tier.STANDARD, System::nanoTime);

    /**
     * @param credentials L2 API credentials; null allows only public calls and API-key creation
     */
    public ClobClient(ClobClientConfig config, WalletKey key, ApiCredentials credentials, Clock clock, Sleeper sleeper) {
        this.config = Objects.requireNonNull(config, "config");
        this.key = Objects.requireNonNull(key, "key");
        this.credentials = credentials;
        this.clock = Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(sleeper, "sleeper");
        this.http = new ClobHttp(config, key, credentials, clock, sleeper, limits);
        this.json = http.json();
    }

    public ClobClient(ClobClientConfig config, WalletKey key, ApiCredentials credentials, Clock clock) {
        this(config, key, credentials, clock, d -> Thread.sleep(d.toMillis()));
    }

    /** The signer EOA: {@code POLY_ADDRESS} of every authenticated call. */
    public String address() {
        return key.address();
    }

    /** This signing address's order and cancel buckets (Standard tier until told otherwise). */
    public ClobRateLimits rateLimits() {
        return limits;
    }

    /**
     * {@code GET /v1/user/rate-limit-tier}: the tier the exchange states for this address, empty when
     * the venue does not answer it (404) or names a tier without rates this client knows.
     */
    public Optional<ClobRateLimits.Tier> rateLimitTier() {
        http.requireCredentials();
        ClobHttp.Result r = http.call("GET", "/v1/user/rate-limit-tier", Map.of(), null, ClobHttp.Auth.L2, true,
                s -> s == 404);
        return r.status() == 404 ? Optional.empty() : ClobRateLimits.Tier.fromJson(http.readJson(r));
    }

    // ---- public market info ------------------------------------------------------------------

    /** {@code GET /version}: the order version the CLOB expects (2 for the V2 struct). */
    public int version() {
        return http.readJson(http.call("GET", "/version", Map.of(), null, ClobHttp.Auth.NONE, true, null)).path("version").asInt(-1);
    }

    /** {@code GET /neg-risk}: whether the token's market settles on the neg-risk exchange. */
    public boolean negRisk(String tokenId) {
        JsonNode n = http.readJson(http.call("GET", "/neg-risk", Map.of("token_id", tokenId), null, ClobHttp.Auth.NONE, true, null));
        if (!n.path("neg_risk").isBoolean()) {
            throw ClobHttp.protocol("GET /neg-risk", "no boolean neg_risk for token " + tokenId);
        }
        return n.path("neg_risk").asBoolean();
    }

    /** {@code GET /tick-size}: the token's minimum tick (the CLOB sends a number). */
    public TickSize tickSize(String tokenId) {
        JsonNode n = http.readJson(http.call("GET", "/tick-size", Map.of("token_id", tokenId), null, ClobHttp.Auth.NONE, true, null));
        JsonNode tick = n.path("minimum_tick_size");
        if (tick.isMissingNode() || tick.isNull()) {
            throw ClobHttp.protocol("GET /tick-size", "no minimum_tick_size for token " + tokenId);
        }
        return TickSize.of(ClobWire.decimal(tick));
    }

    /** The market's minimum order size in shares, from {@code GET /book}'s {@code min_order_size}. */
    public BigDecimal minOrderSize(String tokenId) {
        JsonNode n = http.readJson(http.call("GET", "/book", Map.of("token_id", tokenId), null, ClobHttp.Auth.NONE, true, null));
        JsonNode min = n.path("min_order_size");
        if (min.isMissingNode() || min.isNull()) {
            throw ClobHttp.protocol("GET /book", "no min_order_size for token " + tokenId);
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
        return ClobWire.credentials(http.readJson(http.call("POST", "/auth/api-key", Map.of(), null, ClobHttp.Auth.L1, false, null, nonce)));
    }

    /** {@code GET /auth/derive-api-key}: the existing key for {@code nonce}. */
    public ApiCredentials deriveApiKey(long nonce) {
        return ClobWire.credentials(http.readJson(http.call("GET", "/auth/derive-api-key", Map.of(), null, ClobHttp.Auth.L1, true, null, nonce)));
    }

    // ---- orders (L2) -------------------------------------------------------------------------

    /**
     * {@code POST /order}. Returns the placement; throws {@link ClobException.Rejected} when the
     * CLOB refuses it and {@link ClobException.UnknownOutcome} only when the order could neither
     * be confirmed nor found after the whole retry budget.
     */
    public OrderPlacement post(OrderPost post) {
        http.requireCredentials();
        String call = "POST /order";
        String orderId = post.order().orderId();
        String body = json.writeValueAsString(ClobWire.orderBody(json, post, credentials.apiKey()));
        boolean versionReread = false;
        for (int attempt = 1; ; attempt++) {
            try {
                OrderPlacement placement = ClobWire.placement(http.readJson(
                        http.call("POST", "/order", Map.of(), body, ClobHttp.Auth.L2, false, null)), false);
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
        http.requireCredentials();
        if (posts.isEmpty() || posts.size() > MAX_BATCH) {
            throw new InvalidOrderException("a batch holds 1 to " + MAX_BATCH + " orders, not " + posts.size());
        }
        // A batch is all-or-nothing on the exchange: one costing more than the burst could never pass.
        int chunk = limits.burst(ClobRateLimits.Bucket.ORDERS);
        List<OrderPlacement> out = new ArrayList<>();
        for (int from = 0; from < posts.size(); from += chunk) {
            List<OrderPost> part = posts.subList(from, Math.min(posts.size(), from + chunk));
            ArrayNode array = json.createArrayNode();
            part.forEach(p -> array.add(ClobWire.orderBody(json, p, credentials.apiKey())));
            JsonNode n = http.readJson(http.call("POST", "/orders", Map.of(), json.writeValueAsString(array),
                    ClobHttp.Auth.L2, false, null, 0, part.size()));
            if (!n.isArray()) {
                throw ClobHttp.protocol("POST /orders", "expected an array of placements");
            }
            n.forEach(p -> out.add(ClobWire.placement(p, false)));
        }
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
        return http.cancel("/order", json.writeValueAsString(body), 1);
    }

    /**
     * {@code DELETE /orders}, in chunks that fit the cancel burst (a batch is all-or-nothing, so a
     * bigger one could never pass); a failed chunk throws, the earlier ones stay cancelled.
     */
    public CancelResult cancel(List<String> orderIds) {
        int chunk = limits.burst(ClobRateLimits.Bucket.CANCELS);
        List<String> canceled = new ArrayList<>();
        Map<String, String> notCanceled = new java.util.LinkedHashMap<>();
        int from = 0;
        do {
            List<String> part = orderIds.subList(from, Math.min(orderIds.size(), from + chunk));
            ArrayNode body = json.createArrayNode();
            part.forEach(body::add);
            CancelResult r = http.cancel("/orders", json.writeValueAsString(body), part.size());
            canceled.addAll(r.canceled());
            notCanceled.putAll(r.notCanceled());
            from += chunk;
        } while (from < orderIds.size());
        return new CancelResult(canceled, notCanceled);
    }

    /**
     * {@code DELETE /cancel-all}: every open order of this API key. It costs 1 + the orders it
     * cancels, so the open orders are counted first; more than the burst allows are cancelled by id
     * in chunks, and cancel-all then takes what is left.
     */
    public CancelResult cancelAll() {
        List<String> open = openOrders(null, null, null).stream().map(OpenOrder::id).toList();
        if (open.size() + 1 <= limits.burst(ClobRateLimits.Bucket.CANCELS)) {
            return http.cancel("/cancel-all", null, 1 + open.size());
        }
        CancelResult byId = cancel(open);
        CancelResult rest = http.cancel("/cancel-all", null, 1);
        List<String> canceled = new ArrayList<>(byId.canceled());
        canceled.addAll(rest.canceled());
        Map<String, String> notCanceled = new java.util.LinkedHashMap<>(byId.notCanceled());
        notCanceled.putAll(rest.notCanceled());
        return new CancelResult(canceled, notCanceled);
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
        return http.cancel("/cancel-market-orders", json.writeValueAsString(body), 1);
    }

    /** {@code GET /data/orders}, all pages; filters may be null. */
    public List<OpenOrder> openOrders(String id, String market, String assetId) {
        List<OpenOrder> out = new ArrayList<>();
        for (JsonNode n : http.pages("/data/orders", ClobHttp.filters("id", id, "market", market, "asset_id", assetId))) {
            out.add(ClobWire.openOrder(n));
        }
        return out;
    }

    /** {@code GET /data/trades}, all pages; {@code afterSeconds} (unix) and the filters may be null. */
    public List<Trade> trades(String market, String assetId, Long afterSeconds) {
        List<Trade> out = new ArrayList<>();
        Map<String, String> q = ClobHttp.filters("market", market, "asset_id", assetId, "after",
                afterSeconds == null ? null : afterSeconds.toString());
        for (JsonNode n : http.pages("/data/trades", q)) {
            out.add(ClobWire.trade(n));
        }
        return out;
    }

    /**
     * {@code POST /v1/heartbeats} with the last id ({@code null} or empty to start); returns the
     * id to send next. An expired id is answered 400 with the right one, which is used once.
     */
    public String heartbeat(String previousId) {
        http.requireCredentials();
        String id = previousId == null ? "" : previousId;
        for (int attempt = 0; attempt < 2; attempt++) {
            String body = json.writeValueAsString(json.createObjectNode().put("heartbeat_id", id));
            ClobHttp.Result r = http.call("POST", "/v1/heartbeats", Map.of(), body, ClobHttp.Auth.L2, true, s -> s == 400);
            JsonNode n = http.readJson(r);
            String next = n.path("heartbeat_id").asString("");
            if (r.status() != 400) {
                if (next.isEmpty()) {
                    throw ClobHttp.protocol("POST /v1/heartbeats", "answer without heartbeat_id");
                }
                return next;
            }
            if (next.isEmpty() || next.equals(id)) {
                throw new ClobException.Rejected("POST /v1/heartbeats", 400, http.errorText(r.body()));
            }
            log.info("heartbeat id {} expired; continuing with the id the CLOB returned", id);
            id = next;
        }
        throw new ClobException.Rejected("POST /v1/heartbeats", 400, "heartbeat id refused twice");
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "ClobClient[" + config.baseUri() + ", " + key.address() + "]";
    }
}
