package dev.polymaker.polymarket.upstream;

import dev.polymaker.support.ListenerQueue;
import dev.polymaker.polymarket.market.SubscriptionFrames;
import dev.polymaker.support.Backoff;
import java.net.http.HttpClient;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The socket of one {@link MarketChannel}: opening it, sending on it, its PING task, closing it,
 * the reconnect backoff, and the state and counters its status reports. Guarded by the channel,
 * which decides when each of these happens.
 */
final class ChannelConnection {

    private static final Logger log = LoggerFactory.getLogger(MarketChannel.class);

    private final int socketId;
    private final UpstreamConfig config;
    private final HttpClient http;
    private final ScheduledExecutorService scheduler;
    private final ListenerQueue<UpstreamListener> dispatcher;
    private final Supplier<SocketStatus> status;
    private final Backoff backoff;

    private SocketState state = SocketState.DOWN;
    private MarketSocket socket;
    private boolean subscribed;
    private boolean connectScheduled;
    private long connectedSince;
    private long subscribedAt;
    private long reconnects;
    private long connectAttempts;
    private String lastError;
    private ScheduledFuture<?> pingTask;

    ChannelConnection(int socketId, UpstreamConfig config, HttpClient http, ScheduledExecutorService scheduler,
                      ListenerQueue<UpstreamListener> dispatcher, Supplier<SocketStatus> status) {
        this.socketId = socketId;
        this.config = config;
        this.http = http;
        this.scheduler = scheduler;
        this.dispatcher = dispatcher;
        this.status = status;
        this.backoff = new Backoff(config.initialBackoff(), config.maxBackoff(),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    MarketSocket socket() {
        return socket;
    }

    boolean subscribed() {
        return subscribed;
    }

    /** Neither open, opening nor due to open. */
    boolean idle() {
        return socket == null && !connectScheduled;
    }

    SocketState state() {
        return state;
    }

    long connectedSince() {
        return connectedSince;
    }

    long subscribedAt() {
        return subscribedAt;
    }

    long reconnects() {
        return reconnects;
    }

    String lastError() {
        return lastError;
    }

    void scheduleConnect(Duration delay, Runnable connect) {
        connectScheduled = true;
        scheduler.schedule(connect, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
    }

    /** The scheduled connect runs: it is no longer pending. */
    void connectDue() {
        connectScheduled = false;
    }

    void connect(MarketSocket.Handler handler, BiConsumer<MarketSocket, Throwable> onFailure) {
        connectAttempts++;
        setState(SocketState.CONNECTING);
        log.debug("socket {}: connecting to {} (attempt {})", socketId, config.url(), connectAttempts);
        MarketSocket connecting = new MarketSocket(handler);
        socket = connecting;
        connecting.connect(http, config.url(), connectTimeout(), scheduler, onFailure);
    }

    private Duration connectTimeout() {
        Duration byPing = config.pingInterval().multipliedBy(3);
        return byPing.compareTo(Duration.ofSeconds(10)) > 0 ? byPing : Duration.ofSeconds(10);
    }

    /** The connect attempt failed: forgets the socket and returns what failed (the channel records it). */
    String connectFailed(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        String detail;
        if (cause instanceof WebSocketHandshakeException handshake && handshake.getResponse() != null) {
            detail = "handshake refused with HTTP " + handshake.getResponse().statusCode();
        } else {
            detail = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        }
        socket = null;
        log.debug("socket {}: connect to {} failed (attempt {}): {}", socketId, config.url(), connectAttempts, detail);
        return detail;
    }

    void opened(long now) {
        connectedSince = now;
    }

    /** Sends the connection's one initial subscribe frame and starts the PING rhythm. */
    void subscribe(String initialFrame, long now, Runnable ping) {
        socket.send(initialFrame);
        subscribed = true;
        subscribedAt = now;
        long interval = Math.max(1, config.pingInterval().toMillis());
        pingTask = scheduler.scheduleAtFixedRate(ping, interval, interval, TimeUnit.MILLISECONDS);
    }

    void ping(MarketSocket target) {
        if (target == socket && subscribed) {
            target.send(SubscriptionFrames.PING);
        }
    }

    /** Sends frames in order; stops if the connection failed meanwhile (a send failure drops it). */
    void send(List<String> frames) {
        for (String frame : frames) {
            MarketSocket current = socket;
            if (current == null || !subscribed) {
                return;
            }
            current.send(frame);
        }
    }

    /** A fault of the connection: records why and returns the backoff delay before reconnecting. */
    Duration failed(String why) {
        lastError = why;
        return backoff.next();
    }

    /** Forgets the current socket, closing it ({@code abort}: hard). */
    void drop(boolean abort) {
        cancelPing();
        MarketSocket old = socket;
        socket = null;
        subscribed = false;
        if (old != null) {
            if (abort) {
                old.abort();
            } else {
                old.close();
            }
        }
    }

    /** Counts a reconnect and tells the listener; the channel then schedules it (or not). */
    void reconnecting(ReconnectReason reason) {
        reconnects++;
        if (state != SocketState.FROZEN) {
            setState(SocketState.DOWN);
        }
        dispatcher.submit(l -> l.onReconnect(socketId, reason));
    }

    /** Closes the connection because the channel has nothing to carry (not an error: no reconnect). */
    void disconnect(String why) {
        if (socket != null) {
            log.info("socket {}: closing, {}", socketId, why);
            MarketSocket old = socket;
            socket = null;
            subscribed = false;
            cancelPing();
            old.close();
        }
        setState(SocketState.DOWN);
    }

    private void cancelPing() {
        if (pingTask != null) {
            pingTask.cancel(false);
            pingTask = null;
        }
    }

    /** After data has flowed on one connection for {@code backoffResetAfter}, the next failure starts the backoff afresh. */
    void maybeResetBackoff(long now, long lastDataTime) {
        if (backoff.failures() > 0 && lastDataTime >= connectedSince && lastDataTime > 0
                && now - connectedSince >= config.backoffResetAfter().toMillis()) {
            backoff.reset();
        }
    }

    void setState(SocketState newState) {
        if (state == newState) {
            return;
        }
        state = newState;
        SocketStatus current = status.get();
        dispatcher.submit(l -> l.onSocketState(current));
    }
}
