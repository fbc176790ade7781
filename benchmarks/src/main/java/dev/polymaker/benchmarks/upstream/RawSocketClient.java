package dev.polymaker.benchmarks.upstream;

import dev.polymaker.benchmarks.socket.ConnectionProblem;
import dev.polymaker.benchmarks.socket.MarketSubscription;
import dev.polymaker.benchmarks.socket.SocketThread;
import dev.polymaker.benchmarks.socket.WholeTextMessages;
import java.net.URI;
import java.net.http.WebSocket;
import java.util.List;
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
    private final SocketThread thread = new SocketThread("raw-socket-io");
    private final AtomicLong frames = new AtomicLong();
    private final AtomicLong events = new AtomicLong();
    private final Recorder latency = new Recorder(3);
    private final ConnectionProblem problem = new ConnectionProblem();
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
        socket = thread.open(marketUrl, new WholeTextMessages("server", this::onFrame, problem));
        socket.sendText(MarketSubscription.forTokens(tokenIds), true).get(10, TimeUnit.SECONDS);
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
        return problem.description();
    }

    @Override
    public void close() {
        thread.close();
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
}
