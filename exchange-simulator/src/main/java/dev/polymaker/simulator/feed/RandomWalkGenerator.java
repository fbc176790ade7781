package dev.polymaker.simulator.feed;

import java.util.function.IntConsumer;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the random walk at a target rate on one named thread. Catches up in batches (at most 1 ms worth of events
 * between checks) rather than sleeping per event, so tens of thousands of events per second are reachable.
 */
public final class RandomWalkGenerator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RandomWalkGenerator.class);

    private final IntConsumer step;
    private final Object control = new Object();
    private Thread thread;
    private volatile boolean running;
    private volatile long eventsGenerated;

    public RandomWalkGenerator(IntConsumer step) {
        this.step = step;
    }

    /** Starts (or restarts at a new rate) the generator; a rate of 0 stops it. */
    public void start(double eventsPerSecond) {
        if (!(eventsPerSecond >= 0) || Double.isInfinite(eventsPerSecond)) {
            throw new IllegalArgumentException("events per second must be >= 0, got " + eventsPerSecond);
        }
        synchronized (control) {
            stop();
            if (eventsPerSecond == 0) {
                return;
            }
            running = true;
            thread = new Thread(() -> run(eventsPerSecond), "sim-generator");
            thread.setDaemon(true);
            thread.start();
            log.info("generator started at {} events/s", eventsPerSecond);
        }
    }

    public void stop() {
        synchronized (control) {
            if (thread == null) {
                return;
            }
            running = false;
            thread.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
            log.info("generator stopped after {} events", eventsGenerated);
        }
    }

    public boolean running() {
        return running;
    }

    public long eventsGenerated() {
        return eventsGenerated;
    }

    private void run(double rate) {
        long start = System.nanoTime();
        long done = 0;
        long maxBatch = Math.max(1, (long) Math.ceil(rate / 1000.0));
        try {
            while (running) {
                long due = (long) ((System.nanoTime() - start) / 1e9 * rate) - done;
                if (due <= 0) {
                    long waitNanos = (long) (1e9 / rate);
                    LockSupport.parkNanos(Math.min(waitNanos, 1_000_000L));
                    continue;
                }
                if (due > maxBatch * 50) {
                    // Far behind (e.g. a GC pause or a slow machine): drop the backlog instead of bursting forever.
                    start = System.nanoTime();
                    done = 0;
                    due = maxBatch;
                }
                int batch = (int) Math.min(due, maxBatch);
                step.accept(batch);
                done += batch;
                eventsGenerated += batch;
            }
        } catch (RuntimeException e) {
            log.error("generator failed and stopped after {} events", eventsGenerated, e);
            running = false;
        }
    }

    @Override
    public void close() {
        stop();
    }
}
