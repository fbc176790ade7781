package dev.polymaker.benchmarks.latency;

import dev.polymaker.benchmarks.socket.ConnectionProblem;
import dev.polymaker.benchmarks.socket.MarketSubscription;
import dev.polymaker.benchmarks.socket.WholeTextMessages;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The floor of any relay, for the latency harness's third side ({@code hop}): a process that reads the
 * exchange's market channel exactly as market-data-service's pool does (a JDK WebSocket whose tasks run
 * on its selector thread) and writes every message, unparsed, to every consumer through the same
 * WebSocket server the simulator broadcasts with (the raw side's). One hop and nothing else: what an
 * extra process on the path costs before any parsing, sequencing or STOMP. A consumer's subscribe is
 * answered with {@code []} (the exchange's answer with nothing to dump). Logs {@code HOP-READY <port>}
 * once the upstream's books have arrived, and exits with status 1 when the upstream socket closes or
 * fails. docs/performance.md §5.
 */
public final class HopForwarder extends WebSocketServer {

    static final String READY = "HOP-READY ";
    private static final Logger log = LoggerFactory.getLogger(HopForwarder.class);

    private final ConnectionProblem problem = new ConnectionProblem();
    private final CountDownLatch started = new CountDownLatch(1);

    private HopForwarder() {
        super(new InetSocketAddress("127.0.0.1", 0));
        setReuseAddr(true);
        setTcpNoDelay(true);
    }

    /** {@code --upstream=<market channel URL> --tokens=<id,id,...>} */
    public static void main(String[] args) throws Exception {
        URI upstream = null;
        List<String> tokens = List.of();
        for (String arg : args) {
            if (arg.startsWith("--upstream=")) {
                upstream = URI.create(arg.substring("--upstream=".length()));
            } else if (arg.startsWith("--tokens=")) {
                tokens = Arrays.asList(arg.substring("--tokens=".length()).split(","));
            } else {
                throw new IllegalArgumentException("unknown option " + arg + "; use --upstream=<url> --tokens=<ids>");
            }
        }
        if (upstream == null || tokens.isEmpty()) {
            throw new IllegalArgumentException("--upstream=<url> and --tokens=<ids> are required");
        }
        HopForwarder server = new HopForwarder();
        server.start();
        if (!server.started.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("hop forwarder: server did not start");
        }
        CountDownLatch books = new CountDownLatch(1);
        CountDownLatch lost = new CountDownLatch(1);
        WholeTextMessages frames = new WholeTextMessages("upstream", text -> {
            books.countDown();
            server.broadcast(text);
        }, server.problem);
        HttpClient http = HttpClient.newBuilder().executor(Runnable::run).connectTimeout(Duration.ofSeconds(10)).build();
        WebSocket socket = http.newWebSocketBuilder().buildAsync(upstream, new UntilLost(frames, lost))
                .get(10, TimeUnit.SECONDS);
        socket.sendText(MarketSubscription.forTokens(tokens), true).get(10, TimeUnit.SECONDS);
        if (!books.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("hop forwarder: no frame from " + upstream + " in 30 s");
        }
        log.info("{}{}", READY, server.getPort());
        lost.await(); // runs until the harness stops the process, or the upstream goes
        log.error("hop forwarder: upstream lost: {}", server.problem.description());
        System.exit(1);
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    @Override
    public void onOpen(org.java_websocket.WebSocket conn, ClientHandshake handshake) {
    }

    @Override
    public void onMessage(org.java_websocket.WebSocket conn, String message) {
        conn.send("[]");
    }

    @Override
    public void onClose(org.java_websocket.WebSocket conn, int code, String reason, boolean remote) {
    }

    @Override
    public void onError(org.java_websocket.WebSocket conn, Exception ex) {
        log.warn("hop forwarder: {} error: {}", conn == null ? "server" : "consumer", ex.toString());
    }

    /** The upstream listener, plus: a close or error counts {@code lost} down (after the problem is recorded). */
    private record UntilLost(WebSocket.Listener frames, CountDownLatch lost) implements WebSocket.Listener {

        @Override
        public void onOpen(WebSocket ws) {
            frames.onOpen(ws);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            return frames.onText(ws, data, last);
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            CompletionStage<?> done = frames.onClose(ws, statusCode, reason);
            lost.countDown();
            return done;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            frames.onError(ws, error);
            lost.countDown();
        }
    }
}
