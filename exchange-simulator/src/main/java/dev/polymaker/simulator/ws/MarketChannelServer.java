package dev.polymaker.simulator.ws;

import dev.polymaker.simulator.ClientFrame;
import dev.polymaker.simulator.ConnectionInfo;
import dev.polymaker.simulator.Faults;
import dev.polymaker.simulator.FrameMode;
import dev.polymaker.simulator.book.Exchange;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketAdapter;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.WebSocketServerFactory;
import org.java_websocket.drafts.Draft;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The market channel at /ws/market: accepts (or, under faults, refuses) handshakes, runs the subscription protocol
 * per connection and owns the frame dispatcher that fans exchange events out to subscribers.
 */
public final class MarketChannelServer extends WebSocketServer implements Faults.Connections {
    private static final Logger log = LoggerFactory.getLogger(MarketChannelServer.class);
    public static final String PATH = "/ws/market";

    private final Exchange exchange;
    private final Clock clock;
    private final SubscriptionIndex index = new SubscriptionIndex();
    private final SubscriptionProtocol protocol;
    private final FrameDispatcher dispatcher;
    private final ScheduledExecutorService delayer;
    private final Duration subscribeTimeout;
    private final Duration pingTimeout;
    private final CountDownLatch started = new CountDownLatch(1);
    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicLong nextId = new AtomicLong(1);
    private volatile Faults faults;
    private volatile Exception startFailure;

    public MarketChannelServer(InetSocketAddress address, int decoders, Exchange exchange, FrameMode mode, long seed,
                               int maxQueuedFrames, Duration subscribeTimeout, Duration pingTimeout, Clock clock) {
        super(address, decoders);
        this.exchange = exchange;
        this.clock = clock;
        this.subscribeTimeout = subscribeTimeout;
        this.pingTimeout = pingTimeout;
        this.delayer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sim-ws-timer");
            t.setDaemon(true);
            return t;
        });
        this.faults = new Faults(this);
        this.dispatcher = new FrameDispatcher(index, faults, mode, seed, maxQueuedFrames, delayer);
        this.protocol = new SubscriptionProtocol(exchange, index, dispatcher, clock);
        if (!subscribeTimeout.isZero() || !pingTimeout.isZero()) {
            delayer.scheduleWithFixedDelay(this::enforceTimeouts, 50, 50, TimeUnit.MILLISECONDS);
        }
        setReuseAddr(true);
        setTcpNoDelay(true);
        setConnectionLostTimeout(0);
        setDaemon(true);
        setWebSocketFactory(new GuardedFactory());
        exchange.publisher(dispatcher);
    }

    public Faults faults() {
        return faults;
    }

    public FrameDispatcher dispatcher() {
        return dispatcher;
    }

    /** Starts listening and waits until the port is bound. */
    public void startAndWait() {
        start();
        try {
            if (!started.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("market channel did not start within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the market channel", e);
        }
        if (startFailure != null) {
            throw new IllegalStateException("market channel failed to start on " + getAddress() + ": "
                    + startFailure.getMessage(), startFailure);
        }
    }

    public int connectionAttempts() {
        return attempts.get();
    }

    public List<ConnectionInfo> connections() {
        List<ConnectionInfo> out = new ArrayList<>();
        for (ClientConnection connection : index.all()) {
            out.add(connection.info());
        }
        out.sort(Comparator.comparingLong(ConnectionInfo::id));
        return out;
    }

    public void shutdown() {
        try {
            stop(500, "simulator stopping");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        delayer.shutdownNow();
    }

    @Override
    public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(WebSocket conn, Draft draft,
                                                                       ClientHandshake request)
            throws InvalidDataException {
        attempts.incrementAndGet();
        int refusal = faults.refusalStatus();
        if (refusal > 0) {
            reject(conn, refusal, refusal == 429 ? "Too Many Requests" : "Refused", "connection refused");
        }
        String resource = request.getResourceDescriptor();
        int query = resource.indexOf('?');
        String path = query < 0 ? resource : resource.substring(0, query);
        if (!PATH.equals(path)) {
            reject(conn, 404, "Not Found", "404 page not found");
        }
        return super.onWebsocketHandshakeReceivedAsServer(conn, draft, request);
    }

    private static void reject(WebSocket conn, int status, String reason, String body) throws InvalidDataException {
        if (conn instanceof WebSocketImpl impl && impl.getChannel() instanceof GuardedChannel guarded) {
            try {
                guarded.respondAndMute(status, reason, body);
            } catch (IOException e) {
                log.debug("could not write the {} handshake response: {}", status, e.toString());
            }
        }
        throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, "handshake rejected with HTTP " + status);
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        if (faults.acceptThenClose()) {
            log.debug("accept-then-close: closing {}", conn.getRemoteSocketAddress());
            conn.close(CloseFrame.TRY_AGAIN_LATER, "accept-then-close");
            return;
        }
        ClientConnection connection = new ClientConnection(nextId.getAndIncrement(), conn, clock.instant());
        conn.setAttachment(connection);
        index.open(connection);
        log.debug("connection {} opened from {}", connection.id(), conn.getRemoteSocketAddress());
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        ClientConnection connection = conn.getAttachment();
        if (connection != null) {
            index.close(connection);
            log.debug("connection {} closed: {} {} (by {})", connection.id(), code, reason,
                    remote ? "client" : "server");
        }
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        ClientConnection connection = conn.getAttachment();
        if (connection == null) {
            return;
        }
        connection.record(new ClientFrame(clock.millis(), message));
        protocol.onText(connection, message);
    }

    @Override
    public void onMessage(WebSocket conn, ByteBuffer message) {
        ClientConnection connection = conn.getAttachment();
        if (connection == null) {
            return;
        }
        connection.record(new ClientFrame(clock.millis(), "<binary " + message.remaining() + " bytes>"));
        protocol.onBinary(connection);
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
        if (conn == null) {
            startFailure = ex;
            started.countDown();
            log.error("market channel server error: {}", ex.toString());
        } else {
            log.debug("market channel connection error: {}", ex.toString());
        }
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    /** Polymarket closes sockets that never subscribe and drops those that stop sending PING. */
    private void enforceTimeouts() {
        long now = clock.millis();
        for (ClientConnection connection : index.all()) {
            if (!connection.subscribed()) {
                if (!subscribeTimeout.isZero()
                        && now - connection.openedAt().toEpochMilli() >= subscribeTimeout.toMillis()) {
                    log.debug("connection {} did not subscribe within {}: closing", connection.id(), subscribeTimeout);
                    connection.socket().close(CloseFrame.POLICY_VALIDATION, "subscription timeout");
                }
            } else if (!pingTimeout.isZero() && now - connection.lastPingMillis() >= pingTimeout.toMillis()) {
                log.debug("connection {} sent no PING for {}: dropping", connection.id(), pingTimeout);
                GuardedChannel.abort(connection.socket(), "no PING");
            }
        }
    }

    @Override
    public void dropAll() {
        for (WebSocket socket : new ArrayList<>(getConnections())) {
            GuardedChannel.abort(socket, "dropped by simulator");
        }
    }

    @Override
    public void closeAll(int code, String reason) {
        for (WebSocket socket : new ArrayList<>(getConnections())) {
            socket.close(code, reason);
        }
    }

    @Override
    public void sendRawToAll(String text) {
        dispatcher.sendRawToAll(text);
    }

    /** Creates plain connections on a GuardedChannel, so handshakes can be refused with any HTTP status. */
    private static final class GuardedFactory implements WebSocketServerFactory {
        @Override
        public WebSocketImpl createWebSocket(WebSocketAdapter adapter, Draft draft) {
            return new WebSocketImpl(adapter, draft);
        }

        @Override
        public WebSocketImpl createWebSocket(WebSocketAdapter adapter, List<Draft> drafts) {
            return new WebSocketImpl(adapter, drafts);
        }

        @Override
        public ByteChannel wrapChannel(SocketChannel channel, SelectionKey key) {
            return new GuardedChannel(channel);
        }

        @Override
        public void close() {
        }
    }
}
