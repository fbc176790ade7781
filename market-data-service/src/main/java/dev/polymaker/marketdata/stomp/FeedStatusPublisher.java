package dev.polymaker.marketdata.stomp;

import dev.polymaker.marketdata.api.FeedStatus;
import dev.polymaker.marketdata.metrics.MarketDataMetrics;
import dev.polymaker.marketdata.sequencing.Epoch;
import dev.polymaker.marketdata.upstream.UpstreamMonitor;
import dev.polymaker.marketdata.upstream.UpstreamVerdict;
import dev.polymaker.polymarket.upstream.PoolStatus;
import dev.polymaker.polymarket.upstream.TokenStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.function.Consumer;

/**
 * Publishes a {@link FeedStatus} on {@code /topic/feed-status} every status interval, and
 * refreshes the pool-derived gauges from the same snapshot. {@code tokensStale} counts every
 * token that must not be traded on and is not pending: STALE, FAILED and DESYNCED. (The repair
 * after dropped pool events is its own task: {@code DroppedEventRecovery}.)
 */
public final class FeedStatusPublisher implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(FeedStatusPublisher.class);

    private final UpstreamMonitor monitor;
    private final MarketDataMetrics metrics;
    private final Consumer<FeedStatus> sink;
    private final Epoch epoch;
    private final Clock clock;

    /** {@code sink}: the local broker's {@code /topic/feed-status}, or the relay's namespace; it skips while its broker is away. */
    public FeedStatusPublisher(UpstreamMonitor monitor, MarketDataMetrics metrics, Consumer<FeedStatus> sink,
                               Epoch epoch, Clock clock) {
        this.monitor = monitor;
        this.metrics = metrics;
        this.sink = sink;
        this.epoch = epoch;
        this.clock = clock;
    }

    @Override
    public void run() {
        try {
            PoolStatus pool = monitor.refresh();
            metrics.update(pool);
            sink.accept(statusOf(pool));
        } catch (RuntimeException e) {
            log.error("could not publish feed status: {}", e.toString(), e);
        }
    }

    /** The feed status now; a read that changes nothing (neither gauges nor ticks). */
    public FeedStatus current() {
        return statusOf(monitor.refresh());
    }

    private FeedStatus statusOf(PoolStatus status) {
        UpstreamVerdict verdict = monitor.verdict(status);
        int live = 0;
        int pending = 0;
        int stale = 0;
        for (TokenStatus token : status.tokens().values()) {
            switch (token.state()) {
                case LIVE -> live++;
                case PENDING -> pending++;
                case STALE, FAILED, DESYNCED -> stale++;
            }
        }
        return new FeedStatus(epoch.value(), clock.millis(), verdict.health(), verdict.sockets(),
                verdict.socketsConnected(), status.tokens().size(), live, pending, stale, verdict.lastDataAgeMs());
    }
}
