package dev.polymaker.benchmarks.fanout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A minimal real STOMP 1.2 client over a JDK WebSocket: CONNECT without heart-beats, one
 * SUBSCRIBE per token to {@code /topic/ticks.<token>}, then it only counts MESSAGE frames and
 * reads {@code publishedTime} from each body for the publish-to-receive latency (milliseconds,
 * the resolution of the Tick's times). Deliberately cheap, so the server's fan-out is what is measured.
 */
final class StompCountingClient implements AutoCloseable {

    private static final String PUBLISHED = "\"publishedTime\":";
    private static final String EXCHANGE = "\"exchangeTime\":";

    private final AtomicLong messages = new AtomicLong();
    private final Recorder latencyMillis = new Recorder(3);
    private final Recorder endToEndMillis = new Recorder(3);
    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    private volatile String problem;
    private WebSocket socket;

    void connect(HttpClient http, URI stompUrl, List<String> tokenIds) throws Exception {
        socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(stompUrl, new Listener()).get(10, TimeUnit.SECONDS);
        socket.sendText("CONNECT\naccept-version:1.2\nhost:localhost\nheart-beat:0,0\n\n\0", true)
                .get(10, TimeUnit.SECONDS);
        connected.get(10, TimeUnit.SECONDS);
        for (int i = 0; i < tokenIds.size(); i++) {
            socket.sendText("SUBSCRIBE\nid:s" + i + "\ndestination:/topic/ticks." + tokenIds.get(i) + "\n\n\0", true)
                    .get(10, TimeUnit.SECONDS);
        }
    }

    long messages() {
        return messages.get();
    }

    /** Tick publishedTime (the service's clock) to receipt, ms. */
    Histogram latencySinceLastCall() {
        return latencyMillis.getIntervalHistogram();
    }

    /** Tick exchangeTime (the simulator's clock, same host) to receipt, ms. */
    Histogram endToEndSinceLastCall() {
        return endToEndMillis.getIntervalHistogram();
    }

    String problem() {
        return problem;
    }

    @Override
    public void close() {
        if (socket != null) {
            socket.abort();
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

        private void onFrame(String frame) {
            if (frame.startsWith("MESSAGE")) {
                long now = System.currentTimeMillis();
                messages.incrementAndGet();
                record(frame, PUBLISHED, now, latencyMillis);
                record(frame, EXCHANGE, now, endToEndMillis);
            } else if (frame.startsWith("CONNECTED")) {
                connected.complete(null);
            } else if (frame.startsWith("ERROR")) {
                problem = "STOMP ERROR: " + frame.replace('\0', ' ').strip();
                connected.completeExceptionally(new IllegalStateException(problem));
            }
        }

        private void record(String frame, String field, long now, Recorder into) {
            int at = frame.indexOf(field);
            if (at < 0) {
                return;
            }
            int from = at + field.length();
            int to = from;
            while (to < frame.length() && Character.isDigit(frame.charAt(to))) {
                to++;
            }
            if (to > from) {
                into.recordValue(Math.max(0, now - Long.parseLong(frame, from, to, 10)));
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            if (problem == null) {
                problem = "closed by the server: " + statusCode + " " + reason;
            }
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            problem = "socket error: " + error;
        }
    }
}
