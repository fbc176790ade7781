package dev.polymaker.benchmarks.latency;

import dev.polymaker.benchmarks.socket.ConnectionProblem;
import dev.polymaker.benchmarks.socket.SocketThread;
import dev.polymaker.benchmarks.socket.StompSubscription;
import dev.polymaker.benchmarks.socket.WholeTextMessages;
import dev.polymaker.benchmarks.upstream.MicrosecondClock;
import java.net.URI;
import java.net.http.WebSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    private final SocketThread thread = new SocketThread("stomp-consumer");
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong gaps = new AtomicLong();
    private final AtomicLong conflated = new AtomicLong();
    private final Recorder latency = new Recorder(3);
    private final Map<String, Long> lastSeq = new HashMap<>();
    private final ConnectionProblem problem = new ConnectionProblem();
    private final StompSubscription stomp = new StompSubscription(this::onMessage, problem);
    private volatile boolean reading = true;
    private WebSocket socket;

    StompTickConsumer(MicrosecondClock clock) {
        this.clock = clock;
    }

    void connect(URI stompUrl, List<String> tokenIds) throws Exception {
        socket = thread.open(stompUrl, new WholeTextMessages("server", stomp::onText, () -> reading, problem));
        stomp.subscribe(socket, tokenIds);
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
        return problem.description();
    }

    @Override
    public void close() {
        thread.close();
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
}
