package dev.polymaker.trading.orders.live;

import dev.polymaker.polymarket.order.CancelResult;
import dev.polymaker.polymarket.order.ClobClient;
import dev.polymaker.polymarket.order.ClobException;
import dev.polymaker.polymarket.order.ClobOrderType;
import dev.polymaker.polymarket.order.ExchangeVersion;
import dev.polymaker.polymarket.order.InvalidOrderException;
import dev.polymaker.polymarket.order.MarketRules;
import dev.polymaker.polymarket.order.OpenOrder;
import dev.polymaker.polymarket.order.OrderBuilder;
import dev.polymaker.polymarket.order.OrderPlacement;
import dev.polymaker.polymarket.order.OrderPost;
import dev.polymaker.polymarket.order.OrderSide;
import dev.polymaker.polymarket.order.TickSize;
import dev.polymaker.polymarket.order.Trade;
import dev.polymaker.trading.orders.Fill;
import dev.polymaker.trading.orders.OrderGateway;
import dev.polymaker.trading.orders.OrderGatewayException;
import dev.polymaker.trading.orders.OrderRequest;
import dev.polymaker.trading.orders.OrderStatus;
import dev.polymaker.trading.orders.OrderType;
import dev.polymaker.trading.orders.OrderView;
import dev.polymaker.trading.orders.Side;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link OrderGateway} on the Polymarket CLOB V2. Orders are validated, rounded and signed by
 * {@link OrderBuilder} and posted by {@link ClobClient}; fills are discovered by polling
 * {@code /data/trades}, orders the exchange dropped by polling {@code /data/orders}, and the
 * dead-man heartbeat runs every few seconds while any order rests. Two named threads,
 * {@code clob-heartbeat} and {@code clob-poller} (which also calls the fill listener).
 */
public final class ClobOrderGateway implements OrderGateway {

    private static final Logger log = LoggerFactory.getLogger(ClobOrderGateway.class);
    /** Trades are fetched from a little before the newest one seen, so late-indexed ones are not missed. */
    private static final long TRADE_LOOKBACK_SECONDS = 120;
    /** Polls an order must be absent from /data/orders before it counts as cancelled by the exchange. */
    private static final int MISSING_POLLS_BEFORE_CANCELLED = 2;
    /** Ids per {@code DELETE /orders}; the CLOB documents no limit, so stay modest. */
    private static final int CANCEL_BATCH = 50;

    private final ClobClient client;
    private final OrderBuilder builder;
    private final Function<String, ExchangeVersion> exchangeVersions;
    private final ClobGatewaySettings settings;
    private final Clock clock;
    private final ScheduledExecutorService heartbeatThread;
    private final ScheduledExecutorService pollThread;
    private final Object lock = new Object();
    private final Map<String, LiveOrder> orders = new LinkedHashMap<>();
    private final Map<String, LiveOrder> byClientId = new HashMap<>();
    private final Set<String> countedFills = new HashSet<>();
    private final Map<String, MarketRules> rules = new ConcurrentHashMap<>();
    private final long startSeconds;
    private volatile FillListener listener = fill -> { };
    private volatile String heartbeatId;
    private volatile boolean heartbeatOk = true;
    private volatile boolean pollOk = true;
    private volatile boolean geoblocked;
    private volatile boolean unauthorized;
    private volatile boolean closed;
    private long newestTradeSeconds;
    private int heartbeatFailures;
    private int pollFailures;

    /** One order this gateway placed; mutable state guarded by {@code lock}. */
    private static final class LiveOrder {
        final String orderId;
        final OrderRequest request;
        final OrderPost post;
        final long createdTime;
        BigDecimal reportedFilled = BigDecimal.ZERO;
        BigDecimal tradeFilled = BigDecimal.ZERO;
        OrderStatus status = OrderStatus.PENDING;
        String reason = "";
        long updatedTime;
        int missingPolls;
        /** True while place() waits for the POST's answer: that answer, not a background lookup, settles it. */
        boolean posting = true;

        LiveOrder(String orderId, OrderRequest request, OrderPost post, long now) {
            this.orderId = orderId;
            this.request = request;
            this.post = post;
            this.createdTime = now;
            this.updatedTime = now;
        }

        BigDecimal filled() {
            return reportedFilled.max(tradeFilled);
        }

        OrderView view() {
            return new OrderView(orderId, request.clientOrderId(), request.tokenId(), request.side(), request.price(),
                    request.size(), filled(), request.type(), status, reason, createdTime, updatedTime);
        }
    }

    /**
     * @param exchangeVersions which exchange settles each token (Gamma {@code version}); CTF_V2 for
     *                         ordinary markets, EXCHANGE_V3 for protocol-V2 markets
     */
    public ClobOrderGateway(ClobClient client, OrderBuilder builder, Function<String, ExchangeVersion> exchangeVersions,
                            ClobGatewaySettings settings, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.builder = Objects.requireNonNull(builder, "builder");
        this.exchangeVersions = Objects.requireNonNull(exchangeVersions, "exchangeVersions");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.startSeconds = clock.millis() / 1000;
        this.newestTradeSeconds = startSeconds;
        this.heartbeatThread = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "clob-heartbeat"));
        this.pollThread = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "clob-poller"));
        long hb = settings.heartbeatInterval().toMillis();
        long poll = settings.pollInterval().toMillis();
        heartbeatThread.scheduleWithFixedDelay(this::heartbeatSafely, hb, hb, TimeUnit.MILLISECONDS);
        pollThread.scheduleWithFixedDelay(this::pollSafely, poll, poll, TimeUnit.MILLISECONDS);
        log.info("CLOB order gateway started for {} (funder {}, {})", client.address(), builder.funder(),
                builder.signatureType());
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    // ---- OrderGateway ------------------------------------------------------------------------

    @Override
    public OrderView place(OrderRequest request) {
        if (closed) {
            throw new IllegalStateException("the CLOB order gateway is closed");
        }
        long now = clock.millis();
        synchronized (lock) {
            LiveOrder known = byClientId.get(request.clientOrderId());
            if (known != null) {
                // The same intent twice: never a second order.
                return known.view();
            }
        }
        OrderPost post;
        try {
            post = build(request, now);
        } catch (InvalidOrderException e) {
            return rejected(request, now, e.getMessage());
        } catch (ClobException e) {
            noteVenueTrouble(e);
            return rejected(request, now, "cannot read the market's rules: " + e.getMessage());
        }
        LiveOrder order = new LiveOrder(post.order().orderId(), request, post, now);
        synchronized (lock) {
            orders.put(order.orderId, order);
            byClientId.put(request.clientOrderId(), order);
        }
        try {
            OrderPlacement placement = client.post(post);
            venueAnswered();
            apply(order, placement);
        } catch (ClobException.UnknownOutcome e) {
            update(order, OrderStatus.PENDING, "outcome unknown, reconciling: " + e.getMessage());
            throw new OrderGatewayException("order " + order.orderId + " (" + request.clientOrderId()
                    + "): the exchange's answer was lost and the order was not found yet; it is reconciled in the"
                    + " background, do not place it again", false, e);
        } catch (ClobException.Rejected e) {
            update(order, OrderStatus.REJECTED, e.code() + ": " + e.errorMessage());
        } catch (ClobException e) {
            noteVenueTrouble(e);
            update(order, OrderStatus.REJECTED, e.getMessage());
        } finally {
            synchronized (lock) {
                order.posting = false;
            }
        }
        OrderView view = view(order);
        if (view.status() == OrderStatus.REJECTED) {
            log.warn("order {} {} {} {} @ {} {} rejected: {}", view.orderId(), request.type(), request.side(),
                    request.size().toPlainString(), request.price().toPlainString(), request.tokenId(), view.reason());
        } else {
            log.info("order {} {} {} {} @ {} {}: {}{}", view.orderId(), request.type(), request.side(),
                    request.size().toPlainString(), request.price().toPlainString(), request.tokenId(), view.status(),
                    view.reason().isEmpty() ? "" : " (" + view.reason() + ")");
        }
        if (view.filled().signum() > 0) {
            pollSoon();
        }
        return view;
    }

    @Override
    public OrderView cancel(String orderId) {
        LiveOrder order;
        synchronized (lock) {
            order = orders.get(orderId);
        }
        if (order == null) {
            throw new IllegalArgumentException("unknown order " + orderId);
        }
        if (view(order).status().terminal()) {
            return view(order);
        }
        CancelResult result;
        try {
            result = client.cancel(orderId);
        } catch (ClobException e) {
            noteVenueTrouble(e);
            throw new OrderGatewayException("cancel of order " + orderId + " failed: " + e.getMessage(), e.retryable(), e);
        }
        if (result.canceled().contains(orderId)) {
            update(order, OrderStatus.CANCELLED, "cancelled");
        } else {
            String why = result.notCanceled().getOrDefault(orderId, "not cancelled");
            log.warn("order {} not cancelled: {}", orderId, why);
            pollSoon();
        }
        return view(order);
    }

    /**
     * Cancels this gateway's own non-terminal orders on these tokens by id ({@code DELETE /orders}),
     * so orders of another process trading with the same key are left alone.
     */
    @Override
    public List<String> cancelAll(Collection<String> tokenIds) {
        Set<String> tokens = new HashSet<>(tokenIds);
        List<String> ids;
        synchronized (lock) {
            ids = orders.values().stream().filter(o -> !o.status.terminal() && tokens.contains(o.request.tokenId()))
                    .map(o -> o.orderId).toList();
        }
        return cancelOwn(ids);
    }

    private List<String> cancelOwn(List<String> ids) {
        List<String> cancelled = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += CANCEL_BATCH) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + CANCEL_BATCH));
            CancelResult result;
            try {
                result = client.cancel(batch);
            } catch (ClobException e) {
                noteVenueTrouble(e);
                throw new OrderGatewayException("cancel of " + ids.size() + " orders failed after cancelling "
                        + cancelled.size() + ": " + e.getMessage(), e.retryable(), e);
            }
            for (String id : result.canceled()) {
                LiveOrder order;
                synchronized (lock) {
                    order = orders.get(id);
                }
                if (order != null) {
                    update(order, OrderStatus.CANCELLED, "cancelled");
                }
                cancelled.add(id);
            }
            if (!result.notCanceled().isEmpty()) {
                log.warn("{} orders not cancelled: {}", result.notCanceled().size(), result.notCanceled());
                pollSoon();
            }
        }
        return cancelled;
    }

    @Override
    public List<OrderView> openOrders() {
        synchronized (lock) {
            return orders.values().stream().map(LiveOrder::view).filter(v -> !v.status().terminal()).toList();
        }
    }

    @Override
    public List<OrderView> orders() {
        synchronized (lock) {
            List<OrderView> out = new ArrayList<>(orders.values().stream().map(LiveOrder::view).toList());
            java.util.Collections.reverse(out);
            return out;
        }
    }

    @Override
    public void onFill(FillListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    @Override
    public boolean healthy() {
        return !closed && !geoblocked && !unauthorized && heartbeatOk && pollOk;
    }

    @Override
    public boolean acceptsOrders() {
        return !closed && !geoblocked && !unauthorized;
    }

    @Override
    public String healthReason() {
        if (closed) {
            return "closed";
        }
        if (geoblocked) {
            return "geoblocked: the CLOB refuses this network location";
        }
        if (unauthorized) {
            return "the CLOB refuses the API credentials";
        }
        if (!heartbeatOk) {
            return "heartbeats failing: the exchange may cancel every resting order";
        }
        if (!pollOk) {
            return "cannot read trades and open orders";
        }
        return "ok";
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        heartbeatThread.shutdownNow();
        pollThread.shutdownNow();
        try {
            heartbeatThread.awaitTermination(5, TimeUnit.SECONDS);
            pollThread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<String> open = openOrders().stream().map(OrderView::orderId).toList();
        if (settings.cancelOnClose() && !open.isEmpty()) {
            try {
                log.info("closing: cancelled {} of our {} resting orders", cancelOwn(open).size(), open.size());
            } catch (OrderGatewayException e) {
                log.error("closing: could not cancel our resting orders ({}); the exchange cancels them when the"
                        + " heartbeat expires", e.getMessage());
            }
        }
        client.close();
        log.info("CLOB order gateway closed");
    }

    // ---- building ----------------------------------------------------------------------------

    private OrderPost build(OrderRequest r, long now) {
        MarketRules market = rules.get(r.tokenId());
        if (market == null) {
            ExchangeVersion version = exchangeVersion(r.tokenId());
            market = rules.computeIfAbsent(r.tokenId(), t -> client.marketRules(t, version));
        }
        if (r.tickSize() != null && market.tickSize().value().compareTo(r.tickSize()) != 0) {
            // The strategy saw a tick_size_change before us: its tick is the newer one.
            market = new MarketRules(TickSize.of(r.tickSize()), market.minOrderSize(), market.negRisk(),
                    market.exchangeVersion());
            rules.put(r.tokenId(), market);
        }
        if (r.negRisk() != market.negRisk()) {
            log.warn("token {}: the request says negRisk={} but the CLOB says {}; signing for the CLOB's exchange",
                    r.tokenId(), r.negRisk(), market.negRisk());
        }
        OrderSide side = r.side() == Side.BUY ? OrderSide.BUY : OrderSide.SELL;
        return switch (r.type()) {
            case GTC -> builder.limit(r.tokenId(), side, r.price(), r.size(), market, ClobOrderType.GTC, r.postOnly(), 0);
            case GTD -> builder.limit(r.tokenId(), side, r.price(), r.size(), market, ClobOrderType.GTD, r.postOnly(),
                    now / 1000 + OrderBuilder.GTD_THRESHOLD_SECONDS + settings.gtdLifetime().toSeconds());
            case FOK, FAK -> {
                if (r.postOnly()) {
                    throw new InvalidOrderException("postOnly is only allowed with GTC or GTD, not " + r.type());
                }
                // A market BUY states the USDC to spend: size shares at the worst price.
                BigDecimal amount = side == OrderSide.BUY ? r.size().multiply(r.price()) : r.size();
                yield builder.market(r.tokenId(), side, amount, r.price(), market,
                        r.type() == OrderType.FOK ? ClobOrderType.FOK : ClobOrderType.FAK);
            }
        };
    }

    /** An order for a token whose exchange is unknown is rejected, never signed for a guessed domain. */
    private ExchangeVersion exchangeVersion(String tokenId) {
        try {
            return Objects.requireNonNull(exchangeVersions.apply(tokenId), "no exchange version for token " + tokenId);
        } catch (InvalidOrderException | ClobException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InvalidOrderException(e.getMessage());
        }
    }

    private OrderView rejected(OrderRequest request, long now, String reason) {
        log.warn("order {} {} {} @ {} on {} rejected before sending: {}", request.clientOrderId(), request.side(),
                request.size().toPlainString(), request.price().toPlainString(), request.tokenId(), reason);
        return new OrderView("", request.clientOrderId(), request.tokenId(), request.side(), request.price(),
                request.size(), BigDecimal.ZERO, request.type(), OrderStatus.REJECTED, reason, now, now);
    }

    // ---- state -------------------------------------------------------------------------------

    private void apply(LiveOrder order, OrderPlacement p) {
        BigDecimal reported = shares(order, p);
        synchronized (lock) {
            if (reported != null) {
                order.reportedFilled = order.reportedFilled.max(reported);
            }
            boolean immediate = !order.request.type().rests();
            switch (p.status()) {
                case "live" -> setStatus(order, OrderStatus.OPEN, "");
                case "matched" -> {
                    if (immediate) {
                        // A matched FOK/FAK is done: what did not fill was killed.
                        setStatus(order, order.filled().compareTo(order.request.size()) >= 0
                                ? OrderStatus.FILLED : OrderStatus.CANCELLED, "remainder killed");
                    } else if (p.reconciled()) {
                        // Found again after a lost answer, by its trades: those may be a partial fill of an
                        // order that still rests (or was cancelled since). The trade poll adds up the fills
                        // and the open-orders check notices it gone; until then it rests.
                        setStatus(order, OrderStatus.OPEN, "");
                    } else {
                        setStatus(order, OrderStatus.FILLED, "");
                    }
                    if (order.filled().signum() == 0) {
                        // Amounts come with the trades: make sure the fill poll runs now.
                        pollSoon();
                    }
                }
                case "unmatched" -> setStatus(order, OrderStatus.CANCELLED, "no liquidity within the price");
                case "delayed" -> setStatus(order, OrderStatus.PENDING, "delayed by the exchange");
                default -> setStatus(order, OrderStatus.PENDING, "unknown placement status '" + p.status() + "'");
            }
            refreshStatus(order);
        }
    }

    /** Shares traded at placement, from the answer's amounts (BUY: taking; SELL: making). */
    private static BigDecimal shares(LiveOrder order, OrderPlacement p) {
        return order.request.side() == Side.BUY ? p.takingAmount() : p.makingAmount();
    }

    private void update(LiveOrder order, OrderStatus status, String reason) {
        synchronized (lock) {
            setStatus(order, status, reason);
        }
    }

    private void setStatus(LiveOrder order, OrderStatus status, String reason) {
        order.status = status;
        order.reason = reason == null ? "" : reason;
        order.updatedTime = clock.millis();
    }

    /**
     * Fills decide FILLED / PARTIALLY_FILLED: the whole size filled is FILLED from any state (a
     * cancel that raced the last fill included); a part filled only upgrades an OPEN order, so a
     * cancelled or rejected one stays so.
     */
    private void refreshStatus(LiveOrder order) {
        BigDecimal filled = order.filled();
        if (filled.compareTo(order.request.size()) >= 0) {
            if (order.status != OrderStatus.FILLED) {
                setStatus(order, OrderStatus.FILLED, "");
            }
        } else if (filled.signum() > 0 && order.status == OrderStatus.OPEN) {
            setStatus(order, OrderStatus.PARTIALLY_FILLED, "");
        }
    }

    private OrderView view(LiveOrder order) {
        synchronized (lock) {
            return order.view();
        }
    }

    /** Any authenticated call that succeeded proves we are neither geoblocked nor refused. */
    private void venueAnswered() {
        if (geoblocked || unauthorized) {
            log.info("the CLOB accepts our calls again");
        }
        geoblocked = false;
        unauthorized = false;
    }

    private void noteVenueTrouble(ClobException e) {
        if (e instanceof ClobException.Geoblocked) {
            if (!geoblocked) {
                log.error("the CLOB geoblocks this location: {}", e.getMessage());
            }
            geoblocked = true;
        } else if (e instanceof ClobException.Unauthorized) {
            if (!unauthorized) {
                log.error("the CLOB refuses our API credentials: {}", e.getMessage());
            }
            unauthorized = true;
        }
    }

    // ---- heartbeat ---------------------------------------------------------------------------

    private boolean anyResting() {
        synchronized (lock) {
            return orders.values().stream().anyMatch(o -> !o.status.terminal());
        }
    }

    private void heartbeatSafely() {
        try {
            heartbeat();
        } catch (RuntimeException e) {
            log.error("heartbeat task failed", e);
        }
    }

    /** Sends one heartbeat while any order rests; stops (and forgets the session) when none does. */
    void heartbeat() {
        if (!anyResting()) {
            heartbeatId = null;
            heartbeatOk = true;
            return;
        }
        try {
            heartbeatId = client.heartbeat(heartbeatId);
            if (heartbeatFailures > 0) {
                log.info("heartbeat recovered after {} failures", heartbeatFailures);
            }
            heartbeatFailures = 0;
            heartbeatOk = true;
            venueAnswered();
        } catch (ClobException e) {
            noteVenueTrouble(e);
            heartbeatFailures++;
            heartbeatOk = false;
            if (e instanceof ClobException.Rejected) {
                heartbeatId = null; // the session is gone: start a new one next time
            }
            if (heartbeatFailures == 1 || heartbeatFailures % 10 == 0) {
                log.error("heartbeat failed ({} in a row): {}; the exchange cancels every order ~15 s after the last"
                        + " good one", heartbeatFailures, e.getMessage());
            }
        }
    }

    // ---- polling -----------------------------------------------------------------------------

    /** Runs a poll on the poller thread as soon as it is free (fills right after a match). */
    private void pollSoon() {
        try {
            pollThread.execute(this::pollSafely);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.debug("gateway closing: no extra poll");
        }
    }

    private void pollSafely() {
        if (closed) {
            return;
        }
        try {
            if (poll()) {
                venueAnswered();
            }
            if (pollFailures > 0) {
                log.info("trade/order polling recovered after {} failures", pollFailures);
            }
            pollFailures = 0;
            pollOk = true;
        } catch (ClobException e) {
            noteVenueTrouble(e);
            pollFailures++;
            pollOk = pollFailures < 3;
            if (pollFailures == 1 || pollFailures % 30 == 0) {
                log.error("polling trades/orders failed ({} in a row): {}", pollFailures, e.getMessage());
            }
        } catch (RuntimeException e) {
            pollFailures++;
            pollOk = false;
            log.error("poll task failed", e);
        }
    }

    /**
     * One round: new fills from trades, orders the exchange dropped, and lost placements found
     * again. Returns false when there was nothing to ask the exchange.
     */
    boolean poll() {
        long after;
        synchronized (lock) {
            if (orders.isEmpty()) {
                return false;
            }
            after = Math.max(startSeconds, newestTradeSeconds) - TRADE_LOOKBACK_SECONDS;
        }
        List<Fill> fills = new ArrayList<>();
        for (Trade t : client.trades(null, null, after)) {
            synchronized (lock) {
                newestTradeSeconds = Math.max(newestTradeSeconds, t.matchTime());
                LiveOrder taker = orders.get(t.takerOrderId());
                if (taker != null) {
                    count(taker, t.id(), t.size(), t.price(), t.matchTime(), fills);
                }
                for (Trade.MakerFill m : t.makerOrders()) {
                    LiveOrder maker = orders.get(m.orderId());
                    if (maker != null) {
                        count(maker, t.id(), m.matchedAmount(), m.price(), t.matchTime(), fills);
                    }
                }
            }
        }
        for (Fill f : fills) {
            try {
                listener.onFill(f);
            } catch (RuntimeException e) {
                log.error("fill listener failed on {}", f, e);
            }
        }
        syncOpenOrders();
        reconcilePending();
        return true;
    }

    private void count(LiveOrder order, String tradeId, BigDecimal size, BigDecimal price, long matchTime,
                       List<Fill> out) {
        if (!countedFills.add(tradeId + "/" + order.orderId)) {
            return;
        }
        order.tradeFilled = order.tradeFilled.add(size);
        order.updatedTime = clock.millis();
        if (order.status == OrderStatus.PENDING) {
            setStatus(order, OrderStatus.OPEN, "");
        }
        refreshStatus(order);
        out.add(new Fill(order.orderId, order.request.tokenId(), order.request.side(), price, size, matchTime * 1000));
    }

    private void syncOpenOrders() {
        List<String> candidates;
        synchronized (lock) {
            candidates = orders.values().stream()
                    .filter(o -> o.status == OrderStatus.OPEN || o.status == OrderStatus.PARTIALLY_FILLED)
                    .map(o -> o.orderId).toList();
        }
        if (candidates.isEmpty()) {
            return;
        }
        Set<String> open = new HashSet<>();
        for (OpenOrder o : client.openOrders(null, null, null)) {
            open.add(o.id());
        }
        synchronized (lock) {
            for (String id : candidates) {
                LiveOrder o = orders.get(id);
                if (open.contains(id)) {
                    o.missingPolls = 0;
                } else if (++o.missingPolls >= MISSING_POLLS_BEFORE_CANCELLED && !o.status.terminal()) {
                    setStatus(o, OrderStatus.CANCELLED, "no longer open on the exchange (cancelled there, e.g. after"
                            + " heartbeat expiry)");
                    log.warn("order {} is no longer open on the exchange with {} of {} filled: marked cancelled", id,
                            o.filled().toPlainString(), o.request.size().toPlainString());
                }
            }
        }
    }

    /**
     * Looks up orders whose placement answer was lost. An order whose POST is still in flight is
     * left alone: a lookup racing it can see the order absent from /data/orders and, a moment
     * later, its first partial fill in /data/trades, and would take that for a completed match.
     */
    private void reconcilePending() {
        List<LiveOrder> pending;
        synchronized (lock) {
            pending = orders.values().stream().filter(o -> o.status == OrderStatus.PENDING && !o.posting).toList();
        }
        long now = clock.millis();
        for (LiveOrder o : pending) {
            Optional<OrderPlacement> found = client.reconcile(o.post.order());
            if (found.isPresent()) {
                if (view(o).status() != OrderStatus.PENDING) {
                    // Settled meanwhile (a counted fill, a cancel): the fresher state wins.
                    continue;
                }
                log.info("order {}: found on the exchange after a lost answer ({})", o.orderId, found.get().status());
                apply(o, found.get());
            } else if (now - o.createdTime > settings.pendingGiveUp().toMillis()) {
                update(o, OrderStatus.REJECTED, "never reached the exchange (not found for "
                        + settings.pendingGiveUp().toSeconds() + " s)");
                log.warn("order {}: not found for {} s, marked rejected", o.orderId, settings.pendingGiveUp().toSeconds());
            }
        }
    }

    @Override
    public String toString() {
        return "ClobOrderGateway[" + client + "]";
    }
}
