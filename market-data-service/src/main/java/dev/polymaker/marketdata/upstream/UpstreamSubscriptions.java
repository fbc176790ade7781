package dev.polymaker.marketdata.upstream;

import dev.polymaker.marketdata.demand.UpstreamTokens;
import dev.polymaker.marketdata.sequencing.TickSequencer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.stream.Collectors;

/** Applies demand changes to the upstream feed, keeping the sequencer's set of tracked tokens in step. */
public final class UpstreamSubscriptions implements UpstreamTokens {

    private static final Logger log = LoggerFactory.getLogger(UpstreamSubscriptions.class);
    private static final int LOGGED_IDS = 10;

    private final MarketFeed feed;
    private final TickSequencer sequencer;

    public UpstreamSubscriptions(MarketFeed feed, TickSequencer sequencer) {
        this.feed = feed;
        this.sequencer = sequencer;
    }

    @Override
    public void add(Set<String> tokenIds) {
        tokenIds.forEach(sequencer::track); // before the feed, so the first book is not ignored
        feed.addTokens(tokenIds);
        log.info("subscribing {} token(s) upstream: {}", tokenIds.size(), sample(tokenIds));
    }

    @Override
    public void remove(Set<String> tokenIds) {
        feed.removeTokens(tokenIds);
        tokenIds.forEach(sequencer::forget);
        log.info("released {} token(s) upstream (no demand left after the grace period): {}", tokenIds.size(),
                sample(tokenIds));
    }

    private static String sample(Set<String> ids) {
        String shown = ids.stream().sorted().limit(LOGGED_IDS).collect(Collectors.joining(", "));
        return ids.size() > LOGGED_IDS ? shown + " and " + (ids.size() - LOGGED_IDS) + " more" : shown;
    }
}
