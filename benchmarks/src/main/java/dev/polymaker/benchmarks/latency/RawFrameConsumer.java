package dev.polymaker.benchmarks.latency;

import dev.polymaker.benchmarks.socket.ConnectionProblem;
import dev.polymaker.benchmarks.socket.MarketSubscription;
import dev.polymaker.benchmarks.socket.SocketThread;
import dev.polymaker.benchmarks.socket.WholeTextMessages;
import dev.polymaker.benchmarks.upstream.MicrosecondClock;
import java.net.URI;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
    private final SocketThread thread = new SocketThread("raw-consumer");
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong frames = new AtomicLong();
    private final Recorder latency = new Recorder(3);
    private final CompletableFuture<Void> firstFrame = new CompletableFuture<>();
    private final ConnectionProblem problem = new ConnectionProblem();
    private WebSocket socket;

    RawFrameConsumer(MicrosecondClock clock) {
        this.clock = clock;
    }

    void connect(URI marketUrl, List<String> tokenIds) throws Exception {
        socket = thread.open(marketUrl, new WholeTextMessages("simulator", this::onFrame, problem));
        socket.sendText(MarketSubscription.forTokens(tokenIds), true).get(10, TimeUnit.SECONDS);
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
        return problem.description();
    }

    @Override
    public void close() {
        thread.close();
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
}
