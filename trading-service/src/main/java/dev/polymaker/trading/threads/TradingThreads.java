package dev.polymaker.trading.threads;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every thread of trading-service outside the TickStream and the UpstreamPool, created here, named,
 * bounded, and shut down by {@link #close()} (each owner also stops its own on close). All daemon,
 * one thread each:
 * <ul>
 * <li>{@code trading-feed}: feed selector checks and the direct pool's start (periodic tasks only);</li>
 * <li>{@code trading-housekeeping}: token file, venue watch, stop-loss timer, summary line (periodic tasks only);</li>
 * <li>{@code trading-strategy}: every strategy event; queue {@value #STRATEGY_QUEUE}, a task that does
 *     not fit is refused ({@code AbortPolicy}) and counted by the dispatcher;</li>
 * <li>{@code clob-heartbeat}: the CLOB dead-man heartbeat (periodic only);</li>
 * <li>{@code clob-poller}: trades, open orders and lost answers, plus at most one extra poll queued.</li>
 * </ul>
 */
public final class TradingThreads implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TradingThreads.class);
    /** Commands and fills waiting for the strategy thread; ticks are coalesced per token so they hardly count. */
    public static final int STRATEGY_QUEUE = 10_000;

    private final List<ExecutorService> created = new CopyOnWriteArrayList<>();

    public ScheduledExecutorService feed() {
        return register(scheduled("trading-feed"));
    }

    public ScheduledExecutorService housekeeping() {
        return register(scheduled("trading-housekeeping"));
    }

    public ScheduledExecutorService clobHeartbeat() {
        return register(scheduled("clob-heartbeat"));
    }

    public ScheduledExecutorService clobPoller() {
        return register(scheduled("clob-poller"));
    }

    /** @param started told the strategy thread when it starts (so callers can tell they are on it) */
    public ThreadPoolExecutor strategy(Consumer<Thread> started) {
        return register(new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(STRATEGY_QUEUE), r -> {
            Thread t = daemon(r, "trading-strategy");
            started.accept(t);
            return t;
        }, new ThreadPoolExecutor.AbortPolicy()));
    }

    /** Stops every thread made here, waiting up to 5 s in all. */
    @Override
    public void close() {
        created.forEach(ExecutorService::shutdownNow);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        try {
            for (ExecutorService e : created) {
                if (!e.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    log.warn("a trading thread did not stop within 5 s: {}", e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private <E extends ExecutorService> E register(E executor) {
        created.add(executor);
        return executor;
    }

    private static ScheduledExecutorService scheduled(String name) {
        return Executors.newSingleThreadScheduledExecutor(r -> daemon(r, name));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
