package dev.polymaker.simulator.clob;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated venue's markets, orders and trades under its one {@link #lock}: every section of
 * {@link ClobVenue} (placement, cancels, queries, heartbeats, sweeps) reads and changes them here.
 * Fills are recorded here only, so an order's matched size and its trades always agree.
 */
final class VenueState {

    private static final Logger log = LoggerFactory.getLogger(ClobVenue.class);

    final Object lock = new Object();
    final Clock clock;
    final Liquidity liquidity;
    private final Map<String, ClobMarket> markets = new LinkedHashMap<>();
    private volatile Function<String, Optional<ClobMarket>> marketLookup = t -> Optional.empty();
    /** By lower-case id; guarded by {@link #lock}, like everything below. */
    final Map<String, VenueOrder> orders = new LinkedHashMap<>();
    final Set<String> seenOrderIds = new HashSet<>();
    final List<ClobTrade> trades = new ArrayList<>();
    private long sequence;
    long ordersAccepted;

    VenueState(Liquidity liquidity, Clock clock) {
        this.liquidity = liquidity;
        this.clock = clock;
    }

    void listMarket(ClobMarket market) {
        synchronized (lock) {
            markets.put(market.tokenId(), market);
        }
    }

    void marketLookup(Function<String, Optional<ClobMarket>> lookup) {
        this.marketLookup = lookup;
    }

    /** The market of a token, listed or looked up; refused (400) when there is none. */
    ClobMarket market(String tokenId) {
        synchronized (lock) {
            ClobMarket m = tokenId == null ? null : markets.get(tokenId);
            if (m == null && tokenId != null) {
                m = marketLookup.apply(tokenId).orElse(null);
            }
            if (m == null) {
                throw new ClobRefusal(400, "INVALID_ORDER_ERROR: market not found for token " + tokenId);
            }
            return m;
        }
    }

    List<ClobOrder> orderViews() {
        synchronized (lock) {
            return orders.values().stream().map(VenueOrder::view).toList();
        }
    }

    Optional<ClobOrder> orderView(String id) {
        synchronized (lock) {
            return Optional.ofNullable(orders.get(id.toLowerCase(Locale.ROOT))).map(VenueOrder::view);
        }
    }

    List<ClobTrade> tradeViews() {
        synchronized (lock) {
            return List.copyOf(trades);
        }
    }

    long ordersAccepted() {
        synchronized (lock) {
            return ordersAccepted;
        }
    }

    int openOrders(String apiKey) {
        synchronized (lock) {
            return (int) orders.values().stream().filter(o -> o.owner.equals(apiKey) && o.live()).count();
        }
    }

    /** Cancels the live orders {@code which} selects; returns their ids. */
    List<String> cancelWhere(Predicate<VenueOrder> which, String reason) {
        List<String> out = new ArrayList<>();
        synchronized (lock) {
            for (VenueOrder o : orders.values()) {
                if (o.live() && which.test(o)) {
                    o.status = "CANCELED";
                    o.cancelReason = reason;
                    out.add(o.id);
                }
            }
        }
        return out;
    }

    /** A simulated taker trades {@code size} against a resting order (a partial or full fill). */
    void fill(String orderId, BigDecimal size) {
        synchronized (lock) {
            VenueOrder o = orders.get(orderId.toLowerCase(Locale.ROOT));
            if (o == null || !o.live()) {
                throw new IllegalArgumentException("order " + orderId + " is not live");
            }
            makerFill(o, size.min(o.remaining()), o.price);
        }
    }

    /** Resting BUYs above {@code price} and SELLs below it were traded through: they fill at their own price. */
    void marketTraded(String tokenId, BigDecimal price) {
        synchronized (lock) {
            for (VenueOrder o : List.copyOf(orders.values())) {
                if (!o.live() || !o.market.tokenId().equals(tokenId)) {
                    continue;
                }
                boolean through = "BUY".equals(o.side) ? price.compareTo(o.price) < 0 : price.compareTo(o.price) > 0;
                if (through) {
                    makerFill(o, o.remaining(), o.price);
                }
            }
        }
    }

    /**
     * Resting orders the simulated book has moved through (an ask at or below a resting BUY, a bid
     * at or above a resting SELL) fill completely at their own price, as a taker would have hit them.
     */
    void fillCrossedOrders() {
        synchronized (lock) {
            for (VenueOrder o : List.copyOf(orders.values())) {
                if (!o.live()) {
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
    }

    /** The placed order took {@code t} from the book. Caller holds the lock. */
    void takerFill(VenueOrder order, Liquidity.Taken t) {
        order.matched = order.matched.add(t.size());
        String tradeId = "trade-" + (++sequence);
        order.tradeIds.add(tradeId);
        String makerSide = "BUY".equals(order.side) ? "SELL" : "BUY";
        trades.add(new ClobTrade(tradeId, order.id, order.market.conditionId(), order.market.tokenId(), order.side,
                t.size(), t.price(), clock.millis() / 1000, order.owner, order.maker, "TAKER",
                List.of(new ClobTrade.MakerPart("book-" + tradeId, "simulated-book", TypedDataVerifier.EXCHANGE_V3,
                        t.size(), t.price(), order.market.tokenId(), makerSide))));
    }

    /** A taker traded {@code size} against the resting order. Caller holds the lock. */
    void makerFill(VenueOrder order, BigDecimal size, BigDecimal price) {
        if (size.signum() <= 0) {
            return;
        }
        order.matched = order.matched.add(size);
        String tradeId = "trade-" + (++sequence);
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
}
