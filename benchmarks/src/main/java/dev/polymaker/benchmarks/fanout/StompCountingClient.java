package dev.polymaker.benchmarks.fanout;

import dev.polymaker.benchmarks.socket.ConnectionProblem;
import dev.polymaker.benchmarks.socket.StompSubscription;
import dev.polymaker.benchmarks.socket.WholeTextMessages;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A minimal real STOMP 1.2 client over a JDK WebSocket: CONNECT without heart-beats, one
 * SUBSCRIBE per token to {@code /topic/ticks.<token>}, then it only counts MESSAGE frames and
 * reads {@code publishedTime} from each body for the publish-to-receive latency (milliseconds,
 * the resolution of the Tick's times). Deliberately cheap, so the server's fan-out is what is measured.
 * It also follows {@code /topic/feed-status} and reports the longest silence between heart-beats: what
 * a trader's staleness check sees while the ticks flow.
 */
final class StompCountingClient implements AutoCloseable {

    private static final String PUBLISHED = "\"publishedTime\":";
    private static final String EXCHANGE = "\"exchangeTime\":";
    private static final String FEED_STATUS = "\ndestination:/topic/feed-status\n";

    private final AtomicLong messages = new AtomicLong();
    private final Recorder latencyMillis = new Recorder(3);
    private final Recorder endToEndMillis = new Recorder(3);
    private final ConnectionProblem problem = new ConnectionProblem();
    private final StompSubscription stomp = new StompSubscription(this::onMessage, problem);
    private final LongSupplier millis;
    private WebSocket socket;
    private final Object statusLock = new Object();
    private long lastStatusMillis;
    private long longestStatusGapMillis;

    StompCountingClient() {
        this(System::currentTimeMillis);
    }

    /** {@code millis}: wall time in ms, the clock of the ticks' {@code publishedTime} (tests give their own). */
    StompCountingClient(LongSupplier millis) {
        this.millis = millis;
    }

    void connect(HttpClient http, URI stompUrl, List<String> tokenIds) throws Exception {
        socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(stompUrl, new WholeTextMessages("server", this::onText, problem))
                .get(10, TimeUnit.SECONDS);
        synchronized (statusLock) {
            lastStatusMillis = millis.getAsLong();
        }
        stomp.subscribe(socket, tokenIds); // CONNECT first
        stomp.subscribeFeedStatus(socket);
    }

    /**
     * The longest time without a feed status since the last call (ms), counting the silence up to now,
     * so a heart-beat that stopped shows as the whole window.
     */
    long longestFeedStatusGapSinceLastCall() {
        synchronized (statusLock) {
            long now = millis.getAsLong();
            long longest = Math.max(longestStatusGapMillis, now - lastStatusMillis);
            longestStatusGapMillis = 0;
            lastStatusMillis = now; // the next window's silence is measured from here
            return longest;
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
        return problem.description();
    }

    @Override
    public void close() {
        if (socket != null) {
            socket.abort();
        }
    }

    /** One WebSocket message from the service (its STOMP frames). */
    void onText(String message) {
        stomp.onText(message);
    }

    private void onMessage(String frame) {
        long now = millis.getAsLong();
        int headerEnd = frame.indexOf("\n\n");
        int status = frame.indexOf(FEED_STATUS);
        if (status >= 0 && (headerEnd < 0 || status < headerEnd)) {
            synchronized (statusLock) {
                longestStatusGapMillis = Math.max(longestStatusGapMillis, now - lastStatusMillis);
                lastStatusMillis = now;
            }
            return; // not a tick
        }
        messages.incrementAndGet();
        record(frame, PUBLISHED, now, latencyMillis);
        record(frame, EXCHANGE, now, endToEndMillis);
    }

    private static void record(String frame, String field, long now, Recorder into) {
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
}
