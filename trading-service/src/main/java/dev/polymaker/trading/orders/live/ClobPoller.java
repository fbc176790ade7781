package dev.polymaker.trading.orders.live;

import dev.polymaker.polymarket.order.ClobClient;
import dev.polymaker.polymarket.order.ClobException;
import dev.polymaker.polymarket.order.OpenOrder;
import dev.polymaker.polymarket.order.OrderPlacement;
import dev.polymaker.polymarket.order.Trade;
import dev.polymaker.trading.orders.Fill;
import dev.polymaker.trading.orders.OrderGateway;
import dev.polymaker.trading.orders.OrderStatus;
import dev.polymaker.trading.orders.OrderView;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the CLOB tells us only when asked: new fills from {@code /data/trades}, orders the exchange
 * dropped from {@code /data/orders}, and orders whose placement answer was lost, found again or
 * given up on (the only place a lost answer is reconciled). Everything it learns goes into
 * {@link LiveOrders} as {@link OrderEvent}s. Runs on the {@code clob-poller} thread, which also
 * calls the fill listener.
 */
final class ClobPoller implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(ClobPoller.class);
    /** Trades are fetched from a little before the newest one seen, so late-indexed ones are not missed. */
    private static final long TRADE_LOOKBACK_SECONDS = 120;

    private final ClobClient client;
    private final LiveOrders orders;
    private final VenueHealth health;
    private final Duration pendingGiveUp;
    private final Clock clock;
    private final Supplier<OrderGateway.FillListener> listener;
    private final Supplier<OrderGateway.OrderEndListener> ended;
    private final ScheduledExecutorService thread;
    private final AtomicBoolean soonQueued = new AtomicBoolean();
    private final long startSeconds;
    private long newestTradeSeconds;
    private int failures;

    /**
     * @param ended  told of every order the exchange dropped on its own, after that round's fills
     * @param thread the {@code clob-poller} thread: polls run on it, and so do both listeners
     */
    ClobPoller(ClobClient client, LiveOrders orders, VenueHealth health, Duration pendingGiveUp, Clock clock,
               Supplier<OrderGateway.FillListener> listener, Supplier<OrderGateway.OrderEndListener> ended,
               ScheduledExecutorService thread) {
        this.ended = ended;
        this.thread = thread;
        this.client = client;
        this.orders = orders;
        this.health = health;
        this.pendingGiveUp = pendingGiveUp;
        this.clock = clock;
        this.listener = listener;
        this.startSeconds = clock.millis() / 1000;
        this.newestTradeSeconds = startSeconds;
    }

    void start(Duration every) {
        long ms = every.toMillis();
        thread.scheduleWithFixedDelay(this, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** Runs a poll on the poller thread as soon as it is free (fills right after a match); at most one waits. */
    void pollSoon() {
        if (!soonQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            thread.execute(() -> {
                soonQueued.set(false);
                run();
            });
        } catch (RejectedExecutionException e) {
            soonQueued.set(false);
            log.debug("gateway closing: no extra poll");
        }
    }

    @Override
    public void run() {
        if (health.isClosed()) {
            return;
        }
        try {
            if (poll()) {
                health.answered();
            }
            if (failures > 0) {
                log.info("trade/order polling recovered after {} failures", failures);
            }
            failures = 0;
            health.pollOk(true);
        } catch (ClobException e) {
            health.trouble(e);
            failures++;
            health.pollOk(failures < 3);
            if (failures == 1 || failures % 30 == 0) {
                log.error("polling trades/orders failed ({} in a row): {}", failures, e.getMessage());
            }
        } catch (RuntimeException e) {
            failures++;
            health.pollOk(false);
            log.error("poll task failed", e);
        }
    }

    /**
     * One round: new fills from trades, orders the exchange dropped, and lost placements found
     * again. Returns false when there was nothing to ask the exchange.
     */
    synchronized boolean poll() {
        orders.prune();
        if (orders.isEmpty()) {
            return false;
        }
        long after = Math.max(startSeconds, newestTradeSeconds) - TRADE_LOOKBACK_SECONDS;
        List<Fill> fills = new ArrayList<>();
        for (Trade t : client.trades(null, null, after)) {
            newestTradeSeconds = Math.max(newestTradeSeconds, t.matchTime());
            traded(t.takerOrderId(), t.id(), t.size(), t.price(), t.matchTime(), fills);
            for (Trade.MakerFill m : t.makerOrders()) {
                traded(m.orderId(), t.id(), m.matchedAmount(), m.price(), t.matchTime(), fills);
            }
        }
        OrderGateway.FillListener l = listener.get();
        for (Fill f : fills) {
            try {
                l.onFill(f);
            } catch (RuntimeException e) {
                log.error("fill listener failed on {}", f, e);
            }
        }
        checkOpenOrders();
        lookUpLostAnswers();
        return true;
    }

    private void traded(String orderId, String tradeId, BigDecimal size, BigDecimal price, long matchTime,
                        List<Fill> out) {
        if (orderId == null) {
            return;
        }
        orders.apply(orderId, new OrderEvent.Traded(tradeId, size, price, matchTime))
                .flatMap(LiveOrders.Applied::fill).ifPresent(out::add);
    }

    private void checkOpenOrders() {
        List<String> candidates = orders.confirmedResting();
        if (candidates.isEmpty()) {
            return;
        }
        Set<String> open = new HashSet<>();
        for (OpenOrder o : client.openOrders(null, null, null)) {
            open.add(o.id());
        }
        for (String id : candidates) {
            orders.apply(id, new OrderEvent.OpenOnExchange(open.contains(id)))
                    .filter(a -> !a.before().terminal() && a.view().status() == OrderStatus.CANCELLED)
                    .map(LiveOrders.Applied::view)
                    .ifPresent(this::droppedByTheExchange);
        }
    }

    /** The strategy that placed it must know, or it waits for an order that is gone (a take-profit never replaced). */
    private void droppedByTheExchange(OrderView v) {
        log.warn("order {} is no longer open on the exchange with {} of {} filled: marked cancelled", v.orderId(),
                v.filled().toPlainString(), v.size().toPlainString());
        try {
            ended.get().onOrderEnded(v);
        } catch (RuntimeException e) {
            log.error("order-end listener failed on {}", v, e);
        }
    }

    /**
     * Looks up orders whose placement answer was lost. An order whose POST is still in flight is
     * left alone: a lookup racing it can see the order absent from /data/orders and, a moment
     * later, its first partial fill in /data/trades, and would take that for a completed match.
     */
    private void lookUpLostAnswers() {
        long now = clock.millis();
        for (LiveOrders.Lookup lost : orders.lostAnswers()) {
            Optional<OrderPlacement> found = client.reconcile(lost.post().order());
            if (found.isPresent()) {
                orders.apply(lost.orderId(), new OrderEvent.FoundAfterLostAnswer(found.get())).ifPresent(a -> {
                    log.info("order {}: found on the exchange after a lost answer ({})", lost.orderId(),
                            found.get().status());
                    if (a.pollTrades()) {
                        pollSoon();
                    }
                });
            } else if (now - lost.createdTime() > pendingGiveUp.toMillis()) {
                orders.apply(lost.orderId(), new OrderEvent.NeverArrived("never reached the exchange (not found for "
                        + pendingGiveUp.toSeconds() + " s)")).ifPresent(a -> log.warn(
                        "order {}: not found for {} s, marked rejected", lost.orderId(), pendingGiveUp.toSeconds()));
            }
        }
    }
}
