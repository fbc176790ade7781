package dev.polymaker.benchmarks.upstream;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The baseline: a bare JDK WebSocket that sends the same subscription as the pool and only counts
 * what arrives: the events in each whole text frame by a substring scan for {@code "event_type"}
 * (the simulator, like Polymarket, sometimes sends several events in one array frame), and the
 * frame's {@code timestamp} by a string search, for latency. No parsing, no books, no hand-off
 * to another thread: what the socket alone can deliver.
 */
final class RawSocketClient implements FeedClient {

    private static final String TIMESTAMP = "\"timestamp\":\"";
    private static final String EVENT = "\"event_type\"";

    private final MicrosecondClock clock;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "raw-socket-io");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong frames = new AtomicLong();
    private final AtomicLong events = new AtomicLong();
    private final Recorder latency = new Recorder(3);
    private volatile String problem;
    private WebSocket socket;

    RawSocketClient(MicrosecondClock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "raw-socket";
    }

    @Override
    public void connect(URI marketUrl, URI restUrl, List<String> tokenIds) throws Exception {
        HttpClient http = HttpClient.newBuilder().executor(executor).build();
        socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(marketUrl, new Listener()).get(10, TimeUnit.SECONDS);
        StringBuilder subscribe = new StringBuilder("{\"assets_ids\":[");
        for (int i = 0; i < tokenIds.size(); i++) {
            subscribe.append(i == 0 ? "\"" : ",\"").append(tokenIds.get(i)).append('"');
        }
        subscribe.append("],\"type\":\"market\",\"custom_feature_enabled\":true}");
        socket.sendText(subscribe, true).get(10, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (frames.get() == 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("raw socket: no snapshot within 30 s");
            }
            Thread.sleep(10);
        }
    }

    @Override
    public long events() {
        return events.get();
    }

    @Override
    public Histogram latencySinceLastCall() {
        return latency.getIntervalHistogram();
    }

    @Override
    public String problem() {
        return problem;
    }

    @Override
    public void close() {
        if (socket != null) {
            socket.abort();
        }
        executor.shutdownNow();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public void onOpen(WebSocket ws) {
            ws.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            if (!last) {
                partial.append(data);
            } else {
                CharSequence whole = data;
                if (partial.length() > 0) {
                    whole = partial.append(data).toString();
                    partial.setLength(0);
                }
                onFrame(whole.toString());
            }
            ws.request(1);
            return null;
        }

        private void onFrame(String frame) {
            long now = clock.micros();
            if (frame.equals("PONG")) {
                return;
            }
            frames.incrementAndGet();
            long found = 0;
            for (int i = frame.indexOf(EVENT); i >= 0; i = frame.indexOf(EVENT, i + EVENT.length())) {
                found++;
            }
            events.addAndGet(found);
            int at = frame.lastIndexOf(TIMESTAMP);
            if (at >= 0) {
                int from = at + TIMESTAMP.length();
                int to = frame.indexOf('"', from);
                if (to > from) {
                    latency.recordValue(Math.max(0, now - Long.parseLong(frame, from, to, 10)));
                }
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            problem = "closed by the server: " + statusCode + " " + reason;
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            problem = "socket error: " + error;
        }
    }
}
