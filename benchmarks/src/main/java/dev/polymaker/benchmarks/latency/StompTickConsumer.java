package dev.polymaker.benchmarks.latency;

import dev.polymaker.benchmarks.upstream.MicrosecondClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A real STOMP 1.2 consumer over a JDK WebSocket, on its own thread: CONNECT, one SUBSCRIBE per
 * token, then for every MESSAGE (several may share one WebSocket message) the token, seq and exchangeTime are read by string search (no JSON
 * tree: the service's cost is what is measured). Latency is exchangeTime (µs, the simulator's
 * {@link MicrosecondClock}) to receipt. A seq jump is a gap unless the frame's {@code conflated}
 * header (docs/architecture.md, STOMP contract) accounts for it. {@link #stopReading()} makes it a
 * consumer that stops reading its socket, for the slow-consumer phase.
 */
final class StompTickConsumer implements LatencyConsumer {

    private static final String TOKEN = "\"tokenId\":\"";
    private static final String SEQ = "\"seq\":";
    private static final String EXCHANGE = "\"exchangeTime\":";
    private static final String CONFLATED = "\nconflated:";

    private final MicrosecondClock clock;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "stomp-consumer");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong gaps = new AtomicLong();
    private final AtomicLong conflated = new AtomicLong();
    private final Recorder latency = new Recorder(3);
    private final Map<String, Long> lastSeq = new HashMap<>();
    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    private volatile boolean reading = true;
    private volatile String problem;
    private WebSocket socket;

    StompTickConsumer(MicrosecondClock clock) {
        this.clock = clock;
    }

    void connect(URI stompUrl, List<String> tokenIds) throws Exception {
        HttpClient http = HttpClient.newBuilder().executor(executor).build();
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

    /** From now on the socket is not read: the service's send limits or conflation must deal with it. */
    void stopReading() {
        reading = false;
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
        return gaps.get();
    }

    @Override
    public long conflated() {
        return conflated.get();
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

    private void onMessage(String frame) {
        long now = clock.micros();
        received.incrementAndGet();
        int headerEnd = frame.indexOf("\n\n");
        long conflatedHere = 0;
        int c = frame.indexOf(CONFLATED);
        if (c >= 0 && c < headerEnd) {
            conflatedHere = number(frame, c + CONFLATED.length());
            conflated.addAndGet(conflatedHere);
        }
        int t = frame.indexOf(TOKEN, headerEnd);
        if (t < 0) {
            return;
        }
        String token = frame.substring(t + TOKEN.length(), frame.indexOf('"', t + TOKEN.length()));
        int s = frame.indexOf(SEQ, t);
        long seq = s < 0 ? -1 : number(frame, s + SEQ.length());
        Long last = lastSeq.get(token);
        if (last != null && seq > last + 1 + conflatedHere) {
            gaps.addAndGet(seq - last - 1 - conflatedHere);
        }
        if (last == null || seq > last) {
            lastSeq.put(token, seq);
        }
        int e = frame.indexOf(EXCHANGE, t);
        if (e >= 0) {
            long exchange = number(frame, e + EXCHANGE.length());
            if (exchange > 0) {
                latency.recordValue(Math.max(0, now - exchange));
            }
        }
    }

    private static long number(String text, int from) {
        int to = from;
        while (to < text.length() && Character.isDigit(text.charAt(to))) {
            to++;
        }
        return to > from ? Long.parseLong(text, from, to, 10) : -1;
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
            if (reading) {
                ws.request(1);
            }
            return null;
        }

        /** One WebSocket message may hold several STOMP frames, each ending in NUL (the service batches ticks). */
        private void onFrame(String message) {
            int from = 0;
            while (from < message.length()) {
                int end = message.indexOf('\0', from);
                if (end < 0) {
                    end = message.length();
                }
                while (from < end && (message.charAt(from) == '\n' || message.charAt(from) == '\r')) {
                    from++; // heart-beats and EOLs between frames
                }
                if (from < end) {
                    onStompFrame(message.substring(from, end));
                }
                from = end + 1;
            }
        }

        private void onStompFrame(String frame) {
            if (frame.startsWith("MESSAGE")) {
                onMessage(frame);
            } else if (frame.startsWith("CONNECTED")) {
                connected.complete(null);
            } else if (frame.startsWith("ERROR")) {
                problem = "STOMP ERROR: " + frame.replace('\0', ' ').strip();
                connected.completeExceptionally(new IllegalStateException(problem));
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
