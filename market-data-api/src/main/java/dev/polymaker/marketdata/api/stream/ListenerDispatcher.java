package dev.polymaker.marketdata.api.stream;

import dev.polymaker.support.RepeatedCondition;
import dev.polymaker.marketdata.api.FeedStatus;
import dev.polymaker.marketdata.api.Tick;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Calls the {@link TickStreamListener} on one named thread, in submission order, so the listener is
 * never called concurrently and a slow listener never blocks the socket. Ticks, rejections and feed
 * statuses are skipped (and counted) once {@code capacity} calls are waiting: ticks are state, so the
 * next accepted tick carries everything a skipped one did. Connection changes are never skipped;
 * they are rare (at most one per reconnect attempt), which keeps the queue bounded.
 */
final class ListenerDispatcher {

    private final String streamName;
    private final TickStreamListener listener;
    private final int capacity;
    private final ThreadPoolExecutor executor;
    private final RepeatedCondition errorLog;
    private final RepeatedCondition dropLog;
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile Thread thread;

    ListenerDispatcher(String streamName, TickStreamListener listener, int capacity, RepeatedCondition errorLog,
                       RepeatedCondition dropLog) {
        this.streamName = streamName;
        this.listener = listener;
        this.capacity = capacity;
        this.errorLog = errorLog;
        this.dropLog = dropLog;
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread t = new Thread(task, streamName + "-dispatch");
            t.setDaemon(true);
            thread = t;
            return t;
        });
    }

    void tick(Tick tick) {
        submitDroppable(() -> listener.onTick(tick), "onTick", tick.tokenId());
    }

    void rejected(Tick tick, String outcome) {
        submitDroppable(() -> listener.onRejected(tick, outcome), "onRejected", tick.tokenId());
    }

    void feedStatus(FeedStatus status) {
        submitDroppable(() -> listener.onFeedStatus(status), "onFeedStatus", null);
    }

    void connection(boolean connected, String reason) {
        submit(() -> listener.onConnectionChange(connected, reason), "onConnectionChange", null);
    }

    long errors() {
        return errors.get();
    }

    long dropped() {
        return dropped.get();
    }

    boolean isDispatchThread() {
        return Thread.currentThread() == thread;
    }

    /** Lets queued calls run for up to {@code waitMs}, then stops the thread. */
    void close(long waitMs) {
        executor.shutdown();
        if (isDispatchThread()) {
            return;
        }
        try {
            if (!executor.awaitTermination(waitMs, TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void submitDroppable(Runnable call, String method, String tokenId) {
        if (executor.getQueue().size() >= capacity) {
            dropped.incrementAndGet();
            dropLog.record(streamName + ": listener too slow: dispatch queue full (" + capacity + "), skipped " + method
                    + (tokenId == null ? "" : " for token " + tokenId), null);
            return;
        }
        submit(call, method, tokenId);
    }

    private void submit(Runnable call, String method, String tokenId) {
        try {
            executor.execute(() -> {
                try {
                    call.run();
                } catch (RuntimeException | Error e) {
                    if (e instanceof VirtualMachineError) {
                        throw e;
                    }
                    errors.incrementAndGet();
                    errorLog.record(streamName + ": listener " + method + (tokenId == null ? "" : " for token " + tokenId)
                            + " threw " + e, e);
                }
            });
        } catch (RejectedExecutionException e) {
            // closed: nothing is delivered after close()
        }
    }
}
