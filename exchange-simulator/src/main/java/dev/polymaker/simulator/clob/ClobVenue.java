package dev.polymaker.simulator.clob;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.utils.Numeric;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The simulated Polymarket CLOB trading API (protocol §5): verifies L1/L2 auth and EIP-712 order
 * signatures against each market's exchange domain, enforces tick and minimum size, matches
 * marketable orders against {@link Liquidity}, rests the others (they fill when the market trades
 * through them), reports fills on {@code /data/trades}, honours cancels and the dead-man
 * heartbeat, and injects the faults scripted in {@link #faults()}. Transport-independent:
 * {@link #handle(ClobRequest)} is called by {@link ClobHttpServer} or any other HTTP front.
 */
public final class ClobVenue implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClobVenue.class);

    static final String CLOUDFLARE_403 = "<!DOCTYPE html>\n<html><head><title>Attention Required! | Cloudflare</title>"
            + "</head><body><h1>Sorry, you have been blocked</h1><p>You are unable to access polymarket.com</p>"
            + "</body></html>";
    private static final BigDecimal ONE_MILLION = BigDecimal.valueOf(1_000_000);
    private static final long GTD_THRESHOLD_SECONDS = 60;
    private static final int MAX_BATCH = 15;

    private final Liquidity liquidity;
    private final Clock clock;
    private final long chainId;
    private final ClobFaults faults = new ClobFaults();
    private final RateLimits rateLimits = new RateLimits(System::nanoTime);
    private final JsonMapper json = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    private final Object lock = new Object();
    private final Map<String, ClobMarket> markets = new LinkedHashMap<>();
    private volatile Function<String, Optional<ClobMarket>> marketLookup = t -> Optional.empty();
    private final ClobAuthenticator auth;
    private final Map<String, Order> orders = new LinkedHashMap<>();
    private final Set<String> seenOrderIds = new HashSet<>();
    private final List<ClobTrade> trades = new ArrayList<>();
    private final Map<String, Heartbeat> heartbeats = new LinkedHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong rejections = new AtomicLong();
    private final ScheduledExecutorService scheduler;
    private volatile Duration heartbeatTimeout;
    private volatile int orderVersion = 2;
    private volatile int pageSize = 100;
    private long ordersAccepted;
    private long heartbeatExpiries;

    private static final class Order {
        final String id;
        final String owner;
        final String maker;
        final ClobMarket market;
        final String side;
        final BigDecimal price;
        final BigDecimal originalSize;
        final String orderType;
        final long createdAt;
        final long expiration;
        final List<String> tradeIds = new ArrayList<>();
        BigDecimal matched = BigDecimal.ZERO;
        String status = "LIVE";
        String cancelReason = "";

        Order(String id, String owner, String maker, ClobMarket market, String side, BigDecimal price,
              BigDecimal originalSize, String orderType, long createdAt, long expiration) {
            this.id = id;
            this.owner = owner;
            this.maker = maker;
            this.market = market;
            this.side = side;
            this.price = price;
            this.originalSize = originalSize;
            this.orderType = orderType;
            this.createdAt = createdAt;
            this.expiration = expiration;
        }

        BigDecimal remaining() {
            return originalSize.subtract(matched);
        }

        ClobOrder view() {
            return new ClobOrder(id, owner, market.tokenId(), side, price, originalSize, matched, orderType, status,
                    cancelReason);
        }
    }

    private static final class Heartbeat {
        String id;
        long lastMillis;
    }

    /**
     * @param heartbeatTimeout how long after the last heartbeat every open order of that API key is
     *                         cancelled (Polymarket: 10 s + 5 s buffer); checked every tenth of it, at most every 200 ms
     */
    public ClobVenue(Liquidity liquidity, Clock clock, Duration heartbeatTimeout) {
        this.liquidity = liquidity;
        this.clock = clock;
        this.chainId = TypedDataVerifier.POLYGON;
        this.auth = new ClobAuthenticator(chainId);
        this.heartbeatTimeout = heartbeatTimeout;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "clob-venue-sweeper");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(10, Math.min(200, heartbeatTimeout.toMillis() / 10));
        scheduler.scheduleWithFixedDelay(this::sweepSafely, period, period, TimeUnit.MILLISECONDS);
    }

    public ClobVenue(Liquidity liquidity, Clock clock) {
        this(liquidity, clock, Duration.ofSeconds(15));
    }

    // ---- set-up and inspection -----------------------------------------------------------------

    public void listMarket(ClobMarket market) {
        synchronized (lock) {
            markets.put(market.tokenId(), market);
        }
    }

    /** Where tokens not listed explicitly are looked up (e.g. the simulator's markets, whose tick can change). */
    public void marketLookup(Function<String, Optional<ClobMarket>> lookup) {
        this.marketLookup = lookup;
    }

    /** Accept these L2 credentials for their address (tests and the demo). */
    public void registerCredentials(ClobCredential credential) {
        auth.register(credential);
    }

    public ClobFaults faults() {
        return faults;
    }

    /** The order version {@code GET /version} reports; V2 bodies are refused with order_version_mismatch unless 2. */
    /** Switches on the per-address order and cancel buckets (off by default); see {@link RateLimits}. */
    public void rateLimits(double ordersPerSecond, int orderBurst, double cancelsPerSecond, int cancelBurst) {
        rateLimits.configure(ordersPerSecond, orderBurst, cancelsPerSecond, cancelBurst);
    }

    public void rateLimitsOff() {
        rateLimits.off();
    }

    /** Calls answered 429 by the rate limits. */
    public long rateLimited() {
        return rateLimits.limited();
    }

    public void orderVersion(int version) {
        this.orderVersion = version;
    }

    /** Page size of {@code /data/orders} and {@code /data/trades}. */
    public void pageSize(int size) {
        this.pageSize = size;
    }

    public void heartbeatTimeout(Duration timeout) {
        this.heartbeatTimeout = timeout;
    }

    public List<ClobOrder> orders() {
        synchronized (lock) {
            return orders.values().stream().map(Order::view).toList();
        }
    }

    public Optional<ClobOrder> order(String id) {
        synchronized (lock) {
            return Optional.ofNullable(orders.get(id.toLowerCase(Locale.ROOT))).map(Order::view);
        }
    }

    public List<ClobTrade> trades() {
        synchronized (lock) {
            return List.copyOf(trades);
        }
    }

    /** Orders accepted by POST /order and /orders since start (a duplicate placement would show here). */
    public long ordersAccepted() {
        synchronized (lock) {
            return ordersAccepted;
        }
    }

    /** Requests refused with a 4xx (auth, validation, signature) since start. */
    public long rejections() {
        return rejections.get();
    }

    public long heartbeatExpiries() {
        synchronized (lock) {
            return heartbeatExpiries;
        }
    }

    /** A simulated taker trades {@code size} against a resting order (a partial or full fill). */
    public void fill(String orderId, BigDecimal size) {
        synchronized (lock) {
            Order o = orders.get(orderId.toLowerCase(Locale.ROOT));
            if (o == null || !"LIVE".equals(o.status)) {
                throw new IllegalArgumentException("order " + orderId + " is not live");
            }
            makerFill(o, size.min(o.remaining()), o.price);
        }
    }

    /**
     * The simulated market traded at {@code price}: resting BUYs above it and SELLs below it
     * were traded through and fill completely at their own price.
     */
    public void marketTraded(String tokenId, BigDecimal price) {
        synchronized (lock) {
            for (Order o : List.copyOf(orders.values())) {
                if (!"LIVE".equals(o.status) || !o.market.tokenId().equals(tokenId)) {
                    continue;
                }
                boolean through = "BUY".equals(o.side) ? price.compareTo(o.price) < 0 : price.compareTo(o.price) > 0;
                if (through) {
                    makerFill(o, o.remaining(), o.price);
                }
            }
        }
    }

    /** Cancels everything of an API key whose heartbeats stopped, and GTD orders past expiry. */
    public void sweep() {
        long now = clock.millis();
        synchronized (lock) {
            for (Map.Entry<String, Heartbeat> e : heartbeats.entrySet()) {
                Heartbeat hb = e.getValue();
                if (hb.id != null && now - hb.lastMillis > heartbeatTimeout.toMillis()) {
                    int n = cancelWhere(o -> o.owner.equals(e.getKey()), "heartbeat expired").size();
                    hb.id = null;
                    heartbeatExpiries++;
                    log.info("heartbeat of api key {} expired after {} ms: cancelled {} orders", e.getKey(),
                            now - hb.lastMillis, n);
                }
            }
            cancelWhere(o -> "GTD".equals(o.orderType) && o.expiration > 0 && o.expiration * 1000 <= now,
                    "expired");
            fillCrossedOrders();
        }
    }

    /**
     * Resting orders the simulated book has moved through (an ask at or below a resting BUY, a bid
     * at or above a resting SELL) fill completely at their own price, as a taker would have hit them.
     */
    private void fillCrossedOrders() {
        for (Order o : List.copyOf(orders.values())) {
            if (!"LIVE".equals(o.status)) {
                continue;
            }
            String token = o.market.tokenId();
            BigDecimal opposite = "BUY".equals(o.side) ? liquidity.bestAsk(token) : liquidity.bestBid(token);
            boolean crossed = opposite != null && ("BUY".equals(o.side) ? opposite.compareTo(o.price) <= 0
                    : opposite.compareTo(o.price) >= 0);
            if (crossed) {
                makerFill(o, o.remaining(), o.price);
            }
        }
    }

    private void sweepSafely() {
        try {
            sweep();
        } catch (RuntimeException e) {
            log.error("clob sweep failed", e);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    // ---- request handling ----------------------------------------------------------------------

    public ClobResponse handle(ClobRequest req) {
        if (faults.geoblocked()) {
            return new ClobResponse(403, "text/html; charset=UTF-8", CLOUDFLARE_403, 0);
        }
        ClobFaults.Fault fault = faults.take(req.method(), req.path());
        if (fault != null && fault.kind() == ClobFaults.Kind.STATUS) {
            return faultStatus(fault.status());
        }
        if (fault != null && fault.kind() == ClobFaults.Kind.DROP) {
            return new ClobResponse(504, "text/html", "<html><body>504 Gateway Time-out</body></html>",
                    fault.delayMillis());
        }
        ClobResponse response;
        try {
            response = route(req);
        } catch (BadRequest e) {
            rejections.incrementAndGet();
            log.info("{} {} refused with {}: {}", req.method(), req.path(), e.status, e.getMessage());
            response = error(e.status, e.getMessage());
        } catch (JacksonException e) {
            rejections.incrementAndGet();
            log.info("{} {} refused: malformed JSON", req.method(), req.path());
            response = error(400, "Invalid order payload: malformed JSON");
        }
        return fault != null ? response.delayed(fault.delayMillis()) : response;
    }

    private ClobResponse route(ClobRequest req) {
        String key = req.method() + " " + req.path();
        switch (key) {
            case "GET /ok":
                return ClobResponse.json(200, "\"OK\"");
            case "GET /version":
                return ok(json.createObjectNode().put("version", orderVersion));
            case "GET /time":
                return ClobResponse.json(200, Long.toString(clock.millis() / 1000));
            case "GET /neg-risk":
                return ok(json.createObjectNode().put("neg_risk", market(req.query().get("token_id")).negRisk()));
            case "GET /tick-size":
                return ok(json.createObjectNode().put("minimum_tick_size", market(req.query().get("token_id")).tickSize()));
            case "GET /book":
                return book(market(req.query().get("token_id")));
            case "POST /auth/api-key":
            case "GET /auth/derive-api-key":
                return apiKey(req);
            default:
                break;
        }
        ClobCredential cred = auth.authenticate(req);
        if (cred == null) {
            rejections.incrementAndGet();
            log.info("{} {} refused with 401: L2 authentication failed (api key {})", req.method(), req.path(),
                    req.header("POLY_API_KEY"));
            return error(401, "Unauthorized/Invalid api key");
        }
        if (key.equals("GET /v1/user/rate-limit-tier")) {
            return rateLimits.tierResponse();
        }
        RateLimits.Admission admission = rateLimits.admit(cred.address(), cred.apiKey(), key, req.body(), this::openOrders);
        return admission.refusal() != null ? admission.refusal() : admission.decorate(switch (key) {
            case "POST /order" -> postOrder(cred, parse(req.body()));
            case "POST /orders" -> postOrders(cred, parse(req.body()));
            case "DELETE /order" -> cancelIds(cred, List.of(parse(req.body()).path("orderID").asString("")));
            case "DELETE /orders" -> {
                List<String> ids = new ArrayList<>();
                parse(req.body()).forEach(n -> ids.add(n.asString("")));
                yield cancelIds(cred, ids);
            }
            case "DELETE /cancel-all" -> cancelResult(cancelWhere(o -> o.owner.equals(cred.apiKey()), "cancel-all"),
                    Map.of());
            case "DELETE /cancel-market-orders" -> {
                JsonNode b = req.body().isBlank() ? json.createObjectNode() : parse(req.body());
                String market = b.path("market").asString("");
                String asset = b.path("asset_id").asString("");
                yield cancelResult(cancelWhere(o -> o.owner.equals(cred.apiKey())
                        && (market.isEmpty() || o.market.conditionId().equalsIgnoreCase(market))
                        && (asset.isEmpty() || o.market.tokenId().equals(asset)), "cancel-market-orders"), Map.of());
            }
            case "GET /data/orders" -> dataOrders(cred, req.query());
            case "GET /data/trades" -> dataTrades(cred, req.query());
            case "POST /v1/heartbeats" -> heartbeat(cred, parse(req.body()));
            default -> error(404, "not found: " + key);
        });
    }

    private int openOrders(String apiKey) {
        synchronized (lock) {
            return (int) orders.values().stream().filter(o -> o.owner.equals(apiKey) && o.status.equals("LIVE")).count();
        }
    }

    /**
     * A minimal {@code /book} for a venue run without the simulator's books: the market's rules and
     * the best level of each side (sizes are not tracked by {@link Liquidity}'s interface).
     */
    private ClobResponse book(ClobMarket m) {
        ObjectNode n = json.createObjectNode();
        n.put("market", m.conditionId());
        n.put("asset_id", m.tokenId());
        n.put("timestamp", Long.toString(clock.millis()));
        ArrayNode bids = n.putArray("bids");
        BigDecimal bid = liquidity.bestBid(m.tokenId());
        if (bid != null) {
            bids.addObject().put("price", plain(bid)).put("size", plain(liquidity.available(m.tokenId(), "SELL", bid)));
        }
        ArrayNode asks = n.putArray("asks");
        BigDecimal ask = liquidity.bestAsk(m.tokenId());
        if (ask != null) {
            asks.addObject().put("price", plain(ask)).put("size", plain(liquidity.available(m.tokenId(), "BUY", ask)));
        }
        n.put("min_order_size", plain(m.minOrderSize()));
        n.put("tick_size", plain(m.tickSize()));
        n.put("neg_risk", m.negRisk());
        return ok(n);
    }

    private ClobResponse apiKey(ClobRequest req) {
        ClobAuthenticator.KeyResult r = auth.apiKey(req);
        if (r.credential() == null) {
            return error(r.status(), r.error());
        }
        ClobCredential c = r.credential();
        return ok(json.createObjectNode().put("apiKey", c.apiKey()).put("secret", c.secret())
                .put("passphrase", c.passphrase()));
    }

    // ---- orders --------------------------------------------------------------------------------

    private ClobResponse postOrders(ClobCredential cred, JsonNode body) {
        if (!body.isArray() || body.isEmpty() || body.size() > MAX_BATCH) {
            return error(400, "a batch holds 1 to " + MAX_BATCH + " orders");
        }
        ArrayNode out = json.createArrayNode();
        for (JsonNode post : body) {
            try {
                out.add(place(cred, post));
            } catch (BadRequest e) {
                out.add(json.createObjectNode().put("success", false).put("errorMsg", e.getMessage())
                        .put("orderID", "").put("status", ""));
            }
        }
        return ok(out);
    }

    private ClobResponse postOrder(ClobCredential cred, JsonNode body) {
        return ok(place(cred, body));
    }

    private ObjectNode place(ClobCredential cred, JsonNode body) {
        JsonNode orderNode = body.path("order");
        if (!orderNode.isObject()) {
            throw new BadRequest(400, "Invalid order payload: no order object");
        }
        if (!cred.apiKey().equals(body.path("owner").asString(""))) {
            throw new BadRequest(400, "the order owner has to be the owner of the API KEY");
        }
        if (orderVersion != 2 || WireOrder.looksV1(orderNode)) {
            throw new BadRequest(400, "order_version_mismatch: the server expects order version " + orderVersion);
        }
        WireOrder o;
        try {
            o = WireOrder.parse(orderNode);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new BadRequest(400, "Invalid order payload: " + e.getMessage());
        }
        String type = body.path("orderType").asString("GTC").toUpperCase(Locale.ROOT);
        if (!List.of("GTC", "GTD", "FOK", "FAK").contains(type)) {
            throw new BadRequest(400, "Invalid order payload: unknown orderType " + type);
        }
        boolean postOnly = body.path("postOnly").asBoolean(false);
        ClobMarket market = market(o.tokenId().toString());

        // Signature: the EIP-712 digest in THIS market's exchange domain must recover to the signer.
        byte[] digest = TypedDataVerifier.orderDigest(o, market.exchangeVersion(), market.verifyingContract(), chainId);
        String recovered = TypedDataVerifier.recover(digest, o.signature());
        String expectedSigner = o.signatureType() == 3 ? cred.address() : o.signer();
        if (recovered == null || !recovered.equalsIgnoreCase(expectedSigner)) {
            throw new BadRequest(400, "invalid signature");
        }
        if (o.signatureType() != 3 && !o.signer().equalsIgnoreCase(cred.address())) {
            throw new BadRequest(400, "the order signer address has to be the address of the API KEY");
        }
        if (o.signatureType() == 0 && !o.maker().equalsIgnoreCase(o.signer())) {
            throw new BadRequest(400, "INVALID_ORDER_ERROR: EOA orders need maker = signer");
        }
        String id = Numeric.toHexString(digest).toLowerCase(Locale.ROOT);

        if (postOnly && (type.equals("FOK") || type.equals("FAK"))) {
            throw new BadRequest(400, "INVALID_POST_ONLY_ORDER_TYPE: postOnly is only for GTC and GTD orders");
        }
        if (o.makerAmount().signum() <= 0 || o.takerAmount().signum() <= 0) {
            throw new BadRequest(400, "INVALID_ORDER_ERROR: amounts must be positive");
        }
        boolean buy = o.side().equals("BUY");
        BigDecimal maker = new BigDecimal(o.makerAmount()).divide(ONE_MILLION);
        BigDecimal taker = new BigDecimal(o.takerAmount()).divide(ONE_MILLION);
        BigDecimal size = buy ? taker : maker;
        BigDecimal usdc = buy ? maker : taker;
        BigDecimal tick = market.tickSize();
        BigDecimal price;
        boolean immediate = type.equals("FOK") || type.equals("FAK");
        if (immediate) {
            // Market orders' amounts come from amount/price with rounding: their implied price is
            // the worst price, to the tick's decimals.
            price = usdc.divide(size, MathContext.DECIMAL64).setScale(Math.max(0, tick.stripTrailingZeros().scale()),
                    RoundingMode.HALF_UP);
        } else {
            price = usdc.divide(size, 18, RoundingMode.HALF_UP).stripTrailingZeros();
            if (price.remainder(tick).signum() != 0) {
                throw new BadRequest(400, "INVALID_ORDER_MIN_TICK_SIZE: price " + price.toPlainString()
                        + " is not a multiple of the tick " + tick.toPlainString());
            }
            if (size.compareTo(market.minOrderSize()) < 0) {
                throw new BadRequest(400, "INVALID_ORDER_MIN_SIZE: size " + size.toPlainString()
                        + " is below the minimum " + market.minOrderSize().toPlainString());
            }
        }
        if (price.compareTo(tick) < 0 || price.compareTo(BigDecimal.ONE.subtract(tick)) > 0) {
            throw new BadRequest(400, "INVALID_ORDER_MIN_TICK_SIZE: price " + price.toPlainString()
                    + " is outside [" + tick.toPlainString() + ", " + BigDecimal.ONE.subtract(tick).toPlainString() + "]");
        }
        long nowSeconds = clock.millis() / 1000;
        if (type.equals("GTD") && o.expiration() <= nowSeconds + GTD_THRESHOLD_SECONDS) {
            throw new BadRequest(400, "INVALID_ORDER_EXPIRATION: GTD expiration must be more than "
                    + GTD_THRESHOLD_SECONDS + " s ahead");
        }

        synchronized (lock) {
            if (!seenOrderIds.add(id)) {
                throw new BadRequest(400, "INVALID_ORDER_DUPLICATED: order " + id + " was already placed");
            }
            BigDecimal available = liquidity.available(market.tokenId(), o.side(), price);
            if (postOnly && available.signum() > 0) {
                seenOrderIds.remove(id);
                throw new BadRequest(400, "INVALID_POST_ONLY_ORDER: the order would cross the book");
            }
            if (type.equals("FOK") && available.compareTo(size) < 0) {
                seenOrderIds.remove(id);
                throw new BadRequest(400, "FOK_ORDER_NOT_FILLED_ERROR: order couldn't be fully filled, "
                        + available.toPlainString() + " of " + size.toPlainString() + " available");
            }
            Order order = new Order(id, cred.apiKey(), o.maker(), market, o.side(), price, size, type, nowSeconds,
                    o.expiration());
            orders.put(id, order);
            ordersAccepted++;
            BigDecimal making = BigDecimal.ZERO;
            BigDecimal taking = BigDecimal.ZERO;
            for (Liquidity.Taken t : liquidity.take(market.tokenId(), o.side(), price, size)) {
                takerFill(order, t);
                making = making.add(buy ? t.size().multiply(t.price()) : t.size());
                taking = taking.add(buy ? t.size() : t.size().multiply(t.price()));
            }
            if (order.remaining().signum() == 0) {
                order.status = "MATCHED";
            } else if (immediate) {
                order.status = "CANCELED";
                order.cancelReason = type + " remainder";
            }
            String status = order.status.equals("LIVE") ? "live"
                    : order.matched.signum() > 0 ? "matched" : "unmatched";
            log.info("order {} {} {} {} @ {} from {}: {}", id, type, o.side(), size.toPlainString(),
                    price.toPlainString(), cred.apiKey(), status);
            ObjectNode r = json.createObjectNode();
            r.put("success", true);
            r.put("errorMsg", "");
            r.put("orderID", id);
            r.put("takingAmount", taking.signum() == 0 ? "" : plain(taking));
            r.put("makingAmount", making.signum() == 0 ? "" : plain(making));
            r.put("status", status);
            r.putArray("transactionsHashes");
            ArrayNode tradeIds = r.putArray("tradeIDs");
            order.tradeIds.forEach(tradeIds::add);
            return r;
        }
    }

    private void takerFill(Order order, Liquidity.Taken t) {
        order.matched = order.matched.add(t.size());
        String tradeId = "trade-" + sequence.incrementAndGet();
        order.tradeIds.add(tradeId);
        String makerSide = "BUY".equals(order.side) ? "SELL" : "BUY";
        trades.add(new ClobTrade(tradeId, order.id, order.market.conditionId(), order.market.tokenId(), order.side,
                t.size(), t.price(), clock.millis() / 1000, order.owner, order.maker, "TAKER",
                List.of(new ClobTrade.MakerPart("book-" + tradeId, "simulated-book", TypedDataVerifier.EXCHANGE_V3,
                        t.size(), t.price(), order.market.tokenId(), makerSide))));
    }

    private void makerFill(Order order, BigDecimal size, BigDecimal price) {
        if (size.signum() <= 0) {
            return;
        }
        order.matched = order.matched.add(size);
        String tradeId = "trade-" + sequence.incrementAndGet();
        order.tradeIds.add(tradeId);
        String takerSide = "BUY".equals(order.side) ? "SELL" : "BUY";
        trades.add(new ClobTrade(tradeId, "taker-" + tradeId, order.market.conditionId(), order.market.tokenId(),
                takerSide, size, price, clock.millis() / 1000, order.owner, order.maker, "MAKER",
                List.of(new ClobTrade.MakerPart(order.id, order.owner, order.maker, size, price,
                        order.market.tokenId(), order.side))));
        if (order.remaining().signum() == 0) {
            order.status = "MATCHED";
        }
        log.info("resting order {} filled {} @ {}", order.id, size.toPlainString(), price.toPlainString());
    }

    // ---- cancels -------------------------------------------------------------------------------

    private ClobResponse cancelIds(ClobCredential cred, List<String> ids) {
        List<String> canceled = new ArrayList<>();
        Map<String, String> notCanceled = new LinkedHashMap<>();
        synchronized (lock) {
            for (String raw : ids) {
                Order o = orders.get(raw.toLowerCase(Locale.ROOT));
                if (o == null || !o.owner.equals(cred.apiKey())) {
                    notCanceled.put(raw, "Order not found or already canceled");
                } else if ("MATCHED".equals(o.status)) {
                    notCanceled.put(raw, "order already matched");
                } else if ("CANCELED".equals(o.status)) {
                    notCanceled.put(raw, "Order not found or already canceled");
                } else {
                    o.status = "CANCELED";
                    o.cancelReason = "cancelled by owner";
                    canceled.add(o.id);
                }
            }
        }
        return cancelResult(canceled, notCanceled);
    }

    private List<String> cancelWhere(Predicate<Order> which, String reason) {
        List<String> out = new ArrayList<>();
        synchronized (lock) {
            for (Order o : orders.values()) {
                if ("LIVE".equals(o.status) && which.test(o)) {
                    o.status = "CANCELED";
                    o.cancelReason = reason;
                    out.add(o.id);
                }
            }
        }
        return out;
    }

    private ClobResponse cancelResult(List<String> canceled, Map<String, String> notCanceled) {
        ObjectNode r = json.createObjectNode();
        ArrayNode c = r.putArray("canceled");
        canceled.forEach(c::add);
        ObjectNode nc = r.putObject("not_canceled");
        notCanceled.forEach(nc::put);
        return ok(r);
    }

    // ---- data ----------------------------------------------------------------------------------

    private ClobResponse dataOrders(ClobCredential cred, Map<String, String> q) {
        String id = q.getOrDefault("id", "");
        String market = q.getOrDefault("market", "");
        String asset = q.getOrDefault("asset_id", "");
        List<JsonNode> rows = new ArrayList<>();
        synchronized (lock) {
            for (Order o : orders.values()) {
                if (!"LIVE".equals(o.status) || !o.owner.equals(cred.apiKey())
                        || (!id.isEmpty() && !o.id.equalsIgnoreCase(id))
                        || (!market.isEmpty() && !o.market.conditionId().equalsIgnoreCase(market))
                        || (!asset.isEmpty() && !o.market.tokenId().equals(asset))) {
                    continue;
                }
                ObjectNode n = json.createObjectNode();
                n.put("id", o.id);
                n.put("status", o.status);
                n.put("owner", o.owner);
                n.put("maker_address", o.maker);
                n.put("market", o.market.conditionId());
                n.put("asset_id", o.market.tokenId());
                n.put("side", o.side);
                n.put("original_size", plain(o.originalSize));
                n.put("size_matched", plain(o.matched));
                n.put("price", plain(o.price));
                n.put("outcome", "");
                n.put("created_at", o.createdAt);
                n.put("expiration", Long.toString(o.expiration));
                n.put("order_type", o.orderType);
                ArrayNode at = n.putArray("associate_trades");
                o.tradeIds.forEach(at::add);
                rows.add(n);
            }
        }
        return page(rows, q.get("next_cursor"));
    }

    private ClobResponse dataTrades(ClobCredential cred, Map<String, String> q) {
        String market = q.getOrDefault("market", "");
        String asset = q.getOrDefault("asset_id", "");
        String tradeId = q.getOrDefault("id", "");
        long after = parseLong(q.get("after"), Long.MIN_VALUE);
        long before = parseLong(q.get("before"), Long.MAX_VALUE);
        List<JsonNode> rows = new ArrayList<>();
        synchronized (lock) {
            for (ClobTrade t : trades) {
                if (!t.owner().equals(cred.apiKey()) || (!market.isEmpty() && !t.market().equalsIgnoreCase(market))
                        || (!asset.isEmpty() && !t.assetId().equals(asset)) || (!tradeId.isEmpty() && !t.id().equals(tradeId))
                        || t.matchTime() < after || t.matchTime() > before) {
                    continue;
                }
                ObjectNode n = json.createObjectNode();
                n.put("id", t.id());
                n.put("taker_order_id", t.takerOrderId());
                n.put("market", t.market());
                n.put("asset_id", t.assetId());
                n.put("side", t.side());
                n.put("size", plain(t.size()));
                n.put("fee_rate_bps", "0");
                n.put("price", plain(t.price()));
                n.put("status", "MATCHED");
                n.put("match_time", Long.toString(t.matchTime()));
                n.put("last_update", Long.toString(t.matchTime()));
                n.put("outcome", "");
                n.put("owner", t.owner());
                n.put("maker_address", t.makerAddress());
                n.put("transaction_hash", "0x" + "0".repeat(64));
                n.put("trader_side", t.traderSide());
                ArrayNode makers = n.putArray("maker_orders");
                for (ClobTrade.MakerPart m : t.makerOrders()) {
                    makers.addObject().put("order_id", m.orderId()).put("owner", m.owner())
                            .put("maker_address", m.makerAddress()).put("matched_amount", plain(m.matchedAmount()))
                            .put("price", plain(m.price())).put("fee_rate_bps", "0").put("asset_id", m.assetId())
                            .put("outcome", "").put("side", m.side());
                }
                rows.add(n);
            }
        }
        return page(rows, q.get("next_cursor"));
    }

    /** Cursor pagination as the CLOB does it: base64 of the offset, "MA==" first, "LTE=" after the last page. */
    private ClobResponse page(List<JsonNode> rows, String cursor) {
        int offset = 0;
        if (cursor != null && !cursor.isEmpty()) {
            try {
                offset = Integer.parseInt(new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                return error(400, "invalid next_cursor");
            }
        }
        if (offset < 0) {
            offset = rows.size();
        }
        int end = Math.min(rows.size(), offset + pageSize);
        ObjectNode r = json.createObjectNode();
        ArrayNode data = r.putArray("data");
        rows.subList(Math.min(offset, rows.size()), end).forEach(data::add);
        String next = end >= rows.size() ? "LTE=" : Base64.getEncoder().encodeToString(
                Integer.toString(end).getBytes(StandardCharsets.UTF_8));
        r.put("next_cursor", next);
        r.put("limit", pageSize);
        r.put("count", data.size());
        return ok(r);
    }

    // ---- heartbeat -----------------------------------------------------------------------------

    private ClobResponse heartbeat(ClobCredential cred, JsonNode body) {
        String id = body.path("heartbeat_id").asString("");
        synchronized (lock) {
            Heartbeat hb = heartbeats.computeIfAbsent(cred.apiKey(), k -> new Heartbeat());
            if (!id.isEmpty() && hb.id != null && !hb.id.equals(id)) {
                return ClobResponse.json(400, json.writeValueAsString(json.createObjectNode()
                        .put("heartbeat_id", hb.id).put("error", "Invalid Heartbeat ID")));
            }
            if (!id.isEmpty() && hb.id == null) {
                // The session expired (orders were cancelled): the client must start again with "".
                return ClobResponse.json(400, json.writeValueAsString(json.createObjectNode()
                        .put("error", "heartbeat session expired; start a new one with an empty heartbeat_id")));
            }
            hb.id = UUID.randomUUID().toString();
            hb.lastMillis = clock.millis();
            return ok(json.createObjectNode().put("heartbeat_id", hb.id));
        }
    }

    // ---- helpers -------------------------------------------------------------------------------

    private ClobMarket market(String tokenId) {
        synchronized (lock) {
            ClobMarket m = tokenId == null ? null : markets.get(tokenId);
            if (m == null && tokenId != null) {
                m = marketLookup.apply(tokenId).orElse(null);
            }
            if (m == null) {
                throw new BadRequest(400, "INVALID_ORDER_ERROR: market not found for token " + tokenId);
            }
            return m;
        }
    }

    private JsonNode parse(String body) {
        return json.readTree(body == null || body.isBlank() ? "{}" : body);
    }

    private ClobResponse ok(JsonNode n) {
        return ClobResponse.json(200, json.writeValueAsString(n));
    }

    private ClobResponse error(int status, String message) {
        return ClobResponse.json(status, json.writeValueAsString(json.createObjectNode().put("error", message)));
    }

    private ClobResponse faultStatus(int status) {
        return switch (status) {
            case 425 -> error(425, "service not ready: the matching engine is restarting");
            case 429 -> error(429, "Too Many Requests");
            case 403 -> new ClobResponse(403, "text/html; charset=UTF-8", CLOUDFLARE_403, 0);
            default -> status >= 500 ? new ClobResponse(status, "text/html", "<html><body>" + status
                    + " server error</body></html>", 0) : error(status, "injected fault " + status);
        };
    }

    private static long parseLong(String s, long dflt) {
        try {
            return s == null || s.isEmpty() ? dflt : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    private static String plain(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }

    /** A request the CLOB refuses with a JSON error. */
    private static final class BadRequest extends RuntimeException {
        final int status;

        BadRequest(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }
}
