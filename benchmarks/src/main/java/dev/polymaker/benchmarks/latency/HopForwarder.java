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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * The floor of any relay, for the latency harness's third side ({@code hop}): a process that reads the
 * exchange's market channel exactly as market-data-service's pool does (a JDK WebSocket whose tasks run
 * on its selector thread) and writes every message, unparsed, to every consumer through the same
 * WebSocket server the simulator broadcasts with (the raw side's). One hop and nothing else: what an
 * extra process on the path costs before any parsing, sequencing or STOMP. A consumer's subscribe is
 * answered with {@code []} (the exchange's answer with nothing to dump). Prints {@code HOP-READY <port>}
 * once the upstream's books have arrived. docs/performance.md §5.
 */
public final class HopForwarder extends WebSocketServer {

    static final String READY = "HOP-READY ";

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
        HttpClient http = HttpClient.newBuilder().executor(Runnable::run).connectTimeout(Duration.ofSeconds(10)).build();
        WebSocket socket = http.newWebSocketBuilder().buildAsync(upstream, new WholeTextMessages("upstream", text -> {
            books.countDown();
            server.broadcast(text);
        }, server.problem)).get(10, TimeUnit.SECONDS);
        socket.sendText(MarketSubscription.forTokens(tokens), true).get(10, TimeUnit.SECONDS);
        if (!books.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("hop forwarder: no frame from " + upstream + " in 30 s");
        }
        System.out.println(READY + server.getPort());
        System.out.flush();
        while (server.problem.description() == null) {
            Thread.sleep(1000); // runs until the harness stops the process
        }
        System.err.println("hop forwarder: upstream lost: " + server.problem.description());
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
        System.err.println("hop forwarder: " + (conn == null ? "server" : "consumer") + " error: " + ex);
    }
}
