package dev.polymaker.marketdata.config;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Every thread pool of this service outside the upstream pool, created and shut down here, all
 * bounded and named. Deliberately not exposed as {@code Executor} beans: Spring Boot would adopt
 * a lone executor bean for the STOMP channels.
 * <ul>
 * <li>{@code mds-sched-*} (2): feed status, grace-period sweep, token file, summary, STOMP heart-beats;</li>
 * <li>{@code mds-stomp-in-*}: client frames (queue bounded; a frame that does not fit is refused);</li>
 * <li>{@code mds-stomp-out-*}: writes to sessions; a stuck session holds at most one thread, for at most the send-time limit;</li>
 * <li>{@code mds-broker-1}: the broker channel, one thread so ticks leave in seq order, bounded queue.</li>
 * </ul>
 */
public final class MarketDataThreads implements DisposableBean {

    private static final int CHANNEL_THREADS = Math.max(4, Runtime.getRuntime().availableProcessors() * 2);
    private static final int INBOUND_QUEUE = 10_000;
    private static final int OUTBOUND_QUEUE = 100_000;

    private final ThreadPoolTaskScheduler scheduler;
    private final ThreadPoolTaskExecutor inbound;
    private final ThreadPoolTaskExecutor outbound;
    private final ThreadPoolTaskExecutor broker;

    public MarketDataThreads(int brokerQueueCapacity) {
        scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(2);
        scheduler.setThreadNamePrefix("mds-sched-");
        scheduler.setRemoveOnCancelPolicy(true);
        scheduler.initialize();
        inbound = executor("mds-stomp-in-", CHANNEL_THREADS, INBOUND_QUEUE);
        outbound = executor("mds-stomp-out-", CHANNEL_THREADS, OUTBOUND_QUEUE);
        broker = executor("mds-broker-", 1, brokerQueueCapacity);
    }

    private static ThreadPoolTaskExecutor executor(String prefix, int threads, int queue) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
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

    @Override
    public void destroy() {
        scheduler.shutdown();
        broker.shutdown();
        outbound.shutdown();
        inbound.shutdown();
    }
}
