package dev.polymaker.trading.orders.live;

import dev.polymaker.polymarket.order.OrderPlacement;
import dev.polymaker.polymarket.order.OrderPost;
import dev.polymaker.polymarket.order.PlacementStatus;
import dev.polymaker.trading.orders.Fill;
import dev.polymaker.trading.orders.OrderRequest;
import dev.polymaker.trading.orders.OrderStatus;
import dev.polymaker.trading.orders.OrderView;
import dev.polymaker.trading.orders.Side;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The orders {@link ClobOrderGateway} placed, and the one place where their state changes: every
 * answer, poll result, fill and cancel comes in through {@link #apply}. No I/O, no threads;
 * thread-safe. A terminal order is kept for {@code retention} (late trades still count against
 * it), then only its last view is remembered, among the newest {@code historySize}.
 */
final class LiveOrders {

    /** Polls an order must be absent from /data/orders before it counts as cancelled by the exchange. */
    static final int MISSING_POLLS_BEFORE_CANCELLED = 2;

    /**
     * What one event did: the order's status before, its view afterwards, the fill it counted, and
     * whether trades should be polled now (a match whose amounts come only with its trades).
     */
    record Applied(OrderStatus before, OrderView view, Optional<Fill> fill, boolean pollTrades) {
    }

    /** One order this gateway placed; guarded by the enclosing instance. */
    private static final class LiveOrder {
        final String orderId;
        final OrderRequest request;
        final OrderPost post;
        final long createdTime;
        final Set<String> countedTrades = new HashSet<>();
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

    /** An order whose placement answer was lost, for the poller to look up. */
    record Lookup(String orderId, OrderPost post, long createdTime) {
    }

    private final Clock clock;
    private final long retentionMillis;
    private final int historySize;
    private final Map<String, LiveOrder> orders = new LinkedHashMap<>();
    private final Map<String, LiveOrder> byClientId = new HashMap<>();
    /** Last views of pruned orders, oldest first. */
    private final LinkedHashMap<String, OrderView> history = new LinkedHashMap<>();

    LiveOrders(Clock clock, Duration retention, int historySize) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retentionMillis = retention.toMillis();
        this.historySize = historySize;
    }

    /** The order already placed for this client order id, if any: the same intent never becomes two orders. */
    synchronized Optional<OrderView> byClientId(String clientOrderId) {
        LiveOrder o = byClientId.get(clientOrderId);
        if (o != null) {
            return Optional.of(o.view());
        }
        return history.values().stream().filter(v -> clientOrderId.equals(v.clientOrderId())).findFirst();
    }

    /** A signed order about to be posted: PENDING, and left alone by the poller until {@link OrderEvent.PostEnded}. */
    synchronized OrderView add(OrderRequest request, OrderPost post) {
        LiveOrder order = new LiveOrder(post.order().orderId(), request, post, clock.millis());
        orders.put(order.orderId, order);
        byClientId.put(request.clientOrderId(), order);
        return order.view();
    }

    /** Applies one event; empty when the order is unknown or the event no longer applies to it. */
    synchronized Optional<Applied> apply(String orderId, OrderEvent event) {
        LiveOrder o = orders.get(orderId);
        if (o == null) {
            return Optional.empty();
        }
        OrderStatus before = o.status;
        Fill fill = null;
        boolean pollTrades = false;
        if (event instanceof OrderEvent.Answered a) {
            pollTrades = answered(o, a.placement());
        } else if (event instanceof OrderEvent.FoundAfterLostAnswer f) {
            if (o.status != OrderStatus.PENDING) {
                // Settled meanwhile (a counted fill, a cancel): the fresher state wins.
                return Optional.empty();
            }
            pollTrades = answered(o, f.placement());
        } else if (event instanceof OrderEvent.PostEnded) {
            o.posting = false;
        } else if (event instanceof OrderEvent.AnswerLost l) {
            set(o, OrderStatus.PENDING, "outcome unknown, reconciling: " + l.cause().getMessage());
        } else if (event instanceof OrderEvent.Rejected r) {
            set(o, OrderStatus.REJECTED, r.reason());
        } else if (event instanceof OrderEvent.Cancelled c) {
            set(o, OrderStatus.CANCELLED, c.reason());
        } else if (event instanceof OrderEvent.NeverArrived n) {
            if (o.status != OrderStatus.PENDING) {
                return Optional.empty();
            }
            set(o, OrderStatus.REJECTED, n.reason());
        } else if (event instanceof OrderEvent.Traded t) {
            if (!o.countedTrades.add(t.tradeId())) {
                return Optional.empty();
            }
            o.tradeFilled = o.tradeFilled.add(t.size());
            o.updatedTime = clock.millis();
            if (o.status == OrderStatus.PENDING) {
                set(o, OrderStatus.OPEN, "");
            }
            refreshStatus(o);
            fill = new Fill(o.orderId, o.request.tokenId(), o.request.side(), t.price(), t.size(),
                    t.matchTimeSeconds() * 1000);
        } else if (event instanceof OrderEvent.OpenOnExchange seen) {
            if (seen.open()) {
                o.missingPolls = 0;
            } else if (++o.missingPolls >= MISSING_POLLS_BEFORE_CANCELLED && !o.status.terminal()) {
                set(o, OrderStatus.CANCELLED, "no longer open on the exchange (cancelled there, e.g. after"
                        + " heartbeat expiry)");
            }
        }
        return Optional.of(new Applied(before, o.view(), Optional.ofNullable(fill), pollTrades));
    }

    /** The POST's answer (or a lookup's): returns whether the fill amounts must still come from the trades. */
    private boolean answered(LiveOrder o, OrderPlacement p) {
        BigDecimal reported = o.request.side() == Side.BUY ? p.takingAmount() : p.makingAmount();
        if (reported != null) {
            o.reportedFilled = o.reportedFilled.max(reported);
        }
        boolean pollTrades = false;
        PlacementStatus status = p.placementStatus();
        switch (status) {
            case LIVE -> set(o, OrderStatus.OPEN, "");
            case MATCHED -> {
                if (!o.request.type().rests()) {
                    // A matched FOK/FAK is done: what did not fill was killed.
                    set(o, o.filled().compareTo(o.request.size()) >= 0 ? OrderStatus.FILLED : OrderStatus.CANCELLED,
                            "remainder killed");
                } else if (p.reconciled()) {
                    // Found again after a lost answer, by its trades: those may be a partial fill of an
                    // order that still rests (or was cancelled since). The trade poll adds up the fills
                    // and the open-orders check notices it gone; until then it rests.
                    set(o, OrderStatus.OPEN, "");
                } else {
                    set(o, OrderStatus.FILLED, "");
                }
                // Amounts come with the trades: make sure the fill poll runs now.
                pollTrades = o.filled().signum() == 0;
            }
            case UNMATCHED -> set(o, OrderStatus.CANCELLED, "no liquidity within the price");
            case DELAYED -> set(o, OrderStatus.PENDING, "delayed by the exchange");
            case UNKNOWN -> set(o, OrderStatus.PENDING, "unknown placement status '" + p.status() + "'");
        }
        refreshStatus(o);
        return pollTrades;
    }

    /**
     * Fills decide FILLED / PARTIALLY_FILLED: the whole size filled is FILLED from any state (a
     * cancel that raced the last fill included); a part filled only upgrades an OPEN order, so a
     * cancelled or rejected one stays so.
     */
    private void refreshStatus(LiveOrder o) {
        BigDecimal filled = o.filled();
        if (filled.compareTo(o.request.size()) >= 0) {
            if (o.status != OrderStatus.FILLED) {
                set(o, OrderStatus.FILLED, "");
            }
        } else if (filled.signum() > 0 && o.status == OrderStatus.OPEN) {
            set(o, OrderStatus.PARTIALLY_FILLED, "");
        }
    }

    private void set(LiveOrder o, OrderStatus status, String reason) {
        o.status = status;
        o.reason = reason == null ? "" : reason;
        o.updatedTime = clock.millis();
    }

    synchronized Optional<OrderView> view(String orderId) {
        LiveOrder o = orders.get(orderId);
        return o != null ? Optional.of(o.view()) : Optional.ofNullable(history.get(orderId));
    }

    /** True while any order is tracked: then trades are worth polling. */
    synchronized boolean isEmpty() {
        return orders.isEmpty();
    }

    synchronized boolean tracks(String orderId) {
        return orders.containsKey(orderId);
    }

    synchronized boolean anyResting() {
        return orders.values().stream().anyMatch(o -> !o.status.terminal());
    }

    /** Non-terminal orders of these tokens. */
    synchronized List<String> resting(Set<String> tokenIds) {
        return orders.values().stream().filter(o -> !o.status.terminal() && tokenIds.contains(o.request.tokenId()))
                .map(o -> o.orderId).toList();
    }

    /** Orders the exchange confirmed resting: the open-orders poll checks they still do. */
    synchronized List<String> confirmedResting() {
        return orders.values().stream()
                .filter(o -> o.status == OrderStatus.OPEN || o.status == OrderStatus.PARTIALLY_FILLED)
                .map(o -> o.orderId).toList();
    }

    /** Orders whose answer was lost, and whose POST is over (one still in flight is settled by its own answer). */
    synchronized List<Lookup> lostAnswers() {
        return orders.values().stream().filter(o -> o.status == OrderStatus.PENDING && !o.posting)
                .map(o -> new Lookup(o.orderId, o.post, o.createdTime)).toList();
    }

    synchronized List<OrderView> open() {
        return orders.values().stream().map(LiveOrder::view).filter(v -> !v.status().terminal()).toList();
    }

    /** Every order of this run still remembered, newest first. */
    synchronized List<OrderView> all() {
        List<OrderView> out = new ArrayList<>(history.values());
        orders.values().forEach(o -> out.add(o.view()));
        Collections.reverse(out);
        out.sort(Comparator.comparingLong(OrderView::createdTime).reversed());
        return out;
    }

    /** Forgets terminal orders older than the retention, keeping their last views in the bounded history. */
    synchronized int prune() {
        long cutoff = clock.millis() - retentionMillis;
        int pruned = 0;
        for (Iterator<LiveOrder> it = orders.values().iterator(); it.hasNext(); ) {
            LiveOrder o = it.next();
            if (o.status.terminal() && o.updatedTime < cutoff) {
                it.remove();
                byClientId.remove(o.request.clientOrderId(), o);
                history.put(o.orderId, o.view());
                pruned++;
            }
        }
        while (history.size() > historySize) {
            Iterator<String> oldest = history.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        return pruned;
    }
}
