package dev.polymaker.polymarket.rest;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JDK HTTP client for blocking lookups (Gamma, the data API) with its own small, named, bounded
 * daemon executor for the client's response plumbing: at most two threads, and the caller runs
 * the work when both are busy. {@link #close()} stops the threads.
 */
final class BlockingHttp implements AutoCloseable {

    private final ExecutorService executor;
    private final HttpClient client;

    BlockingHttp(String threadPrefix, Duration connectTimeout) {
        AtomicInteger threads = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(0, 2, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, threadPrefix + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout).executor(executor).build();
    }

    HttpClient client() {
        return client;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
