package dev.polymaker.marketdata.api.stream;

import dev.polymaker.marketdata.api.Tick;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the latest tick per token and judges each new one by (epoch, seq), docs/architecture.md §3.3: a new
 * epoch resets the token (the service restarted), a higher seq supersedes, an equal seq is a
 * duplicate and a lower one is stale. Offers must be serialised by the caller; reads are safe from
 * any thread.
 */
final class TickDeduplicator {

    /** What happened to an offered tick. */
    enum Outcome {
        ACCEPTED, DUPLICATE, STALE;

        /** The name used in the log. */
        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Map<String, Tick> latest = new ConcurrentHashMap<>();

    Outcome offer(Tick tick) {
        Tick previous = latest.get(tick.tokenId());
        Outcome outcome = judge(previous, tick);
        if (outcome == Outcome.ACCEPTED) {
            latest.put(tick.tokenId(), tick);
        }
        return outcome;
    }

    static Outcome judge(Tick previous, Tick tick) {
        if (previous == null || !previous.epoch().equals(tick.epoch()) || tick.seq() > previous.seq()) {
            return Outcome.ACCEPTED;
        }
        return tick.seq() == previous.seq() ? Outcome.DUPLICATE : Outcome.STALE;
    }

    Optional<Tick> latest(String tokenId) {
        return Optional.ofNullable(latest.get(tokenId));
    }

    void forget(String tokenId) {
        latest.remove(tokenId);
    }
}
