package dev.polymaker.marketdata.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.task.TaskDecorator;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import dev.polymaker.support.RepeatedCondition;
import org.slf4j.event.Level;

import java.time.Clock;
import java.time.Duration;

/**
 * Every thread pool of this service outside the upstream pool, created and shut down here, all
 * bounded and named. Deliberately not exposed as {@code Executor} beans: Spring Boot would adopt
 * a lone executor bean for the STOMP channels.
 * <ul>
 * <li>{@code mds-sched-*} (2): feed status, dropped-event repair, grace-period sweep, token file, summary, STOMP heart-beats;</li>
 * <li>{@code mds-stomp-in-*}: client frames (queue bounded; a frame that does not fit is refused);</li>
 * <li>{@code mds-stomp-out-*}: writes to sessions; a stuck session holds at most one thread, for at most the send-time limit;</li>
 * <li>{@code mds-broker-1}: the broker channel, one thread so ticks leave in seq order, bounded queue;</li>
 * <li>{@code mds-relay-out-1}: the node-queue relay's writes to the broker, one thread (seq order), bounded queue;</li>
 * <li>{@code mds-fanout-*}: writes ticks and frames to sessions, one writer per session at a time (a stuck
 *     session holds at most one thread, for at most the send-time limit); at most one queued task per session;</li>
 * <li>{@code mds-catalog-1}: Gamma lookups (market names, resolution checks), blocking HTTP kept off the others.</li>
 * </ul>
 */
public final class MarketDataThreads implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(MarketDataThreads.class);

    private static final int CHANNEL_THREADS = Math.max(4, Runtime.getRuntime().availableProcessors() * 2);
    private static final int INBOUND_QUEUE = 10_000;
    private static final int OUTBOUND_QUEUE = 100_000;

    private final ThreadPoolTaskScheduler scheduler;
    private final ThreadPoolTaskExecutor inbound;
    private final ThreadPoolTaskExecutor outbound;
    private final ThreadPoolTaskExecutor broker;
    private final ThreadPoolTaskExecutor relayOut;
    private final ThreadPoolTaskExecutor fanOut;
    private final ThreadPoolTaskScheduler catalog;
    private final Clock clock;

    public MarketDataThreads(int brokerQueueCapacity, Clock clock) {
        this.clock = clock;
        scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(2);
        scheduler.setThreadNamePrefix("mds-sched-");
        scheduler.setRemoveOnCancelPolicy(true);
        scheduler.initialize();
        inbound = executor("mds-stomp-in-", CHANNEL_THREADS, INBOUND_QUEUE);
        outbound = executor("mds-stomp-out-", CHANNEL_THREADS, OUTBOUND_QUEUE);
        broker = executor("mds-broker-", 1, brokerQueueCapacity);
        relayOut = executor("mds-relay-out-", 1, brokerQueueCapacity);
        fanOut = executor("mds-fanout-", CHANNEL_THREADS, OUTBOUND_QUEUE);
        catalog = new ThreadPoolTaskScheduler();
        catalog.setPoolSize(1);
        catalog.setThreadNamePrefix("mds-catalog-");
        catalog.setRemoveOnCancelPolicy(true);
        catalog.initialize();
    }

    /** Gamma lookups: slow, blocking, never on the tick path or the feed-status schedule. */
    public TaskScheduler catalog() {
        return catalog;
    }

    private ThreadPoolTaskExecutor executor(String prefix, int threads, int queue) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setTaskDecorator(new FailureLog(prefix, clock));
        executor.setThreadNamePrefix(prefix);
        executor.setCorePoolSize(threads);
        executor.setMaxPoolSize(threads);
        executor.setQueueCapacity(queue);
        executor.setAllowCoreThreadTimeOut(true);
        executor.initialize();
        return executor;
    }

    public TaskScheduler scheduler() {
        return scheduler;
    }

    public ThreadPoolTaskExecutor inbound() {
        return inbound;
    }

    public ThreadPoolTaskExecutor outbound() {
        return outbound;
    }

    public ThreadPoolTaskExecutor broker() {
        return broker;
    }

    /** The node-queue relay's publishing thread (its writes block until the frame is on the socket). */
    public ThreadPoolTaskExecutor relayOut() {
        return relayOut;
    }

    /** Writes to sessions for {@code TickFanOut}: at most one task per session queued or running. */
    public ThreadPoolTaskExecutor fanOut() {
        return fanOut;
    }

    /**
     * Catches what a channel task throws (e.g. "broker not active" while a relay reconnects), so
     * it is logged once per 10 s with a count instead of killing the thread and reaching stderr.
     */
    private static final class FailureLog implements TaskDecorator {
        private final String pool;
        private final RepeatedCondition failures;

        FailureLog(String pool, Clock clock) {
            this.pool = pool;
            this.failures = new RepeatedCondition(log, Level.ERROR, clock, Duration.ofSeconds(10));
        }

        @Override
        public Runnable decorate(Runnable task) {
            return () -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    failures.record(() -> pool + "* task failed: " + e);
                }
            };
        }
    }

    @Override
    public void destroy() {
        catalog.shutdown();
        scheduler.shutdown();
        broker.shutdown();
        relayOut.shutdown();
        fanOut.shutdown();
        outbound.shutdown();
        inbound.shutdown();
    }
}
