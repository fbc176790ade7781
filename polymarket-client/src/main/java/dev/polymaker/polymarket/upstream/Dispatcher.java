package dev.polymaker.polymarket.upstream;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pool's single listener thread. Socket readers hand calls over through a bounded queue and
 * never wait: when the queue is full the call is dropped, counted and logged (once per 10 s).
 * Calls run in submission order, so per-token event order is kept.
 */
final class Dispatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    private static final long DROP_LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final UpstreamListener listener;
    private final BlockingQueue<Consumer<UpstreamListener>> queue;
    private final Thread thread;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong listenerErrors = new AtomicLong();
    private volatile boolean running = true;
    private long lastDropLog;
    private long droppedAtLastLog;

    Dispatcher(String threadName, int capacity, UpstreamListener listener) {
        this.listener = listener;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Queues one listener call; never blocks. Returns false when it was dropped. */
    boolean submit(Consumer<UpstreamListener> call) {
        if (!running) {
            return false;
        }
        if (queue.offer(call)) {
            return true;
        }
        long total = dropped.incrementAndGet();
        logDrops(total);
        return false;
    }

    private synchronized void logDrops(long total) {
        long now = System.nanoTime();
        if (droppedAtLastLog == 0 || now - lastDropLog >= DROP_LOG_INTERVAL_NANOS) {
            log.error("upstream listener queue full ({} entries): dropped {} listener calls since the last report, "
                    + "{} in total; the listener is too slow", queue.size() + queue.remainingCapacity(),
                    total - droppedAtLastLog, total);
            lastDropLog = now;
            droppedAtLastLog = total;
        }
    }

    private void run() {
        while (running || !queue.isEmpty()) {
            Consumer<UpstreamListener> call;
            try {
                call = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                if (!running) {
                    return;
                }
                continue;
            }
            if (call == null) {
                continue;
            }
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                long errors = listenerErrors.incrementAndGet();
                log.error("upstream listener threw (error {} in total); continuing", errors, e);
            }
        }
    }

    long dropped() {
        return dropped.get();
    }

    long listenerErrors() {
        return listenerErrors.get();
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            thread.interrupt();
        }
        queue.clear();
    }
}
