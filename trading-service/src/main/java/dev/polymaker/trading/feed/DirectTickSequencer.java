package dev.polymaker.trading.feed;

import dev.polymaker.marketdata.api.Tick;
import dev.polymaker.marketdata.api.TickEvent;
import dev.polymaker.marketdata.api.TickState;
import dev.polymaker.polymarket.book.TopOfBook;
import dev.polymaker.polymarket.upstream.TokenState;
import dev.polymaker.polymarket.upstream.TokenUpdate;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Turns the direct pool's updates into {@link Tick}s with this pool's own epoch and a local
 * per-token seq, so direct and shared ticks go through the same de-duplication and ordering.
 */
public final class DirectTickSequencer {

    /** {@code receivedTime}: when {@code top} left the exchange socket (0 before any book). */
    private record Last(long seq, TickState state, String market, TopOfBook top, long exchangeTime, long receivedTime) {
    }

    private final String epoch;
    private final LongSupplier clock;
    private final Map<String, Last> last = new ConcurrentHashMap<>();
    /** Winners of resolved markets, by token, for the RESOLVED ticks. */
    private final Map<String, String> winners = new ConcurrentHashMap<>();

    public DirectTickSequencer(String epoch, LongSupplier clock) {
        this.epoch = epoch;
        this.clock = clock;
    }

    public String epoch() {
        return epoch;
    }

    /** A book update; its state is the token's last known state (PENDING until the pool says LIVE). */
    public Tick onUpdate(TokenUpdate update) {
        Last next = last.compute(update.tokenId(), (id, prev) -> new Last(prev == null ? 1 : prev.seq + 1,
                prev == null ? TickState.PENDING : prev.state, update.market(), update.top(), update.exchangeTime(),
                update.receivedTime()));
        return tick(update.tokenId(), next, TickEvent.ofWireName(update.event()), update.receivedTime());
    }

    /**
     * A state change; carries the last known top of book, stamped with when that top was received,
     * not now: a token LIVE again after an outage first carries the book from before it, which the
     * trader's max-tick-age then refuses as old until the new book's tick follows.
     */
    public Tick onState(String tokenId, TokenState state) {
        TickState mapped = map(state);
        Last next = last.compute(tokenId, (id, prev) -> prev == null
                ? new Last(1, mapped, null, TopOfBook.EMPTY, 0, 0)
                : new Last(prev.seq + 1, mapped, prev.market, prev.top, prev.exchangeTime, prev.receivedTime));
        return tick(tokenId, next, Tick.EVENT_STATE, next.receivedTime > 0 ? next.receivedTime : clock.getAsLong());
    }

    public void forget(String tokenId) {
        last.remove(tokenId);
    }

    /** The pool says a market resolved, before its tokens' RESOLVED states: remember the winner. */
    public void onMarketResolved(java.util.Collection<String> tokenIds, String winningTokenId) {
        if (winningTokenId != null) {
            tokenIds.forEach(id -> winners.put(id, winningTokenId));
        }
    }

    static TickState map(TokenState state) {
        return switch (state) {
            case PENDING -> TickState.PENDING;
            case LIVE -> TickState.LIVE;
            case DESYNCED -> TickState.DESYNCED;
            case STALE, FAILED -> TickState.STALE;
            case RESOLVED -> TickState.RESOLVED;
        };
    }

    private Tick tick(String tokenId, Last l, TickEvent event, long receivedTime) {
        TopOfBook top = l.top == null ? TopOfBook.EMPTY : l.top;
        long now = clock.getAsLong();
        return new Tick(tokenId, l.market, epoch, l.seq, l.state, event, top.bestBid(), top.bestAsk(),
                top.lastTradePrice(), top.tickSize(), l.exchangeTime, receivedTime, now,
                l.state == TickState.RESOLVED ? winners.get(tokenId) : null);
    }
}
