package dev.polymaker.simulator.clob;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

/**
 * The simulated Polymarket CLOB trading API (protocol §5): verifies L1/L2 auth and EIP-712 order
 * signatures against each market's exchange domain, enforces tick and minimum size, matches
 * marketable orders against {@link Liquidity}, rests the others (they fill when the market trades
 * through them), reports fills on {@code /data/trades}, honours cancels and the dead-man
 * heartbeat, and injects the faults scripted in {@link #faults()}. Transport-independent:
 * {@link #handle(ClobRequest)} is called by {@link ClobHttpServer} or any other HTTP front.
 * Routes requests to one class per job over the shared {@link VenueState}: {@link VenuePlacement},
 * {@link VenueCancels}, {@link VenueQueries}, {@link VenueHeartbeats} (docs/architecture.md §6).
 */
public final class ClobVenue implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClobVenue.class);

    private final Clock clock;
    private final ClobFaults faults = new ClobFaults();
    private final RateLimits rateLimits = new RateLimits(System::nanoTime);
    private final VenueJson json = new VenueJson();
    private final VenueState state;
    private final ClobAuthenticator auth;
    private final VenuePlacement placement;
    private final VenueCancels cancels;
    private final VenueQueries queries;
    private final VenueHeartbeats heartbeats;
    private final AtomicLong rejections = new AtomicLong();
    private final ScheduledExecutorService scheduler;
    private volatile int orderVersion = 2;
    private volatile int pageSize = 100;

    /**
     * @param heartbeatTimeout how long after the last heartbeat every open order of that API key is
     *                         cancelled (Polymarket: 10 s + 5 s buffer); checked every tenth of it, at most every 200 ms
     */
    public ClobVenue(Liquidity liquidity, Clock clock, Duration heartbeatTimeout) {
        this.clock = clock;
        long chainId = TypedDataVerifier.POLYGON;
        this.state = new VenueState(liquidity, clock);
        this.auth = new ClobAuthenticator(chainId);
        this.placement = new VenuePlacement(state, json, chainId, () -> orderVersion);
        this.cancels = new VenueCancels(state, json);
        this.queries = new VenueQueries(state, json, () -> pageSize);
        this.heartbeats = new VenueHeartbeats(state, json, heartbeatTimeout);
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

    // Set-up and inspection (tests, the demo, the simulator).

    public void listMarket(ClobMarket market) {
        state.listMarket(market);
    }

    /** Where tokens not listed explicitly are looked up (e.g. the simulator's markets, whose tick can change). */
    public void marketLookup(Function<String, Optional<ClobMarket>> lookup) {
        state.marketLookup(lookup);
    }

    /** Accept these L2 credentials for their address (tests and the demo). */
    public void registerCredentials(ClobCredential credential) {
        auth.register(credential);
    }

    public ClobFaults faults() {
        return faults;
    }

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

    /** The order version {@code GET /version} reports; V2 bodies are refused with order_version_mismatch unless 2. */
    public void orderVersion(int version) {
        this.orderVersion = version;
    }

    /** Page size of {@code /data/orders} and {@code /data/trades}. */
    public void pageSize(int size) {
        this.pageSize = size;
    }

    public void heartbeatTimeout(Duration timeout) {
        heartbeats.timeout(timeout);
    }

    public List<ClobOrder> orders() {
        return state.orderViews();
    }

    public Optional<ClobOrder> order(String id) {
        return state.orderView(id);
    }

    public List<ClobTrade> trades() {
        return state.tradeViews();
    }

    /** Orders accepted by POST /order and /orders since start (a duplicate placement would show here). */
    public long ordersAccepted() {
        return state.ordersAccepted();
    }

    /** Requests refused with a 4xx (auth, validation, signature) since start. */
    public long rejections() {
        return rejections.get();
    }

    public long heartbeatExpiries() {
        return heartbeats.expiries();
    }

    /** A simulated taker trades {@code size} against a resting order (a partial or full fill). */
    public void fill(String orderId, BigDecimal size) {
        state.fill(orderId, size);
    }

    /**
     * The simulated market traded at {@code price}: resting BUYs above it and SELLs below it
     * were traded through and fill completely at their own price.
     */
    public void marketTraded(String tokenId, BigDecimal price) {
        state.marketTraded(tokenId, price);
    }

    /** Cancels everything of an API key whose heartbeats stopped, and GTD orders past expiry; fills crossed orders. */
    public void sweep() {
        long now = clock.millis();
        synchronized (state.lock) {
            heartbeats.expire(now);
            state.cancelWhere(o -> "GTD".equals(o.orderType) && o.expiration > 0 && o.expiration * 1000 <= now,
                    "expired");
            state.fillCrossedOrders();
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

    // Request handling: faults first, then the route.

    public ClobResponse handle(ClobRequest req) {
        if (faults.geoblocked()) {
            return new ClobResponse(403, "text/html; charset=UTF-8", VenueJson.CLOUDFLARE_403, 0);
        }
        ClobFaults.Fault fault = faults.take(req.method(), req.path());
        if (fault != null && fault.kind() == ClobFaults.Kind.STATUS) {
            return json.faultStatus(fault.status());
        }
        if (fault != null && fault.kind() == ClobFaults.Kind.DROP) {
            return new ClobResponse(504, "text/html", "<html><body>504 Gateway Time-out</body></html>",
                    fault.delayMillis());
        }
        ClobResponse response;
        try {
            response = route(req);
        } catch (ClobRefusal e) {
            rejections.incrementAndGet();
            log.info("{} {} refused with {}: {}", req.method(), req.path(), e.status, e.getMessage());
            response = json.error(e.status, e.getMessage());
        } catch (JacksonException e) {
            rejections.incrementAndGet();
            log.info("{} {} refused: malformed JSON", req.method(), req.path());
            response = json.error(400, "Invalid order payload: malformed JSON");
        }
        return fault != null ? response.delayed(fault.delayMillis()) : response;
    }

    private ClobResponse route(ClobRequest req) {
        String key = req.method() + " " + req.path();
        switch (key) {
            case "GET /ok":
                return ClobResponse.json(200, "\"OK\"");
            case "GET /version":
                return json.ok(json.object().put("version", orderVersion));
            case "GET /time":
                return ClobResponse.json(200, Long.toString(clock.millis() / 1000));
            case "GET /neg-risk":
                return json.ok(json.object().put("neg_risk", state.market(req.query().get("token_id")).negRisk()));
            case "GET /tick-size":
                return json.ok(json.object().put("minimum_tick_size",
                        state.market(req.query().get("token_id")).tickSize()));
            case "GET /book":
                return queries.book(state.market(req.query().get("token_id")));
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
            return json.error(401, "Unauthorized/Invalid api key");
        }
        if (key.equals("GET /v1/user/rate-limit-tier")) {
            return rateLimits.tierResponse();
        }
        RateLimits.Admission admission = rateLimits.admit(cred.address(), cred.apiKey(), key, req.body(),
                state::openOrders);
        return admission.refusal() != null ? admission.refusal() : admission.decorate(switch (key) {
            case "POST /order" -> placement.postOrder(cred, json.parse(req.body()));
            case "POST /orders" -> placement.postOrders(cred, json.parse(req.body()));
            case "DELETE /order" -> cancels.ids(cred, List.of(json.parse(req.body()).path("orderID").asString("")));
            case "DELETE /orders" -> {
                List<String> ids = new ArrayList<>();
                json.parse(req.body()).forEach(n -> ids.add(n.asString("")));
                yield cancels.ids(cred, ids);
            }
            case "DELETE /cancel-all" -> cancels.all(cred);
            case "DELETE /cancel-market-orders" -> cancels.market(cred,
                    req.body().isBlank() ? json.object() : json.parse(req.body()));
            case "GET /data/orders" -> queries.orders(cred, req.query());
            case "GET /data/trades" -> queries.trades(cred, req.query());
            case "POST /v1/heartbeats" -> heartbeats.beat(cred, json.parse(req.body()));
            default -> json.error(404, "not found: " + key);
        });
    }

    private ClobResponse apiKey(ClobRequest req) {
        ClobAuthenticator.KeyResult r = auth.apiKey(req);
        if (r.credential() == null) {
            return json.error(r.status(), r.error());
        }
        ClobCredential c = r.credential();
        return json.ok(json.object().put("apiKey", c.apiKey()).put("secret", c.secret())
                .put("passphrase", c.passphrase()));
    }
}
