package dev.polymaker.trading.feed;

import dev.polymaker.marketdata.api.Tick;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps what is fed to strategies in order per token, across source switches: within one source
 * and epoch a tick must have a higher seq; from another source or epoch it must not be older
 * (exchange time, else receive time) than the last one fed. Ticks are state, so a strategy never
 * sees an old state after a newer one.
 */
public final class TickGate {

    /**
     * Why a tick was or was not let through; names are the {@code outcome} metric tag. {@code LATE}
     * is decided by {@link MarketDataFeed}: in order, but older than the allowed tick age.
     */
    public enum Verdict {
        ACCEPTED, DUPLICATE, STALE, LATE;

        public String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private record Fed(TickSource source, String epoch, long seq, long exchangeTime, long receivedTime) {
    }

    private final Map<String, Fed> lastFed = new ConcurrentHashMap<>();

    /** Decides and, when accepted, remembers the tick. Callers serialise calls per token. */
    public Verdict admit(TickSource source, Tick tick) {
        Fed prev = lastFed.get(tick.tokenId());
        Verdict verdict = judge(prev, source, tick);
        if (verdict == Verdict.ACCEPTED) {
            lastFed.put(tick.tokenId(), new Fed(source, tick.epoch(), tick.seq(), tick.exchangeTime(),
                    tick.receivedTime()));
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
        if (tick.exchangeTime() > 0 && prev.exchangeTime > 0) {
            return tick.exchangeTime() >= prev.exchangeTime ? Verdict.ACCEPTED : Verdict.STALE;
        }
        return tick.receivedTime() >= prev.receivedTime ? Verdict.ACCEPTED : Verdict.STALE;
    }
}
