package dev.polymaker.benchmarks.latency;

import dev.polymaker.benchmarks.upstream.MicrosecondClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The baseline receiver: a plain JDK WebSocket on the simulator's market channel, subscribed like
 * the service (all tokens, custom features on), on its own thread. It only counts the
 * {@code price_change} frames and reads their {@code timestamp} (µs) by string search: one hop,
 * nothing parsed.
 */
final class RawFrameConsumer implements LatencyConsumer {

    private static final String TIMESTAMP = "\"timestamp\":\"";
    private static final String PRICE_CHANGE = "\"price_change\"";

    private final MicrosecondClock clock;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "raw-consumer");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong frames = new AtomicLong();
    private final Recorder latency = new Recorder(3);
    private final CompletableFuture<Void> firstFrame = new CompletableFuture<>();
    private volatile String problem;
    private WebSocket socket;

    RawFrameConsumer(MicrosecondClock clock) {
        this.clock = clock;
    }

    void connect(URI marketUrl, List<String> tokenIds) throws Exception {
        HttpClient http = HttpClient.newBuilder().executor(executor).build();
        socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(marketUrl, new Listener()).get(10, TimeUnit.SECONDS);
        StringBuilder subscribe = new StringBuilder("{\"assets_ids\":[");
        for (int i = 0; i < tokenIds.size(); i++) {
            subscribe.append(i == 0 ? "\"" : ",\"").append(tokenIds.get(i)).append('"');
        }
        subscribe.append("],\"type\":\"market\",\"custom_feature_enabled\":true}");
        socket.sendText(subscribe, true).get(10, TimeUnit.SECONDS);
        firstFrame.get(30, TimeUnit.SECONDS); // the book snapshots
    }

    @Override
    public long received() {
        return received.get();
    }

    @Override
    public Histogram latencySinceLastCall() {
        return latency.getIntervalHistogram();
    }

    @Override
    public long gaps() {
        return 0;
    }

    @Override
    public long conflated() {
        return 0;
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

    private void onFrame(String frame) {
        long now = clock.micros();
        frames.incrementAndGet();
        firstFrame.complete(null);
        if (!frame.contains(PRICE_CHANGE)) {
            return;
        }
        received.incrementAndGet();
        int at = frame.lastIndexOf(TIMESTAMP);
        if (at >= 0) {
            int from = at + TIMESTAMP.length();
            int to = frame.indexOf('"', from);
            if (to > from) {
                latency.recordValue(Math.max(0, now - Long.parseLong(frame, from, to, 10)));
            }
        }
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
                String frame;
                if (partial.length() > 0) {
                    frame = partial.append(data).toString();
                    partial.setLength(0);
                } else {
                    frame = data.toString();
                }
                onFrame(frame);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            problem = "closed by the simulator: " + statusCode + " " + reason;
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            problem = "socket error: " + error;
        }
    }
}
