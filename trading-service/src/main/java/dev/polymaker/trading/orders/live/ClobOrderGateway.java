package dev.polymaker.trading.orders.live;

import dev.polymaker.polymarket.order.CancelResult;
import dev.polymaker.polymarket.order.ClobClient;
import dev.polymaker.polymarket.order.ClobException;
import dev.polymaker.polymarket.order.ClobRateLimits;
import dev.polymaker.polymarket.order.ExchangeVersion;
import dev.polymaker.polymarket.order.InvalidOrderException;
import dev.polymaker.polymarket.order.OpenOrder;
import dev.polymaker.polymarket.order.OrderBuilder;
import dev.polymaker.polymarket.order.OrderPost;
import dev.polymaker.trading.orders.OrderGateway;
import dev.polymaker.trading.orders.OrderGatewayException;
import dev.polymaker.trading.orders.OrderRequest;
import dev.polymaker.trading.orders.OrderStatus;
import dev.polymaker.trading.orders.OrderView;
import dev.polymaker.trading.threads.TradingThreads;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link OrderGateway} on the Polymarket CLOB V2, put together the way nautilus splits an
 * execution client: {@link ClobPlacement} signs and posts, {@link LiveOrders} holds every order's
 * state, {@link ClobPoller} reads fills, dropped orders and lost answers, {@link ClobHeartbeat}
 * keeps resting orders alive and {@link VenueHealth} says whether the CLOB serves us.
 * Threads: {@code clob-heartbeat} and {@code clob-poller} (which also calls the fill and order-end listeners).
 */
public final class ClobOrderGateway implements OrderGateway {

    private static final Logger log = LoggerFactory.getLogger(ClobOrderGateway.class);
    /** Ids per {@code DELETE /orders}; the CLOB documents no limit, so stay modest. */
    private static final int CANCEL_BATCH = 50;

    private int cancelBatch() {
        return Math.min(CANCEL_BATCH, client.rateLimits().burst(ClobRateLimits.Bucket.CANCELS));
    }
    /** A terminal order is kept this long for late trades, then only its last view is remembered. */
    private static final Duration TERMINAL_RETENTION = Duration.ofMinutes(10);
    /** The exchange cancels every order ~10 s (+5 s buffer) after the last good heartbeat. */
    private static final Duration HEARTBEAT_DEADLINE = Duration.ofSeconds(10);
    /** Last views of forgotten orders kept for {@link #orders()}. */
    private static final int HISTORY = 1000;

    private final ClobClient client;
    private final ClobGatewaySettings settings;
    private final Clock clock;
    private final ScheduledExecutorService heartbeatThread;
    private final ScheduledExecutorService pollThread;
    private final VenueHealth health = new VenueHealth();
    private final HeartbeatGate heartbeatGate = new HeartbeatGate(HEARTBEAT_DEADLINE);
    private final LiveOrders orders;
    private final ClobPlacement placement;
    private final ClobPoller poller;
    private volatile FillListener listener = fill -> { };
    private volatile OrderEndListener endListener = order -> { };

    /**
     * @param exchangeVersions which exchange settles each token (Gamma {@code version}); CTF_V2 for
     *                         ordinary markets, EXCHANGE_V3 for protocol-V2 markets
     */
    public ClobOrderGateway(ClobClient client, OrderBuilder builder, Function<String, ExchangeVersion> exchangeVersions,
                            ClobGatewaySettings settings, Clock clock) {
        this(client, builder, exchangeVersions, settings, clock, new TradingThreads());
    }

    /** @param threads makes the {@code clob-heartbeat} and {@code clob-poller} threads */
    public ClobOrderGateway(ClobClient client, OrderBuilder builder, Function<String, ExchangeVersion> exchangeVersions,
                            ClobGatewaySettings settings, Clock clock, TradingThreads threads) {
        this.client = Objects.requireNonNull(client, "client");
        Objects.requireNonNull(builder, "builder");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.orders = new LiveOrders(clock, TERMINAL_RETENTION, HISTORY);
        this.placement = new ClobPlacement(client, builder, exchangeVersions, settings.gtdLifetime(), health);
        this.heartbeatThread = threads.clobHeartbeat();
        this.pollThread = threads.clobPoller();
        this.poller = new ClobPoller(client, orders, health, settings.pendingGiveUp(), clock, () -> listener,
                () -> endListener, pollThread);
        long hb = settings.heartbeatInterval().toMillis();
        heartbeatThread.scheduleWithFixedDelay(new ClobHeartbeat(client, orders::anyResting, health, heartbeatGate,
                clock::millis, poller::pollSoon), hb, hb, TimeUnit.MILLISECONDS);
        poller.start(settings.pollInterval());
        log.info("CLOB order gateway started for {} (funder {}, {})", client.address(), builder.funder(),
                builder.signatureType());
    }

    @Override
    public OrderView place(OrderRequest request) {
        if (health.isClosed()) {
            throw new IllegalStateException("the CLOB order gateway is closed");
        }
        Optional<OrderView> known = orders.byClientId(request.clientOrderId());
        if (known.isPresent()) {
            // The same intent twice: never a second order.
            return known.get();
        }
        long now = clock.millis();
        Optional<String> gated = heartbeatGate.refusal(now);
        if (gated.isPresent()) {
            return rejected(request, now, gated.get());
        }
        OrderPost post;
        try {
            post = placement.sign(request, now);
        } catch (InvalidOrderException e) {
            return rejected(request, now, e.getMessage());
        } catch (ClobException e) {
            health.trouble(e);
            return rejected(request, now, "cannot read the market's rules: " + e.getMessage());
        }
        String orderId = orders.add(request, post).orderId();
        LiveOrders.Applied answer;
        try {
            OrderEvent outcome = placement.post(post);
            answer = orders.apply(orderId, outcome).orElseThrow();
            if (outcome instanceof OrderEvent.AnswerLost lost) {
                throw new OrderGatewayException("order " + orderId + " (" + request.clientOrderId()
                        + "): the exchange's answer was lost and the order was not found yet; it is reconciled in the"
                        + " background, do not place it again", false, lost.cause());
            }
        } finally {
            orders.apply(orderId, new OrderEvent.PostEnded());
        }
        OrderView view = answer.view();
        if (view.status() == OrderStatus.REJECTED) {
            log.warn("order {} {} {} {} @ {} {} rejected: {}", view.orderId(), request.type(), request.side(),
                    request.size().toPlainString(), request.price().toPlainString(), request.tokenId(), view.reason());
        } else {
            log.info("order {} {} {} {} @ {} {}: {}{}", view.orderId(), request.type(), request.side(),
                    request.size().toPlainString(), request.price().toPlainString(), request.tokenId(), view.status(),
                    view.reason().isEmpty() ? "" : " (" + view.reason() + ")");
        }
        if (answer.pollTrades() || view.filled().signum() > 0) {
            poller.pollSoon();
        }
        return view;
    }

    @Override
    public OrderView cancel(String orderId) {
        OrderView view = orders.view(orderId).orElseThrow(() -> new IllegalArgumentException("unknown order " + orderId));
        if (view.status().terminal()) {
            return view;
        }
        CancelResult result;
        try {
            result = client.cancel(orderId);
        } catch (ClobException e) {
            health.trouble(e);
            throw new OrderGatewayException("cancel of order " + orderId + " failed: " + e.getMessage(), e.retryable(), e);
        }
        if (result.canceled().contains(orderId)) {
            orders.apply(orderId, new OrderEvent.Cancelled("cancelled"));
        } else {
            log.warn("order {} not cancelled: {}", orderId, result.notCanceled().getOrDefault(orderId, "not cancelled"));
            poller.pollSoon();
        }
        return orders.view(orderId).orElse(view);
    }

    /**
     * Cancels this gateway's own non-terminal orders on these tokens by id ({@code DELETE /orders}),
     * so orders of another process trading with the same key are left alone.
     */
    @Override
    public List<String> cancelAll(Collection<String> tokenIds) {
        return cancelOwn(orders.resting(new HashSet<>(tokenIds)));
    }

    /** {@code GET /data/orders}: ours (this API key) on these tokens, not tracked by this run, are cancelled. */
    @Override
    public List<String> cancelLeftovers(Collection<String> tokenIds) {
        Set<String> tokens = new HashSet<>(tokenIds);
        List<String> leftovers = new ArrayList<>();
        try {
            for (OpenOrder order : client.openOrders(null, null, null)) {
                if (tokens.contains(order.assetId()) && orders.view(order.id()).isEmpty()) {
                    leftovers.add(order.id());
                }
            }
        } catch (ClobException e) {
            health.trouble(e);
            throw new OrderGatewayException("cannot list our resting orders: " + e.getMessage(), e.retryable(), e);
        }
        if (leftovers.isEmpty()) {
            return List.of();
        }
        List<String> cancelled = new ArrayList<>();
        int size = cancelBatch();
        for (int from = 0; from < leftovers.size(); from += size) {
            List<String> batch = leftovers.subList(from, Math.min(leftovers.size(), from + size));
            try {
                cancelled.addAll(client.cancel(batch).canceled());
            } catch (ClobException e) {
                health.trouble(e);
                throw new OrderGatewayException("cancel of orders left by an earlier run failed: " + e.getMessage(),
                        e.retryable(), e);
            }
        }
        return cancelled;
    }

    /** Cancels by id in batches that each fit the exchange's cancel burst (a batch is all-or-nothing). */
    private List<String> cancelOwn(List<String> ids) {
        List<String> cancelled = new ArrayList<>();
        int size = cancelBatch();
        for (int from = 0; from < ids.size(); from += size) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + size));
            CancelResult result;
            try {
                result = client.cancel(batch);
            } catch (ClobException e) {
                health.trouble(e);
                throw new OrderGatewayException("cancel of " + ids.size() + " orders failed after cancelling "
                        + cancelled.size() + ": " + e.getMessage(), e.retryable(), e);
            }
            for (String id : result.canceled()) {
                orders.apply(id, new OrderEvent.Cancelled("cancelled"));
                cancelled.add(id);
            }
            if (!result.notCanceled().isEmpty()) {
                log.warn("{} orders not cancelled: {}", result.notCanceled().size(), result.notCanceled());
                poller.pollSoon();
            }
        }
        return cancelled;
    }

    @Override
    public List<OrderView> openOrders() {
        return orders.open();
    }

    @Override
    public List<OrderView> orders() {
        return orders.all();
    }

    @Override
    public Optional<OrderView> order(String clientOrderId) {
        return orders.byClientId(clientOrderId);
    }

    @Override
    public void onFill(FillListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    @Override
    public void onOrderEnded(OrderEndListener listener) {
        this.endListener = Objects.requireNonNull(listener, "listener");
    }

    @Override
    public boolean healthy() {
        return health.healthy() && heartbeatGate.refusal(clock.millis()).isEmpty();
    }

    @Override
    public boolean acceptsOrders() {
        return health.acceptsOrders();
    }

    @Override
    public String healthReason() {
        return heartbeatGate.refusal(clock.millis()).filter(r -> health.acceptsOrders()).orElseGet(health::reason);
    }

    /** One poll round now, on the caller's thread (tests drive races with it). */
    boolean poll() {
        return poller.poll();
    }

    @Override
    public void close() {
        if (health.isClosed()) {
            return;
        }
        health.closed();
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

    private static OrderView rejected(OrderRequest request, long now, String reason) {
        log.warn("order {} {} {} @ {} on {} rejected before sending: {}", request.clientOrderId(), request.side(),
                request.size().toPlainString(), request.price().toPlainString(), request.tokenId(), reason);
        return new OrderView("", request.clientOrderId(), request.tokenId(), request.side(), request.price(),
                request.size(), BigDecimal.ZERO, request.type(), OrderStatus.REJECTED, reason, now, now);
    }

    @Override
    public String toString() {
        return "ClobOrderGateway[" + client + "]";
    }
}
