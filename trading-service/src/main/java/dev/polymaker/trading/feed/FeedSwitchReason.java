package dev.polymaker.trading.feed;

/**
 * Why {@link FeedSelector} switched the feed (docs/architecture.md §3.7): the {@code reason} label of
 * {@code trading_feed_switches_total} ({@link #tag()}) and the phrase logged with it ({@link #phrase()}).
 */
public enum FeedSwitchReason {
    /** SHARED on one replica → SHARED on another: the active replica went stale while another is healthy. */
    REPLICA_STALE("replica_stale", "the active replica went stale; another replica is healthy"),
    /** SHARED → DIRECT: the active replica went stale and no replica is healthy. */
    SHARED_STALE("shared_stale", "the shared feed went stale and no replica is healthy"),
    /** DIRECT → SHARED: a replica has been healthy for return-after. */
    SHARED_RECOVERED("shared_recovered", "a replica has been healthy for return-after"),
    /** DIRECT → SHARED before return-after: the direct feed failed while a replica is healthy. */
    DIRECT_FAILED("direct_failed", "the direct feed failed; a replica is healthy"),
    /** DIRECT → NONE: neither the direct feed nor any replica has live data. */
    NO_LIVE_SOURCE("no_live_source", "neither the direct feed nor any replica has live data"),
    /** NONE → DIRECT. */
    DIRECT_LIVE("direct_live", "the direct feed has live data again"),
    /** NONE → SHARED. */
    SHARED_HEALTHY("shared_healthy", "a replica is healthy again");

    private final String tag;
    private final String phrase;

    FeedSwitchReason(String tag, String phrase) {
        this.tag = tag;
        this.phrase = phrase;
    }

    /** The metric label value. */
    public String tag() {
        return tag;
    }

    /** What the log line and health say. */
    public String phrase() {
        return phrase;
    }
}
