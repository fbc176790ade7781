package dev.polymaker.benchmarks.socket;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * One daemon thread of a benchmark client's own, on which its JDK WebSocket does its I/O and
 * calls the listener, so that clients measured side by side do not share a thread. Closing it
 * aborts the socket opened on it and stops the thread.
 * Harnesses: docs/performance.md.
 */
public final class SocketThread implements AutoCloseable {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final ExecutorService executor;
    private volatile WebSocket socket;

    public SocketThread(String name) {
        executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Opens a WebSocket to {@code url} on this thread, waiting at most 10 s for the handshake. */
    public WebSocket open(URI url, WebSocket.Listener listener) throws Exception {
        HttpClient http = HttpClient.newBuilder().executor(executor).build();
        socket = http.newWebSocketBuilder().connectTimeout(CONNECT_TIMEOUT)
                .buildAsync(url, listener).get(CONNECT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        return socket;
    }

    /** Aborts the socket, if one was opened, then stops the thread. */
    @Override
    public void close() {
        if (socket != null) {
            socket.abort();
        }
        executor.shutdownNow();
    }
}
