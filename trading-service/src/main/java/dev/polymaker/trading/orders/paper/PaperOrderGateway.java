package dev.polymaker.trading.orders.paper;

import dev.polymaker.marketdata.api.Tick;
import dev.polymaker.marketdata.api.TickEvent;
import dev.polymaker.trading.orders.Fill;
import dev.polymaker.trading.orders.OrderGateway;
import dev.polymaker.trading.orders.OrderGatewayException;
import dev.polymaker.trading.orders.OrderRequest;
import dev.polymaker.trading.orders.OrderStatus;
import dev.polymaker.trading.orders.OrderView;
import dev.polymaker.trading.orders.Portfolio;
import dev.polymaker.trading.orders.Side;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Simulated venue: orders rest until the live market trades through them (best ask at or below
 * our BUY, best bid at or above our SELL, or a new last trade at or beyond our price), then fill
 * completely at our price. An immediate order (FAK, FOK) that crosses the book fills at once at the
 * touch (the best bid for a SELL, as the exchange's resting orders would), one that does not is
 * cancelled; ticks carry no depth, so the touch is taken to hold the whole size. Positions and P&L go
 * to the {@link Portfolio}. Market state comes from {@link #onMarket(Tick)}; fills are reported on
 * the thread that delivered that tick.
 */
public final class PaperOrderGateway implements OrderGateway {

    private static final Logger log = LoggerFactory.getLogger(PaperOrderGateway.class);
    /** How many orders {@link #orders()} remembers. */
    static final int HISTORY = 10_000;

    private static final class PaperOrder {
        final String id;
        final OrderRequest request;
        final long created;
        /** Exchange time of the last trade known at placement; only later trades can fill us. */
        final long tradeMarker;
        OrderStatus status = OrderStatus.PENDING;
        BigDecimal filled = BigDecimal.ZERO;
        String reason;
        long updated;

        PaperOrder(String id, OrderRequest request, long created, long tradeMarker) {
            this.id = id;
            this.request = request;
            this.created = created;
            this.tradeMarker = tradeMarker;
            this.updated = created;
        }

        OrderView view() {
            return new OrderView(id, request.clientOrderId(), request.tokenId(), request.side(), request.price(),
                    request.size(), filled, request.type(), status, reason, created, updated);
        }
    }

    private record Market(BigDecimal bestBid, BigDecimal bestAsk, long lastTradeTime) {
    }

    private final Portfolio portfolio;
    private final LongSupplier clock;
    private final AtomicLong ids = new AtomicLong();
    /** Kept history, oldest first; terminal orders beyond {@link #HISTORY} are dropped. */
    private final Map<String, PaperOrder> orders = new LinkedHashMap<>();
    /** Orders that still rest, so matching a tick does not walk the whole history. */
    private final Map<String, PaperOrder> open = new LinkedHashMap<>();
    private final Map<String, Market> markets = new HashMap<>();
    private volatile FillListener listener = fill -> { };

    public PaperOrderGateway(Portfolio portfolio, LongSupplier clock) {
        this.portfolio = Objects.requireNonNull(portfolio, "portfolio");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public OrderView place(OrderRequest request) {
        List<Fill> fills = new ArrayList<>();
        OrderView view;
        synchronized (this) {
            long now = clock.getAsLong();
            Market market = markets.get(request.tokenId());
            PaperOrder order = new PaperOrder("paper-" + ids.incrementAndGet(), request, now,
                    market == null ? 0 : market.lastTradeTime);
            orders.put(order.id, order);
            String rejection = rejection(request, market);
            if (rejection != null) {
                order.status = OrderStatus.REJECTED;
                order.reason = rejection;
            } else if (crosses(request.side(), request.price(), market)) {
                // Not post-only: takes the opposite side, a resting type at our limit price, an immediate one at the touch.
                fills.add(fill(order, now, request.type().rests() ? request.price()
                        : request.side() == Side.BUY ? market.bestAsk : market.bestBid));
            } else if (request.type().rests()) {
                order.status = OrderStatus.OPEN;
                open.put(order.id, order);
            } else {
                order.status = OrderStatus.CANCELLED;
                order.reason = request.type() + " order did not cross the book";
            }
            view = order.view();
            trimHistory();
        }
        publish(fills);
        return view;
    }

    @Override
    public synchronized OrderView cancel(String orderId) {
        PaperOrder order = orders.get(orderId);
        if (order == null) {
            throw new OrderGatewayException("cancel " + orderId + ": no such paper order", false, null);
        }
        if (!order.status.terminal()) {
            order.status = OrderStatus.CANCELLED;
            order.updated = clock.getAsLong();
            open.remove(orderId);
        }
        return order.view();
    }

    @Override
    public synchronized List<String> cancelAll(Collection<String> tokenIds) {
        List<String> cancelled = new ArrayList<>();
        for (PaperOrder o : List.copyOf(open.values())) {
            if (tokenIds.contains(o.request.tokenId())) {
                o.status = OrderStatus.CANCELLED;
                o.updated = clock.getAsLong();
                open.remove(o.id);
                cancelled.add(o.id);
            }
        }
        return cancelled;
    }

    @Override
    public synchronized List<OrderView> openOrders() {
        return open.values().stream().map(PaperOrder::view)
                .sorted(Comparator.comparingLong(OrderView::createdTime).reversed()).toList();
    }

    @Override
    public synchronized List<OrderView> orders() {
        List<OrderView> all = new ArrayList<>(orders.values().stream().map(PaperOrder::view).toList());
        java.util.Collections.reverse(all);
        return all;
    }

    @Override
    public void onFill(FillListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** The latest LIVE market state of one token: fills whatever it trades through. */
    public void onMarket(Tick tick) {
        List<Fill> fills = new ArrayList<>();
        synchronized (this) {
            Market prev = markets.get(tick.tokenId());
            boolean trade = tick.event() == TickEvent.LAST_TRADE_PRICE && tick.lastTradePrice() != null;
            long tradeTime = trade ? Math.max(tick.exchangeTime(), prev == null ? 0 : prev.lastTradeTime + 1)
                    : prev == null ? 0 : prev.lastTradeTime;
            Market market = new Market(tick.bestBid(), tick.bestAsk(), tradeTime);
            markets.put(tick.tokenId(), market);
            long now = clock.getAsLong();
            for (PaperOrder o : List.copyOf(open.values())) {
                if (!o.request.tokenId().equals(tick.tokenId())) {
                    continue;
                }
                boolean tradedThrough = trade && tradeTime > o.tradeMarker
                        && (o.request.side() == Side.BUY ? tick.lastTradePrice().compareTo(o.request.price()) <= 0
                        : tick.lastTradePrice().compareTo(o.request.price()) >= 0);
                if (crosses(o.request.side(), o.request.price(), market) || tradedThrough) {
                    fills.add(fill(o, now, o.request.price()));
                }
            }
        }
        publish(fills);
    }

    private void trimHistory() {
        var it = orders.entrySet().iterator();
        while (orders.size() > HISTORY && it.hasNext()) {
            if (it.next().getValue().status.terminal()) {
                it.remove();
            }
        }
    }

    private Fill fill(PaperOrder order, long now, BigDecimal price) {
        BigDecimal qty = order.request.size().subtract(order.filled);
        order.filled = order.request.size();
        order.status = OrderStatus.FILLED;
        order.updated = now;
        open.remove(order.id);
        Fill fill = new Fill(order.id, order.request.tokenId(), order.request.side(), price, qty, now);
        portfolio.apply(fill);
        return fill;
    }

    private void publish(List<Fill> fills) {
        for (Fill f : fills) {
            log.info("paper fill: token {} {} {} @ {} (order {})", f.tokenId(), f.side(), f.size(), f.price(), f.orderId());
            try {
                listener.onFill(f);
            } catch (RuntimeException e) {
                log.error("fill listener failed for order {}", f.orderId(), e);
            }
        }
    }

    private String rejection(OrderRequest r, Market market) {
        if (r.price().compareTo(BigDecimal.ONE) >= 0) {
            return "price " + r.price() + " must be below 1";
        }
        if (r.tickSize() != null && r.price().remainder(r.tickSize()).signum() != 0) {
            return "price " + r.price() + " is not on the tick size " + r.tickSize();
        }
        if (r.size().scale() > 2 && r.size().stripTrailingZeros().scale() > 2) {
            return "size " + r.size() + " has more than 2 decimals";
        }
        if (market == null) {
            return "no market data for token " + r.tokenId();
        }
        if (r.postOnly() && crosses(r.side(), r.price(), market)) {
            return "post-only " + r.side() + " at " + r.price() + " would cross the book";
        }
        if (r.side() == Side.BUY && r.type().rests()) {
            for (PaperOrder o : open.values()) {
                if (o.request != r && o.request.side() == Side.BUY
                        && o.request.tokenId().equals(r.tokenId())) {
                    return "BUY " + o.id + " is already open for this token";
                }
            }
        }
        if (r.side() == Side.SELL) {
            BigDecimal reserved = open.values().stream()
                    .filter(o -> o.request != r && o.request.side() == Side.SELL
                            && o.request.tokenId().equals(r.tokenId()))
                    .map(o -> o.request.size().subtract(o.filled)).reduce(BigDecimal.ZERO, BigDecimal::add);
            if (reserved.add(r.size()).compareTo(portfolio.size(r.tokenId())) > 0) {
                return "SELL " + r.size() + " exceeds the unreserved position " + portfolio.size(r.tokenId()).subtract(reserved);
            }
        }
        return null;
    }

    private static boolean crosses(Side side, BigDecimal price, Market market) {
        if (market == null) {
            return false;
        }
        return side == Side.BUY ? market.bestAsk != null && market.bestAsk.compareTo(price) <= 0
                : market.bestBid != null && market.bestBid.compareTo(price) >= 0;
    }
}
