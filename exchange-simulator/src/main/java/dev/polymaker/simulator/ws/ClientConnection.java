package dev.polymaker.simulator.ws;

import dev.polymaker.simulator.ClientFrame;
import dev.polymaker.simulator.ConnectionInfo;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.java_websocket.WebSocket;

/** Server-side state of one market-channel connection: its subscription and the frames the client sent. */
final class ClientConnection {
    static final int MAX_RECORDED_FRAMES = 1_000;

    private final long id;
    private final WebSocket socket;
    private final Instant openedAt;
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();
    private final ArrayDeque<ClientFrame> received = new ArrayDeque<>();
    private volatile boolean subscribed;
    private volatile boolean customFeature;
    private volatile boolean slowConsumer;
    private volatile long lastPingMillis;

    ClientConnection(long id, WebSocket socket, Instant openedAt) {
        this.id = id;
        this.socket = socket;
        this.openedAt = openedAt;
        this.lastPingMillis = openedAt.toEpochMilli();
    }

    Instant openedAt() {
        return openedAt;
    }

    /** Time of the last PING, or of the subscription when there was none since. */
    long lastPingMillis() {
        return lastPingMillis;
    }

    void pinged(long millis) {
        lastPingMillis = millis;
    }

    long id() {
        return id;
    }

    WebSocket socket() {
        return socket;
    }

    Set<String> tokens() {
        return tokens;
    }

    boolean subscribed() {
        return subscribed;
    }

    void markSubscribed() {
        subscribed = true;
    }

    boolean customFeature() {
        return customFeature;
    }

    void customFeature(boolean on) {
        customFeature = on;
    }

    /** True the first time only, so a slow consumer is logged once. */
    boolean markSlow() {
        boolean first = !slowConsumer;
        slowConsumer = true;
        return first;
    }

    void record(ClientFrame frame) {
        synchronized (received) {
            if (received.size() == MAX_RECORDED_FRAMES) {
                received.removeFirst();
            }
            received.addLast(frame);
        }
    }

    ConnectionInfo info() {
        List<ClientFrame> frames;
        synchronized (received) {
            frames = new ArrayList<>(received);
        }
        return new ConnectionInfo(id, Set.copyOf(tokens), frames, openedAt, subscribed, customFeature);
    }
}
