package dev.polymaker.trading.feed;

import dev.polymaker.marketdata.api.Tick;

import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps what is fed to strategies in order per token, across source and replica switches
 * (docs/architecture.md §3.10): within one source and epoch a tick must have a higher seq; from another
 * epoch (another replica, the direct pool, a restart) it must be later by exchange time (else receive
 * time); at the same time it is a duplicate when it carries the same top of book and is held back
 * (stale) when it does not, since equal times cannot tell which state is newer. Ticks are state, so a
 * strategy never sees an old state after a newer one.
 */
public final class TickGate {

    /**
     * Why a tick was or was not let through; names are the {@code outcome} metric tag. {@code LATE}
     * is decided by {@link MarketDataFeed}: in order, but older than the allowed tick age.
     */
    public enum Verdict {
        ACCEPTED, DUPLICATE, STALE, LATE,
        /** Not judged: a tick of a source not followed now (a standby replica, the idle direct pool), kept for a switch. */
        STANDBY;

        public String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private record Fed(TickSource source, String epoch, long seq, long exchangeTime, long receivedTime, Tick tick) {
    }

    private final Map<String, Fed> lastFed = new ConcurrentHashMap<>();

    /** Decides and, when accepted, remembers the tick. Callers serialise calls per token. */
    public Verdict admit(TickSource source, Tick tick) {
        Fed prev = lastFed.get(tick.tokenId());
        Verdict verdict = judge(prev, source, tick);
        if (verdict == Verdict.ACCEPTED) {
            lastFed.put(tick.tokenId(), new Fed(source, tick.epoch(), tick.seq(), tick.exchangeTime(),
                    tick.receivedTime(), tick));
        }
        return verdict;
    }

    public void forget(String tokenId) {
        lastFed.remove(tokenId);
    }

    private static Verdict judge(Fed prev, TickSource source, Tick tick) {
        if (prev == null) {
            return Verdict.ACCEPTED;
        }
        if (prev.source == source && prev.epoch.equals(tick.epoch())) {
            if (tick.seq() > prev.seq) {
                return Verdict.ACCEPTED;
            }
            return tick.seq() == prev.seq ? Verdict.DUPLICATE : Verdict.STALE;
        }
        boolean exchangeTimes = tick.exchangeTime() > 0 && prev.exchangeTime > 0;
        long time = exchangeTimes ? tick.exchangeTime() : tick.receivedTime();
        long prevTime = exchangeTimes ? prev.exchangeTime : prev.receivedTime;
        if (time != prevTime) {
            return time > prevTime ? Verdict.ACCEPTED : Verdict.STALE;
        }
        return sameTop(prev.tick, tick) ? Verdict.DUPLICATE : Verdict.STALE;
    }

    /** Same state and top of book (prices compared by value). */
    static boolean sameTop(Tick a, Tick b) {
        return a.state() == b.state() && same(a.bestBid(), b.bestBid()) && same(a.bestAsk(), b.bestAsk())
                && same(a.lastTradePrice(), b.lastTradePrice()) && same(a.tickSize(), b.tickSize());
    }

    private static boolean same(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }
}
