package dev.polymaker.marketdata.api.stream;

import dev.polymaker.support.ListenerQueue;
import dev.polymaker.support.ListenerQueue.WhenFull;
import dev.polymaker.support.RepeatedCondition;
import dev.polymaker.support.Backoff;
import dev.polymaker.marketdata.api.Destinations;
import dev.polymaker.marketdata.api.FeedStatus;
import dev.polymaker.marketdata.api.Tick;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.messaging.WebSocketStompClient;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A STOMP consumer of market-data-service's shared feed, usable by any JVM client: it keeps one
 * session to {@link TickStreamConfig#url()}, subscribes {@code /topic/ticks.{id}} then asks
 * {@code /app/ticks.{id}} for a snapshot for every wanted token, de-duplicates by (epoch, seq)
 * (docs/architecture.md §3.3), watches {@code /topic/feed-status}, and reconnects forever with jittered
 * backoff, resubscribing everything and re-requesting snapshots.
 *
 * <p>Threads, all named after the stream ({@code tickstream-N-...}) and stopped by {@link #close()}
 * ({@link StompTransport} creates the first two):
 * {@code control} (one thread: connects, subscribes, heart-beats, reconnect timer; every STOMP
 * write happens there), {@code connect} (the blocking WebSocket handshake) and {@code dispatch}
 * (one thread: every listener call). Frames are read on the WebSocket container's threads, where
 * de-duplication happens, so {@link #latest(String)} and {@link #counters()} are current even when
 * the listener lags.
 *
 * <p>Ordering: the listener sees events in the order the stream processed them. Per token, ticks
 * passed to {@link TickStreamListener#onTick} have strictly increasing seq within one epoch; a new
 * epoch starts over. {@code onConnectionChange(true)} precedes every tick of that session.
 * Snapshot replies and live ticks go through the same de-duplication, so a snapshot older than a
 * live tick already seen is reported as stale, and the snapshot re-requested after a reconnect is
 * usually a duplicate.
 */
public final class TickStream implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TickStream.class);

    /** How long the WebSocket handshake plus STOMP CONNECTED may take before the attempt counts as failed. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Listener calls that may be waiting before ticks are skipped (ticks, rejections and statuses are then dropped: see {@link ListenerQueue}). */
    static final int DISPATCH_CAPACITY = 10_000;
    private static final Duration REPEAT_LOG_INTERVAL = Duration.ofMinutes(1);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final TickStreamConfig config;
    private final Clock clock;
    private final String name;
    private final StompTransport transport;
    private final ThreadPoolTaskScheduler control;
    private final WebSocketStompClient stompClient;
    private final ListenerQueue<TickStreamListener> dispatcher;
    private final Backoff backoff;
    private final TickIntake intake;
    /** The live wanted map of {@link #intake}. */
    private final Map<String, Long> wanted;
    private final AtomicLong reconnects = new AtomicLong();

    // Owned by the control thread.
    private final StompSubscriptions active = new StompSubscriptions();
    private StompSession session;
    private ScheduledFuture<?> reconnectTask;
    private long attempts;
    private boolean everConnected;
    private volatile StreamSession current;
    private final StreamSession.Events sessionEvents = new StreamSession.Events() {
        @Override
        public void connected(StreamSession owner, StompSession stomp) {
            onControl(() -> TickStream.this.connected(owner, stomp));
        }

        @Override
        public void errorFrame(StreamSession owner, String message, String body) {
            TickStream.this.errorFrame(owner, message, body);
        }

        @Override
        public void malformed(String destination, String reason) {
            intake.malformed(destination, reason);
        }

        @Override
        public void transportFailed(StreamSession owner) {
            // Evaluated on the control thread: by then every error of the same failure has been recorded.
            onControl(() -> lost(owner, owner.transportFailure()));
        }
    };

    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile boolean closed;
    private volatile Link link = Link.DOWN;

    public TickStream(TickStreamConfig config, TickStreamListener listener, Clock clock) {
        this(config, listener, clock, DISPATCH_CAPACITY);
    }

    TickStream(TickStreamConfig config, TickStreamListener listener, Clock clock, int dispatchCapacity) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(listener, "listener");
        this.name = "tickstream-" + INSTANCES.incrementAndGet();
        this.backoff = new Backoff(config.initialBackoff(), config.maxBackoff(),
                () -> ThreadLocalRandom.current().nextDouble());
        // Ticks, rejections and statuses are state (the next one carries what a dropped one did): DROP when full.
        this.dispatcher = new ListenerQueue<>(name + "-dispatch", dispatchCapacity, WhenFull.DROP, listener,
                new RepeatedCondition(log, Level.ERROR, clock, REPEAT_LOG_INTERVAL),
                new RepeatedCondition(log, Level.ERROR, clock, REPEAT_LOG_INTERVAL));
        this.intake = new TickIntake(name, clock, dispatcher,
                new RepeatedCondition(log, Level.WARN, clock, REPEAT_LOG_INTERVAL));
        this.wanted = intake.wanted();

        this.transport = new StompTransport(name, config.heartbeat());
        this.control = transport.control();
        this.stompClient = transport.client();
    }

    /** Connects in the background; every failed attempt is logged at ERROR and retried with backoff, forever. */
    public void start() {
        ensureOpen();
        if (!started.compareAndSet(false, true)) {
            return;
        }
        log.info("{}: consuming market data from {} (heart-beat {} ms, reconnect backoff {}..{} ms, auth-token {}, {} token(s))",
                name, config.url(), config.heartbeat().toMillis(), config.initialBackoff().toMillis(),
                config.maxBackoff().toMillis(), config.authToken() == null ? "not set" : "set", wanted.size());
        stompClient.start();
        onControl(this::connect);
    }

    /**
     * Adds tokens; idempotent. Tokens not yet subscribed are subscribed (live, then snapshot) at once
     * if connected, else on connect.
     *
     * @throws IllegalArgumentException if any id is not a valid token id; then none is added
     */
    public void subscribe(Collection<String> tokenIds) {
        List<String> tokens = StreamText.validTokenIds(tokenIds);
        ensureOpen();
        int added = intake.want(tokens);
        if (added > 0) {
            log.info("{}: subscribing {} new token(s), {} wanted in total", name, added, wanted.size());
            onControl(this::syncSubscriptions);
        }
    }

    /** Removes tokens (unknown ones are ignored) and forgets their latest tick. */
    public void unsubscribe(Collection<String> tokenIds) {
        Objects.requireNonNull(tokenIds, "tokenIds");
        int removed = intake.forget(tokenIds);
        if (removed > 0) {
            log.info("{}: unsubscribing {} token(s), {} wanted in total", name, removed, wanted.size());
            onControl(this::syncSubscriptions);
        }
    }

    /** The last accepted tick of a subscribed token. Kept across disconnects: check {@link #liveness()}. */
    public Optional<Tick> latest(String tokenId) {
        return tokenId == null ? Optional.empty() : intake.latest(tokenId);
    }

    public FeedLiveness liveness() {
        Link l = link;
        TickIntake.FeedSeen f = intake.feedSeen();
        return new FeedLiveness(l.connected(), f.time(), f.status(), l.since());
    }

    public TickStreamCounters counters() {
        return intake.counters(reconnects.get());
    }

    /** The tokens this stream wants, whether or not currently connected. */
    public Set<String> tokens() {
        return intake.tokens();
    }

    /**
     * Disconnects, stops every thread of this stream and calls {@code onConnectionChange(false, "closed")}
     * if connected. Queued listener calls get up to 2 s to run. Idempotent.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        closed = true;
        try {
            Future<?> done = control.submit(this::shutdownSession);
            done.get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException | ExecutionException | TimeoutException e) {
            log.warn("{}: could not disconnect cleanly: {}", name, StreamText.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        transport.stop();
        dispatcher.close(CLOSE_WAIT);
        log.info("{}: closed; {}", name, counters());
    }

    // ---- control thread -------------------------------------------------------------------

    private void connect() {
        reconnectTask = null;
        if (closed) {
            return;
        }
        StreamSession attempt = new StreamSession(++attempts, sessionEvents);
        current = attempt;
        StompHeaders connectHeaders = new StompHeaders();
        if (config.authToken() != null) {
            connectHeaders.add(TickStreamConfig.AUTH_TOKEN_HEADER, config.authToken());
        }
        log.debug("{}: connect attempt {} to {}", name, attempt.number, config.url());
        try {
            stompClient.connectAsync(config.url(), new WebSocketHttpHeaders(), connectHeaders, attempt)
                    .orTimeout(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((stomp, error) -> {
                        if (error != null) {
                            onControl(() -> lost(attempt, StreamText.describe(error)));
                        }
                    });
        } catch (RuntimeException e) {
            lost(attempt, StreamText.describe(e));
        }
    }

    private void connected(StreamSession owner, StompSession stomp) {
        if (closed || owner != current || owner.lost) {
            disconnectQuietly(stomp);
            return;
        }
        session = stomp;
        active.clear();
        link = new Link(true, clock.millis());
        if (everConnected) {
            reconnects.incrementAndGet();
        }
        everConnected = true;
        log.info("{}: connected to {} (attempt {}), subscribing {} token(s)", name, config.url(), owner.number,
                wanted.size());
        intake.connection(true, "connected to " + config.url());
        try {
            stomp.subscribe(Destinations.FEED_STATUS, new PayloadFrames(FeedStatus.class,
                    (headers, payload) -> intake.onFeedStatusFrame(owner, headers.getDestination(), payload)));
        } catch (RuntimeException e) {
            lost(owner, "subscribe to " + Destinations.FEED_STATUS + " failed: " + StreamText.describe(e));
            return;
        }
        syncSubscriptions();
    }

    /** Makes the session's subscriptions match the wanted set: subscribe (live, then snapshot) or unsubscribe. */
    private void syncSubscriptions() {
        StompSession stomp = session;
        StreamSession owner = current;
        if (stomp == null || closed) {
            return;
        }
        try {
            active.sync(stomp, wanted, token -> new PayloadFrames(Tick.class,
                    (headers, payload) -> intake.onTickFrame(owner, token, headers, payload)));
        } catch (RuntimeException e) {
            lost(owner, "subscription update failed: " + StreamText.describe(e));
        }
    }

    private void lost(StreamSession owner, String reason) {
        if (owner.lost || owner != current) {
            return;
        }
        owner.lost = true;
        StompSession stomp = session;
        session = null;
        active.clear();
        if (stomp != null) {
            disconnectQuietly(stomp);
        }
        if (owner.receivedData) {
            backoff.reset();
        }
        if (stomp != null) {
            link = Link.DOWN;
            intake.connection(false, reason);
        }
        if (closed) {
            return;
        }
        Duration delay = backoff.next();
        if (stomp != null) {
            log.error("{}: connection to {} lost: {}; reconnecting in {} ms", name, config.url(), reason, delay.toMillis());
        } else {
            log.error("{}: connect attempt {} to {} failed: {}; retrying in {} ms", name, owner.number, config.url(),
                    reason, delay.toMillis());
        }
        reconnectTask = control.schedule(this::connect, control.getClock().instant().plus(delay));
    }

    private void shutdownSession() {
        if (reconnectTask != null) {
            reconnectTask.cancel(false);
            reconnectTask = null;
        }
        StreamSession owner = current;
        if (owner != null) {
            owner.lost = true;
        }
        StompSession stomp = session;
        session = null;
        active.clear();
        if (stomp != null) {
            disconnectQuietly(stomp);
        }
        if (link.connected()) {
            link = Link.DOWN;
            intake.connection(false, "closed");
        }
    }

    private void disconnectQuietly(StompSession stomp) {
        try {
            stomp.disconnect();
        } catch (RuntimeException e) {
            log.debug("{}: disconnect: {}", name, StreamText.describe(e));
        }
    }

    private void onControl(Runnable task) {
        try {
            control.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.error("{}: unexpected failure on the control thread", name, e);
                }
            });
        } catch (RejectedExecutionException e) {
            if (!closed) {
                log.error("{}: control thread rejected a task: {}", name, StreamText.describe(e));
            }
        }
    }

    // ---- inbound (WebSocket container threads) ---------------------------------------------

    private void errorFrame(StreamSession owner, String message, String body) {
        String text = message == null || message.isBlank() ? "(no message header)" : message;
        if (owner.lost || closed) {
            // The server's answer to our own DISCONNECT, or a session already given up.
            log.debug("{}: STOMP ERROR frame on a closed session: {}", name, text);
            return;
        }
        // Logged once, at ERROR, by lost(): the server closes the session after an ERROR frame anyway.
        String reason = "STOMP ERROR: " + text + (body == null || body.isBlank() ? "" : " - " + StreamText.abbreviate(body));
        onControl(() -> lost(owner, reason));
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException(name + " is closed");
        }
    }

    @Override
    public String toString() {
        return name + "[" + config.url() + ", " + (link.connected() ? "connected" : "disconnected") + ", "
                + wanted.size() + " tokens]";
    }

    private record Link(boolean connected, long since) {
        static final Link DOWN = new Link(false, 0);
    }
}
