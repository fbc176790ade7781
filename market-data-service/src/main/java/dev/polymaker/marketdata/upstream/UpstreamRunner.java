package dev.polymaker.marketdata.upstream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;

/**
 * Starts the upstream feed with the application and closes it on shutdown. A feed that throws
 * while starting does not stop the application: the failure is logged at ERROR, reported DOWN
 * by health, and the start is retried every {@code retryInterval}.
 */
public final class UpstreamRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(UpstreamRunner.class);

    private final MarketFeed feed;
    private final UpstreamMonitor monitor;
    private final TaskScheduler scheduler;
    private final Duration retryInterval;
    private volatile boolean running;
    private volatile boolean started;
    private ScheduledFuture<?> retry;

    public UpstreamRunner(MarketFeed feed, UpstreamMonitor monitor, TaskScheduler scheduler, Duration retryInterval) {
        this.feed = feed;
        this.monitor = monitor;
        this.scheduler = scheduler;
        this.retryInterval = retryInterval;
    }

    @Override
    public synchronized void start() {
        running = true;
        if (!tryStart()) {
            retry = scheduler.scheduleWithFixedDelay(this::retryStart, retryInterval);
        }
    }

    private synchronized void retryStart() {
        if (running && !started && tryStart() && retry != null) {
            retry.cancel(false);
        }
    }

    private boolean tryStart() {
        try {
            feed.start();
            started = true;
            monitor.started();
            return true;
        } catch (RuntimeException e) {
            String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
            monitor.startFailed(reason);
            log.error("upstream pool for {} failed to start: {}; retrying in {}", monitor.url(), reason, retryInterval, e);
            return false;
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (retry != null) {
            retry.cancel(false);
        }
        feed.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Last phase, with the broker: started after the web server, stopped before it. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
