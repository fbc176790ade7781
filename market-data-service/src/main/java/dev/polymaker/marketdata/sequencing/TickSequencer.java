package dev.polymaker.marketdata.sequencing;

import dev.polymaker.marketdata.api.Tick;
import dev.polymaker.marketdata.api.TickEvent;
import dev.polymaker.marketdata.api.TickState;
import dev.polymaker.polymarket.book.TopOfBook;
import dev.polymaker.polymarket.upstream.TokenState;
import dev.polymaker.polymarket.upstream.TokenUpdate;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns upstream book updates and token state changes into {@link Tick}s numbered 1, 2, 3... per
 * token within one {@link Epoch}, and keeps the latest tick of every token for snapshots.
 *
 * <p>A tick is published only when best bid, best ask, last trade price, tick size or state
 * changes (prices compared by value). Upstream {@link TokenState#FAILED} (no first book after the
 * allowed resubscribes) is published as {@link TickState#STALE}: the data is not coming, which a
 * consumer must treat as broken rather than warming up. Updates that arrive while a token is
 * {@code PENDING} are held and go out with the state change that ends it, so the first tick of a
 * token carries its book; likewise a token LIVE again after an outage is published with the book
 * that ends the outage, not with the one it had before. Sequence numbers survive a token leaving and re-entering the upstream
 * set, so they never go backwards within an epoch.
 *
 * <p>All writes happen under this object's lock; the upstream pool calls it from its one
 * dispatch thread, so the lock is uncontended and seq order is event order.
 */
public final class TickSequencer {

    private final Epoch epoch;
    private final Clock clock;
    private TickSink sink = tick -> {
        throw new IllegalStateException("tick " + tick.tokenId() + " seq " + tick.seq()
                + " sequenced before the tick sink was wired");
    };
    private final Map<String, Line> lines = new HashMap<>();
    private final ConcurrentHashMap<String, Tick> latest = new ConcurrentHashMap<>();
    private long ignoredUpdates;

    /** A sequencer whose sink is handed over at start ({@link #publishTo}): the broker is built after it. */
    public TickSequencer(Epoch epoch, Clock clock) {
        this.epoch = epoch;
        this.clock = clock;
    }

    public TickSequencer(Epoch epoch, Clock clock, TickSink sink) {
        this(epoch, clock);
        publishTo(sink);
    }

    /** Where ticks go from now on; wired once at start, before the upstream feed delivers anything. */
    public synchronized void publishTo(TickSink sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    public Epoch epoch() {
        return epoch;
    }

    /** Starts accepting data for a token (it was added upstream). */
    public synchronized void track(String tokenId) {
        lines.computeIfAbsent(tokenId, id -> new Line()).tracked = true;
    }

    /**
     * Stops accepting data for a token and drops its latest tick; its seq is kept for a later return.
     * A RESOLVED token keeps its last tick: it is final, and what a later subscriber must be told.
     */
    public synchronized void forget(String tokenId) {
        Line line = lines.get(tokenId);
        if (line != null && line.state == TickState.RESOLVED) {
            line.tracked = false;
            return;
        }
        if (line != null) {
            line.reset();
        }
        latest.remove(tokenId);
    }

    /**
     * Remembers the winner of a resolved market; its tokens' RESOLVED ticks carry it, also those of a
     * token not tracked yet (the other outcome, demanded later).
     */
    public synchronized void onMarketResolved(java.util.Collection<String> tokenIds, String winningTokenId) {
        for (String tokenId : tokenIds) {
            lines.computeIfAbsent(tokenId, id -> new Line()).winner = winningTokenId;
        }
    }

    /** Whether the token's market resolved (its last tick is RESOLVED). */
    public synchronized boolean resolved(String tokenId) {
        Line line = lines.get(tokenId);
        return line != null && line.state == TickState.RESOLVED;
    }

    public synchronized void onUpdate(TokenUpdate update) {
        Line line = lines.get(update.tokenId());
        if (line == null || !line.tracked || line.state == TickState.RESOLVED) {
            ignoredUpdates++;
            return;
        }
        if (update.market() != null) {
            line.market = update.market();
        }
        line.current = update.top() == null ? TopOfBook.EMPTY : update.top();
        line.haveData = true;
        line.exchangeTime = update.exchangeTime();
        line.receivedTime = update.receivedTime();
        TickEvent event = TickEvent.ofWireName(update.event());
        line.lastEvent = event;
        emitIfChanged(update.tokenId(), line, event);
    }

    public synchronized void onTokenState(String tokenId, TokenState state) {
        Line line = lines.get(tokenId);
        if (line == null || !line.tracked) {
            return;
        }
        TickState mapped = map(state);
        if (mapped == line.state || line.state == TickState.RESOLVED) {
            return; // RESOLVED is final
        }
        if (line.state == TickState.LIVE) {
            // What it holds is from before the outage: LIVE again is published with the book that ends it
            // (the pool reports LIVE just before that book's update), stamped when that book arrived, so a
            // consumer's max-tick-age sees fresh data even when the top did not move.
            line.haveData = false;
        }
        line.state = mapped;
        emitIfChanged(tokenId, line, TickEvent.STATE);
    }

    /**
     * Brings one token in line with the pool's own view after the pool had to drop listener
     * events: its state and top of book as the pool has them now. Publishes a tick if that
     * differs from what was last published, like any other change.
     */
    public synchronized void reconcile(String tokenId, TokenState state, TopOfBook top, String market) {
        Line line = lines.get(tokenId);
        if (line == null || !line.tracked || line.state == TickState.RESOLVED) {
            return;
        }
        if (top != null) {
            line.current = top;
            line.haveData = true;
            if (market != null) {
                line.market = market;
            }
        }
        line.state = map(state);
        emitIfChanged(tokenId, line, TickEvent.STATE);
    }

    /** The latest tick, a PENDING placeholder (seq 0 before any tick) for a tracked token without one, or empty. */
    public synchronized Optional<Tick> snapshot(String tokenId) {
        Tick tick = latest.get(tokenId);
        if (tick != null) {
            return Optional.of(tick);
        }
        Line line = lines.get(tokenId);
        if (line == null || !line.tracked) {
            return Optional.empty();
        }
        return Optional.of(new Tick(tokenId, line.market, epoch.value(), line.seq, TickState.PENDING, TickEvent.STATE,
                null, null, null, null, 0, 0, clock.millis()));
    }

    /** The latest published tick of one token, if any (no lock: ticks are immutable). */
    public Optional<Tick> latest(String tokenId) {
        return Optional.ofNullable(latest.get(tokenId));
    }

    /** Latest tick of every token that has one (no copy of mutable state: ticks are immutable). */
    public Map<String, Tick> latestTicks() {
        return Map.copyOf(latest);
    }

    public synchronized long ignoredUpdates() {
        return ignoredUpdates;
    }

    public static TickState map(TokenState state) {
        return switch (state) {
            case PENDING -> TickState.PENDING;
            case LIVE -> TickState.LIVE;
            case DESYNCED -> TickState.DESYNCED;
            case STALE, FAILED -> TickState.STALE;
            case RESOLVED -> TickState.RESOLVED;
        };
    }

    private void emitIfChanged(String tokenId, Line line, TickEvent event) {
        TickState state = line.state == null ? TickState.PENDING : line.state;
        if (state == TickState.LIVE && line.current.crossedOrLocked()) {
            return; // never published: the pool withholds such tops; this guards the contract all the same
        }
        if (state == TickState.PENDING) {
            // Nothing useful until the book arrives; but a token that had ticks must be told it is pending again.
            if (line.seq == 0 || line.publishedState == TickState.PENDING || event != TickEvent.STATE) {
                return;
            }
        } else if (state == TickState.LIVE && !line.haveData) {
            return; // LIVE without a book yet: the book update that follows carries the first tick
        }
        boolean topChanged = !sameTop(line.current, line.published);
        if (!topChanged && state == line.publishedState) {
            return;
        }
        TickEvent cause = event;
        if (event == TickEvent.STATE && topChanged) {
            cause = line.lastEvent == null ? TickEvent.BOOK : line.lastEvent; // held data released by the state change
        } else if (!topChanged) {
            cause = TickEvent.STATE;
        }
        TopOfBook top = line.current;
        Tick tick = new Tick(tokenId, line.market, epoch.value(), ++line.seq, state, cause, top.bestBid(),
                top.bestAsk(), top.lastTradePrice(), top.tickSize(), line.exchangeTime, line.receivedTime,
                clock.millis(), state == TickState.RESOLVED ? line.winner : null);
        line.published = top;
        line.publishedState = state;
        latest.put(tokenId, tick);
        sink.publish(tick);
    }

    private static boolean sameTop(TopOfBook a, TopOfBook b) {
        return same(a.bestBid(), b.bestBid()) && same(a.bestAsk(), b.bestAsk())
                && same(a.lastTradePrice(), b.lastTradePrice()) && same(a.tickSize(), b.tickSize());
    }

    private static boolean same(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    /** Per-token sequencing state; guarded by the sequencer's lock. */
    private static final class Line {
        boolean tracked;
        long seq;
        TickState state;
        TickState publishedState;
        String market;
        TopOfBook current = TopOfBook.EMPTY;
        TopOfBook published = TopOfBook.EMPTY;
        boolean haveData;
        TickEvent lastEvent;
        long exchangeTime;
        long receivedTime;
        /** The winning token once the market resolved, or null. */
        String winner;

        void reset() {
            tracked = false;
            state = null;
            publishedState = null;
            current = TopOfBook.EMPTY;
            published = TopOfBook.EMPTY;
            haveData = false;
            lastEvent = null;
        }
    }
}
