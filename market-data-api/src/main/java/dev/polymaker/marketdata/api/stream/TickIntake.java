package dev.polymaker.marketdata.api.stream;

import dev.polymaker.marketdata.api.Destinations;
import dev.polymaker.marketdata.api.FeedStatus;
import dev.polymaker.marketdata.api.Tick;
import dev.polymaker.support.ListenerQueue;
import dev.polymaker.support.ListenerQueue.WhenFull;
import dev.polymaker.support.RepeatedCondition;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.simp.stomp.StompHeaders;

/**
 * What a {@link TickStream} takes in: the wanted tokens, the de-duplication of their ticks (one lock
 * for both, so ticks reach the listener in acceptance order), the last feed status seen, malformed
 * frames, and the counts of each. Thread-safe: called from the WebSocket container's threads.
 */
final class TickIntake {

    private static final Logger log = LoggerFactory.getLogger(TickStream.class);

    /** When the last feed status arrived (0: never) and what it said. */
    record FeedSeen(long time, FeedStatus status) {
        static final FeedSeen NEVER = new FeedSeen(0, null);
    }

    private final String name;
    private final Clock clock;
    private final ListenerQueue<TickStreamListener> dispatcher;
    private final RepeatedCondition malformedLog;

    /** Guards de-duplication together with the wanted set, so ticks reach the dispatcher in acceptance order. */
    private final Object tickLock = new Object();
    private final TickDeduplicator dedup = new TickDeduplicator();
    /** token id -> serial of the subscribe() that added it: a token unsubscribed and re-added gets a fresh subscription and snapshot. */
    private final Map<String, Long> wanted = new ConcurrentHashMap<>();
    private final AtomicLong serials = new AtomicLong();

    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong duplicate = new AtomicLong();
    private final AtomicLong stale = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong conflated = new AtomicLong();
    private final AtomicLong gaps = new AtomicLong();
    private volatile FeedSeen feedSeen = FeedSeen.NEVER;

    TickIntake(String name, Clock clock, ListenerQueue<TickStreamListener> dispatcher, RepeatedCondition malformedLog) {
        this.name = name;
        this.clock = clock;
        this.dispatcher = dispatcher;
        this.malformedLog = malformedLog;
    }

    /** Adds the tokens not wanted yet; returns how many. */
    int want(List<String> tokens) {
        int added = 0;
        for (String token : tokens) {
            if (wanted.putIfAbsent(token, serials.incrementAndGet()) == null) {
                added++;
            }
        }
        return added;
    }

    /** Drops the tokens (unknown ones are ignored) and their latest tick; returns how many were wanted. */
    int forget(Collection<String> tokenIds) {
        int removed = 0;
        synchronized (tickLock) {
            for (String token : tokenIds) {
                if (token != null && wanted.remove(token) != null) {
                    dedup.forget(token);
                    removed++;
                }
            }
        }
        return removed;
    }

    /** The live wanted map: token id -> serial of the subscribe that added it. */
    Map<String, Long> wanted() {
        return wanted;
    }

    Set<String> tokens() {
        return Set.copyOf(wanted.keySet());
    }

    Optional<Tick> latest(String tokenId) {
        return dedup.latest(tokenId);
    }

    FeedSeen feedSeen() {
        return feedSeen;
    }

    TickStreamCounters counters(long reconnects) {
        return new TickStreamCounters(accepted.get(), duplicate.get(), stale.get(), malformed.get(),
                reconnects, dispatcher.listenerErrors(), dispatcher.dropped(), conflated.get(), gaps.get());
    }

    /** A frame of {@code token}'s live or snapshot destination on the session {@code owner}. */
    void onTickFrame(StreamSession owner, String token, StompHeaders headers, Object payload) {
        if (owner.lost) {
            return;
        }
        String destination = headers.getDestination();
        Tick tick = validTick(token, destination, payload);
        if (tick != null) {
            owner.receivedData = true;
            offer(token, tick, destination, conflated(headers));
        }
    }

    /** The {@code conflated} header of a tick frame (docs/architecture.md §3): ticks superseded before it; 0 when absent. */
    static long conflated(StompHeaders headers) {
        String value = headers.getFirst(Destinations.CONFLATED_HEADER);
        if (value == null) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return 0; // counted as a gap instead: never hides a loss
        }
    }

    /** A frame of the feed-status destination on the session {@code owner}. */
    void onFeedStatusFrame(StreamSession owner, String destination, Object payload) {
        if (owner.lost) {
            return;
        }
        FeedStatus status = validFeedStatus(destination, payload);
        if (status != null) {
            owner.receivedData = true;
            feedStatus(status);
        }
    }

    /** A seq jump within an epoch is conflation as far as the service's header says so, a gap beyond that. */
    private void countSkipped(Tick previous, Tick tick, long superseded) {
        if (previous == null || !previous.epoch().equals(tick.epoch())) {
            return;
        }
        long skipped = tick.seq() - previous.seq() - 1;
        if (skipped > 0) {
            long explained = Math.min(skipped, superseded);
            conflated.addAndGet(explained);
            gaps.addAndGet(skipped - explained);
        }
    }

    /** The payload as a usable tick of {@code token}, or null (counted and logged as malformed). */
    private Tick validTick(String token, String destination, Object payload) {
        if (!(payload instanceof Tick tick)) {
            malformed(destination, "empty payload");
            return null;
        }
        String problem = problem(tick, token);
        if (problem != null) {
            malformed(destination, problem);
            return null;
        }
        return tick;
    }

    /** De-duplicates a valid tick and hands it (or its rejection) to the listener. */
    private void offer(String token, Tick tick, String destination, long superseded) {
        TickDeduplicator.Outcome outcome;
        synchronized (tickLock) {
            if (!wanted.containsKey(token)) {
                log.debug("{}: ignored tick for unsubscribed token {}", name, token);
                return;
            }
            Tick previous = dedup.latest(token).orElse(null);
            outcome = dedup.offer(tick);
            switch (outcome) {
                case ACCEPTED -> {
                    accepted.incrementAndGet();
                    countSkipped(previous, tick, superseded);
                    dispatcher.submit(l -> l.onTick(tick), WhenFull.DROP, "onTick", tick.tokenId());
                }
                case DUPLICATE -> {
                    duplicate.incrementAndGet();
                    rejected(tick, TickRejection.DUPLICATE);
                }
                case STALE -> {
                    stale.incrementAndGet();
                    rejected(tick, TickRejection.STALE);
                }
            }
        }
        if (log.isDebugEnabled()) {
            log.debug("{}: {} {} epoch {} seq {} via {}", name, outcome.label(), token, tick.epoch(), tick.seq(),
                    destination);
        }
    }

    /** Connection changes are never dropped: at most one per reconnect attempt keeps the queue bounded. */
    void connection(boolean connected, String reason) {
        dispatcher.submit(l -> l.onConnectionChange(connected, reason), WhenFull.QUEUE_ANYWAY, "onConnectionChange",
                null);
    }

    private void rejected(Tick tick, TickRejection rejection) {
        dispatcher.submit(l -> l.onRejected(tick, rejection), WhenFull.DROP, "onRejected", tick.tokenId());
    }

    /** The payload as a usable feed status, or null (counted and logged as malformed). */
    private FeedStatus validFeedStatus(String destination, Object payload) {
        if (!(payload instanceof FeedStatus status)) {
            malformed(destination, "empty payload");
            return null;
        }
        if (status.epoch() == null || status.upstream() == null) {
            malformed(destination, "feed status without epoch or upstream");
            return null;
        }
        return status;
    }

    private void feedStatus(FeedStatus status) {
        FeedStatus previous = feedSeen.status();
        feedSeen = new FeedSeen(clock.millis(), status);
        if (previous == null || previous.upstream() != status.upstream()) {
            log.info("{}: feed reports upstream {} ({} of {} sockets connected, {} of {} tokens live)", name,
                    status.upstream(), status.socketsConnected(), status.sockets(), status.tokensLive(), status.tokens());
        }
        dispatcher.submit(l -> l.onFeedStatus(status), WhenFull.DROP, "onFeedStatus", null);
    }

    void malformed(String destination, String reason) {
        malformed.incrementAndGet();
        malformedLog.record(name + ": malformed message on " + destination + " dropped: "
                + StreamText.abbreviate(reason), null);
    }

    /** Why a decoded tick cannot be used, or null. */
    static String problem(Tick tick, String token) {
        if (tick.tokenId() == null) {
            return "tick without tokenId";
        }
        if (!tick.tokenId().equals(token)) {
            return "tick for token " + StreamText.abbreviate(tick.tokenId()) + " on the destination of token " + token;
        }
        if (tick.epoch() == null || tick.epoch().isBlank()) {
            return "tick without epoch";
        }
        if (tick.seq() < 0) {
            return "tick with negative seq " + tick.seq();
        }
        if (tick.state() == null) {
            return "tick without state";
        }
        return null;
    }
}
