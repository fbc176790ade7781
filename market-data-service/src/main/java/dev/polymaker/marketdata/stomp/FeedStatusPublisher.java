package dev.polymaker.marketdata.stomp;

import dev.polymaker.marketdata.api.Destinations;
import dev.polymaker.marketdata.api.FeedStatus;
import dev.polymaker.marketdata.metrics.MarketDataMetrics;
import dev.polymaker.marketdata.sequencing.Epoch;
import dev.polymaker.marketdata.upstream.UpstreamMonitor;
import dev.polymaker.marketdata.upstream.UpstreamVerdict;
import dev.polymaker.polymarket.upstream.PoolStatus;
import dev.polymaker.polymarket.upstream.TokenStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.simp.SimpMessageSendingOperations;

import java.time.Clock;

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
    private final SimpMessageSendingOperations template;
    private final Epoch epoch;
    private final Clock clock;
    private final BrokerAvailability broker;

    public FeedStatusPublisher(UpstreamMonitor monitor, MarketDataMetrics metrics, SimpMessageSendingOperations template,
                               Epoch epoch, Clock clock, BrokerAvailability broker) {
        this.monitor = monitor;
        this.metrics = metrics;
        this.template = template;
        this.epoch = epoch;
        this.clock = clock;
        this.broker = broker;
    }

    @Override
    public void run() {
        try {
            PoolStatus pool = monitor.refresh();
            metrics.update(pool);
            FeedStatus status = statusOf(pool);
            if (broker.available()) {
                template.convertAndSend(Destinations.FEED_STATUS, status);
            }
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
