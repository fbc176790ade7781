package dev.polymaker.support;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Calls one listener on one named daemon thread, in submission order, so the listener is never
 * called concurrently and a slow one never blocks the caller. The queue is bounded: what happens
 * to a call that finds {@code capacity} calls waiting is its {@link WhenFull} policy. A listener
 * that throws is counted and logged; delivery goes on. Both logs are {@link RepeatedCondition}s.
 */
public final class ListenerQueue<L> implements AutoCloseable {

    /** The drop policy of one call. */
    public enum WhenFull {
        /** Dropped and counted: the call carries state that a later one repeats (ticks, statuses, book events). */
        DROP,
        /** Queued beyond the capacity: rare calls that must arrive (connection changes); callers keep them rare. */
        QUEUE_ANYWAY
    }

    private final String threadName;
    private final L listener;
    private final int capacity;
    private final WhenFull defaultPolicy;
    private final RepeatedCondition dropLog;
    private final RepeatedCondition errorLog;
    private final ThreadPoolExecutor executor;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private volatile Thread thread;

    /**
     * @param defaultPolicy what {@link #submit(Consumer)} does when the queue is full
     * @param dropLog       where dropped calls are reported; {@code errorLog}: where listener failures are
     */
    public ListenerQueue(String threadName, int capacity, WhenFull defaultPolicy, L listener,
                         RepeatedCondition dropLog, RepeatedCondition errorLog) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.threadName = threadName;
        this.listener = listener;
        this.capacity = capacity;
        this.defaultPolicy = defaultPolicy;
        this.dropLog = dropLog;
        this.errorLog = errorLog;
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread t = new Thread(task, threadName);
            t.setDaemon(true);
            thread = t;
            return t;
        });
    }

    /** Queues one call under the default policy; never blocks. Returns false when it was dropped. */
    public boolean submit(Consumer<? super L> call) {
        return submit(call, defaultPolicy, "a listener call", null);
    }

    /**
     * Queues one call; never blocks. {@code what} and {@code subject} (may be null) name it in the
     * logs. Returns false when it was dropped (queue full under {@link WhenFull#DROP}, or closed).
     */
    public boolean submit(Consumer<? super L> call, WhenFull whenFull, String what, String subject) {
        if (whenFull == WhenFull.DROP && executor.getQueue().size() >= capacity) {
            dropped.incrementAndGet();
            dropLog.record(() -> threadName + ": listener too slow, queue full (" + capacity + "): dropped " + what
                    + (subject == null ? "" : " for " + subject) + "; " + dropped.get() + " dropped in total");
            return false;
        }
        try {
            executor.execute(() -> deliver(call, what, subject));
            return true;
        } catch (RejectedExecutionException e) {
            return false; // closed: nothing is delivered after close()
        }
    }

    private void deliver(Consumer<? super L> call, String what, String subject) {
        try {
            call.accept(listener);
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError) {
                throw e;
            }
            errors.incrementAndGet();
            errorLog.record(() -> threadName + ": listener " + what + (subject == null ? "" : " for " + subject)
                    + " threw " + e, e);
        }
    }

    /** Calls dropped because the queue was full. */
    public long dropped() {
        return dropped.get();
    }

    /** Calls whose listener threw. */
    public long listenerErrors() {
        return errors.get();
    }

    public boolean isDispatchThread() {
        return Thread.currentThread() == thread;
    }

    /** Lets queued calls run for up to {@code wait}, then stops the thread (from the thread itself: at once). */
    public void close(Duration wait) {
        executor.shutdown();
        if (isDispatchThread()) {
            return;
        }
        try {
            if (!executor.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** {@link #close(Duration)} with two seconds. */
    @Override
    public void close() {
        close(Duration.ofSeconds(2));
    }
}
