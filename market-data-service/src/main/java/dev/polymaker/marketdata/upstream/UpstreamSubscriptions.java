package dev.polymaker.marketdata.upstream;

import dev.polymaker.marketdata.demand.UpstreamTokens;
import dev.polymaker.marketdata.sequencing.TickSequencer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.TaskScheduler;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Applies demand changes to the upstream feed, keeping the sequencer's set of tracked tokens in
 * step. Changes are coalesced: the first change after a quiet spell starts a window
 * ({@code coalesce}, ~100 ms); everything that arrives in it goes upstream together, so 5,000
 * one-token STOMP subscriptions become a few subscribe frames of up to 200 ids (the pool's
 * per-socket limit), and one log line per window. A window also closes as soon as
 * {@code flushAt} additions wait. A token added and removed within one window never goes upstream.
 */
public final class UpstreamSubscriptions implements UpstreamTokens {

    private static final Logger log = LoggerFactory.getLogger(UpstreamSubscriptions.class);
    private static final int LOGGED_IDS = 10;

    private final MarketFeed feed;
    private final TickSequencer sequencer;
    private final TaskScheduler scheduler;
    private final Duration coalesce;
    private final int flushAt;
    private final Set<String> adding = new LinkedHashSet<>();
    private final Set<String> removing = new LinkedHashSet<>();
    private boolean scheduled;

    /**
     * @param coalesce how long changes are gathered before they go upstream (zero: at once)
     * @param flushAt  additions that close a window early (the pool's tokens per socket)
     */
    public UpstreamSubscriptions(MarketFeed feed, TickSequencer sequencer, TaskScheduler scheduler, Duration coalesce,
                                 int flushAt) {
        this.feed = feed;
        this.sequencer = sequencer;
        this.scheduler = scheduler;
        this.coalesce = coalesce;
        this.flushAt = flushAt;
    }

    @Override
    public synchronized void add(Set<String> tokenIds) {
        removing.removeAll(tokenIds);
        adding.addAll(tokenIds);
        changed(adding.size() >= flushAt);
    }

    @Override
    public synchronized void remove(Set<String> tokenIds) {
        for (String tokenId : tokenIds) {
            if (!adding.remove(tokenId)) {
                removing.add(tokenId);
            }
        }
        changed(false);
    }

    /** Sends what waits now (also run by the window's timer). */
    public synchronized void flush() {
        scheduled = false;
        try {
            apply();
        } catch (IllegalStateException e) {
            log.warn("upstream subscriptions not applied: {}", e.getMessage()); // the feed is closed: stopping
        }
    }

    private void apply() {
        if (!removing.isEmpty()) {
            Set<String> leaving = Set.copyOf(removing);
            removing.clear();
            feed.removeTokens(leaving);
            leaving.forEach(sequencer::forget);
            log.info("released {} token(s) upstream (no demand left after the grace period): {}", leaving.size(),
                    sample(leaving));
        }
        if (!adding.isEmpty()) {
            Set<String> joining = new LinkedHashSet<>(adding);
            adding.clear();
            joining.forEach(sequencer::track); // before the feed, so the first book is not ignored
            feed.addTokens(joining);
            log.info("subscribing {} token(s) upstream: {}", joining.size(), sample(joining));
        }
    }

    private void changed(boolean full) {
        if (full || coalesce.isZero()) {
            flush();
        } else if (!scheduled) {
            scheduled = true;
            scheduler.schedule(this::flush, Instant.now().plus(coalesce));
        }
    }

    private static String sample(Set<String> ids) {
        String shown = ids.stream().sorted().limit(LOGGED_IDS).collect(Collectors.joining(", "));
        return ids.size() > LOGGED_IDS ? shown + " and " + (ids.size() - LOGGED_IDS) + " more" : shown;
    }
}
