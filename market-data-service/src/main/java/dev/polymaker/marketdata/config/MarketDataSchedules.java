package dev.polymaker.marketdata.config;

import dev.polymaker.marketdata.catalog.MarketCatalog;
import dev.polymaker.marketdata.demand.TokenDemand;
import dev.polymaker.marketdata.api.tokens.TokenFileWatcher;
import dev.polymaker.marketdata.upstream.DroppedEventRecovery;
import dev.polymaker.marketdata.upstream.MinuteSummary;
import dev.polymaker.marketdata.stomp.FeedStatusPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

/**
 * The service's periodic work, all on {@code mds-sched}: feed status and the repair after dropped
 * upstream events every status interval, grace-period expiry, token-file polling and the minute summary; Gamma lookups on their
 * own thread. Every task catches
 * its own failures so one bad run never cancels the schedule.
 */
public final class MarketDataSchedules implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MarketDataSchedules.class);

    private final TaskScheduler scheduler;
    private final MarketDataProperties props;
    private final FeedStatusPublisher feedStatus;
    private final DroppedEventRecovery recovery;
    private final TokenDemand demand;
    private final TokenFileWatcher tokenFile;
    private final MinuteSummary summary;
    private final TaskScheduler catalogScheduler;
    private final MarketCatalog catalog;
    private final List<ScheduledFuture<?>> tasks = new ArrayList<>();
    private volatile boolean running;

    public MarketDataSchedules(TaskScheduler scheduler, MarketDataProperties props, FeedStatusPublisher feedStatus,
                               DroppedEventRecovery recovery, TokenDemand demand, TokenFileWatcher tokenFile, MinuteSummary summary,
                               TaskScheduler catalogScheduler, MarketCatalog catalog) {
        this.catalogScheduler = catalogScheduler;
        this.catalog = catalog;
        this.scheduler = scheduler;
        this.props = props;
        this.feedStatus = feedStatus;
        this.recovery = recovery;
        this.demand = demand;
        this.tokenFile = tokenFile;
        this.summary = summary;
    }

    @Override
    public synchronized void start() {
        tasks.add(scheduler.scheduleAtFixedRate(feedStatus, props.getStatusInterval()));
        tasks.add(scheduler.scheduleWithFixedDelay(recovery, props.getStatusInterval()));
        tasks.add(scheduler.scheduleWithFixedDelay(safe("grace-period sweep", demand::sweep), sweepInterval()));
        if (tokenFile != null) {
            tasks.add(scheduler.scheduleWithFixedDelay(safe("token file poll", tokenFile::poll),
                    props.getTokenFilePollInterval()));
        }
        if (catalog != null) {
            tasks.add(catalogScheduler.scheduleWithFixedDelay(safe("Gamma catalog", catalog::check),
                    Instant.now().plus(Duration.ofSeconds(1)), props.getGamma().getCheckInterval()));
        }
        tasks.add(scheduler.scheduleAtFixedRate(summary, Instant.now().plus(Duration.ofMinutes(1)), Duration.ofMinutes(1)));
        running = true;
    }

    /** Often enough that a token leaves within a fraction of its grace period, at most once per 100 ms. */
    private Duration sweepInterval() {
        Duration quarter = props.getDemand().getGracePeriod().dividedBy(4);
        Duration min = Duration.ofMillis(100);
        Duration max = Duration.ofSeconds(5);
        return quarter.compareTo(min) < 0 ? min : quarter.compareTo(max) > 0 ? max : quarter;
    }

    private static Runnable safe(String name, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.error("{} failed: {}", name, e.toString(), e);
            }
        };
    }

    @Override
    public synchronized void stop() {
        tasks.forEach(task -> task.cancel(false));
        tasks.clear();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
