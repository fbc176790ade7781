package dev.polymaker.trading.positions;

import dev.polymaker.trading.orders.OrderGateway;
import dev.polymaker.trading.orders.Portfolio;
import dev.polymaker.support.RepeatedCondition;
import dev.polymaker.trading.strategy.StrategyDispatcher;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Keeps this instance's book of positions in line with the exchange's account (docs/operations.md,
 * "after a restart"). At start, before any strategy acts: the account's positions are read, every
 * order of ours still resting on the exchange for an owned token is cancelled (one rule: a new run
 * never inherits orders it did not place; the strategy places its SELL again), and each owned
 * token's position above dust becomes its strategy's position, with the exchange's average cost.
 * Then on a timer and after fills: a disagreement with the exchange is counted and, when the next
 * read confirms it (the data API lags fills by seconds), resolved toward the exchange. Positions of
 * tokens this instance does not own are reported, never traded. Not thread-safe: one caller (the
 * housekeeping thread).
 */
public final class PositionReconciler {

    private static final Logger log = LoggerFactory.getLogger(PositionReconciler.class);

    /** Told of each confirmed disagreement, and of each failed read, for the metrics. */
    public interface Events {
        void disagreement(String tokenId);

        void readFailed();
    }

    private final ExchangePositions exchange;
    private final Supplier<Set<String>> owned;
    private final Portfolio portfolio;
    private final StrategyDispatcher dispatcher;
    private final OrderGateway gateway;
    private final Events events;
    private final Clock clock;
    private final BigDecimal dust;
    /** Disagreements seen on the last read and not yet confirmed: token -> the exchange's size then. */
    private final Map<String, BigDecimal> suspected = new HashMap<>();
    private volatile List<AccountPositionView> lastRead = List.of();
    private volatile long lastReadAt;
    private volatile String lastError;
    private final RepeatedCondition failureLog;

    public PositionReconciler(ExchangePositions exchange, Supplier<Set<String>> owned, Portfolio portfolio,
                              StrategyDispatcher dispatcher, OrderGateway gateway, Events events, Clock clock,
                              BigDecimal dust) {
        this.exchange = exchange;
        this.owned = owned;
        this.portfolio = portfolio;
        this.dispatcher = dispatcher;
        this.gateway = gateway;
        this.events = events;
        this.clock = clock;
        this.dust = dust;
        this.failureLog = new RepeatedCondition(log, Level.ERROR, clock, Duration.ofMinutes(1));
    }

    /**
     * The start-up reconciliation; returns false (logged, counted) when the exchange could not be
     * read, so the caller tries again and trading stays held meanwhile.
     */
    public boolean reconcileAtStart() {
        List<HeldPosition> held;
        try {
            held = exchange.read();
        } catch (RuntimeException e) {
            failed(e);
            return false;
        }
        Set<String> mine = owned.get();
        List<String> cancelled;
        try {
            cancelled = gateway.cancelLeftovers(mine);
        } catch (RuntimeException e) {
            failed(e);
            return false;
        }
        if (!cancelled.isEmpty()) {
            log.info("start-up: cancelled {} order(s) of ours an earlier run left resting: {}", cancelled.size(), cancelled);
        }
        int adopted = 0;
        for (HeldPosition p : held) {
            if (mine.contains(p.tokenId()) && p.size().compareTo(dust) > 0) {
                adopt(p, "start-up: the account holds");
                adopted++;
            }
        }
        remember(held, mine);
        log.info("start-up: {} position(s) on the account, {} of them ours and adopted, {} reported only", held.size(),
                adopted, held.size() - held.stream().filter(p -> mine.contains(p.tokenId())).count());
        return true;
    }

    /** A periodic (or after-fill) read: disagreements are resolved toward the exchange once confirmed. */
    public void check() {
        List<HeldPosition> held;
        try {
            held = exchange.read();
        } catch (RuntimeException e) {
            failed(e);
            return;
        }
        Set<String> mine = owned.get();
        Map<String, HeldPosition> byToken = new HashMap<>();
        held.forEach(p -> byToken.put(p.tokenId(), p));
        for (String tokenId : mine) {
            HeldPosition theirs = byToken.get(tokenId);
            BigDecimal exchangeSize = theirs == null ? BigDecimal.ZERO : theirs.size();
            BigDecimal ours = portfolio.size(tokenId);
            if (exchangeSize.subtract(ours).abs().compareTo(dust) <= 0) {
                suspected.remove(tokenId);
                continue;
            }
            BigDecimal before = suspected.put(tokenId, exchangeSize);
            if (before == null || before.compareTo(exchangeSize) != 0) {
                log.debug("token {}: ours {} vs the exchange's {}; confirming on the next read", tokenId, ours,
                        exchangeSize);
                continue;
            }
            suspected.remove(tokenId);
            events.disagreement(tokenId);
            log.warn("token {}: position disagrees with the exchange on two reads (ours {}, exchange {}); taking the"
                    + " exchange's", tokenId, ours.toPlainString(), exchangeSize.toPlainString());
            adopt(theirs == null ? new HeldPosition(tokenId, BigDecimal.ZERO, null, null, null) : theirs,
                    "correction: the exchange says");
        }
        suspected.keySet().retainAll(mine);
        remember(held, mine);
    }

    private void adopt(HeldPosition p, String why) {
        portfolio.adopt(p.tokenId(), p.size(), p.averageCost());
        dispatcher.adoptPosition(p.tokenId(), p.size(), p.averageCost());
        log.info("token {}: {} {} share(s) at average cost {}", p.tokenId(), why, p.size().toPlainString(),
                p.averageCost() == null ? "?" : p.averageCost().toPlainString());
    }

    private void remember(List<HeldPosition> held, Set<String> mine) {
        List<AccountPositionView> views = new ArrayList<>();
        for (HeldPosition p : held) {
            views.add(new AccountPositionView(p.tokenId(), p.size(), p.averageCost(), p.title(), p.outcome(),
                    mine.contains(p.tokenId())));
        }
        views.sort(Comparator.comparing(AccountPositionView::tokenId));
        lastRead = List.copyOf(views);
        lastReadAt = clock.millis();
        lastError = null;
    }

    private void failed(RuntimeException e) {
        events.readFailed();
        lastError = e.getMessage();
        String error = lastError;
        failureLog.record(() -> "cannot read the account's positions from the exchange: " + error);
    }

    /** The account's positions as last read (owned and not). */
    public List<AccountPositionView> lastRead() {
        return lastRead;
    }

    /** Epoch ms of the last successful read, 0 before. */
    public long lastReadAt() {
        return lastReadAt;
    }

    /** Why the last read failed, or null when it succeeded. */
    public String lastError() {
        return lastError;
    }
}
