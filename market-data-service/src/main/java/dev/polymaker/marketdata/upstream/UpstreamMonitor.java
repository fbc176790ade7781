package dev.polymaker.marketdata.upstream;

import dev.polymaker.polymarket.upstream.PoolStatus;

import java.util.List;
import java.util.Map;

/**
 * One place to ask how the upstream is doing: the pool's status, the start-up failure if any,
 * and the resulting {@link UpstreamVerdict}. The latest snapshot is cached for cheap readers
 * (metrics gauges, the minute summary).
 */
public final class UpstreamMonitor {

    private final MarketFeed feed;
    private final UpstreamAssessor assessor;
    private final String url;
    private volatile String startFailure;
    private volatile PoolStatus latest = new PoolStatus(List.of(), Map.of(), 0);

    public UpstreamMonitor(MarketFeed feed, UpstreamAssessor assessor, String url) {
        this.feed = feed;
        this.assessor = assessor;
        this.url = url;
    }

    /** A fresh status from the pool (also cached). */
    public PoolStatus refresh() {
        PoolStatus status = feed.status();
        latest = status;
        return status;
    }

    public PoolStatus latest() {
        return latest;
    }

    public UpstreamVerdict verdict(PoolStatus status) {
        return assessor.assess(status, startFailure);
    }

    public UpstreamVerdict verdict() {
        return verdict(refresh());
    }

    void startFailed(String reason) {
        startFailure = reason;
    }

    void started() {
        startFailure = null;
    }

    public String startFailure() {
        return startFailure;
    }

    public String url() {
        return url;
    }
}
