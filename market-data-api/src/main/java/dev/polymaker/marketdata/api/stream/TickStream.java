package dev.polymaker.marketdata.api.stream;

import dev.polymaker.support.RepeatedCondition;
import dev.polymaker.support.Backoff;
import dev.polymaker.marketdata.api.Destinations;
import dev.polymaker.marketdata.api.FeedStatus;
import dev.polymaker.marketdata.api.Tick;
import org.apache.tomcat.websocket.WsWebSocketContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.messaging.converter.CompositeMessageConverter;
import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.converter.StringMessageConverter;
import org.springframework.messaging.simp.stomp.ConnectionLostException;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
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
 * <p>Threads, all named after the stream ({@code tickstream-N-...}) and stopped by {@link #close()}:
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
    /** Listener calls that may be waiting before ticks are skipped (see {@link ListenerDispatcher}). */
    static final int DISPATCH_CAPACITY = 10_000;
    private static final Duration REPEAT_LOG_INTERVAL = Duration.ofMinutes(1);
    private static final long CLOSE_WAIT_MS = 2_000;
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final TickStreamConfig config;
    private final Clock clock;
    private final String name;
    private final ThreadPoolTaskScheduler control;
    private final ThreadPoolTaskExecutor connector;
    private final WsWebSocketContainer container;
    private final WebSocketStompClient stompClient;
    private final ListenerDispatcher dispatcher;
    private final Backoff backoff;
    private final RepeatedCondition malformedLog;

    /** Guards de-duplication together with the wanted set, so ticks reach the dispatcher in acceptance order. */
    private final Object tickLock = new Object();
    private final TickDeduplicator dedup = new TickDeduplicator();
    /** token id -> serial of the subscribe() that added it: a token unsubscribed and re-added gets a fresh subscription and snapshot. */
    private final Map<String, Long> wanted = new ConcurrentHashMap<>();
    private final AtomicLong serials = new AtomicLong();

    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong duplicate = new AtomicLong();
    private final AtomicLong stale = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();

    // Owned by the control thread.
    private final Map<String, ActiveSubscription> active = new HashMap<>();
    private StompSession session;
    private ScheduledFuture<?> reconnectTask;
    private long attempts;
    private boolean everConnected;
    private volatile Session current;

    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile boolean closed;
    private volatile Link link = Link.DOWN;
    private volatile FeedSeen feedSeen = FeedSeen.NEVER;

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
        this.malformedLog = new RepeatedCondition(log, Level.WARN, clock, REPEAT_LOG_INTERVAL);
        this.dispatcher = new ListenerDispatcher(name, listener, dispatchCapacity,
                new RepeatedCondition(log, Level.ERROR, clock, REPEAT_LOG_INTERVAL),
                new RepeatedCondition(log, Level.ERROR, clock, REPEAT_LOG_INTERVAL));

        this.control = new ThreadPoolTaskScheduler();
        control.setPoolSize(1);
        control.setThreadNamePrefix(name + "-control-");
        control.setDaemon(true);
        control.setRemoveOnCancelPolicy(true);
        control.initialize();

        this.connector = new ThreadPoolTaskExecutor();
        connector.setCorePoolSize(1);
        connector.setMaxPoolSize(1);
        connector.setQueueCapacity(4);
        connector.setThreadNamePrefix(name + "-connect-");
        connector.setDaemon(true);
        connector.initialize();

        this.container = new WsWebSocketContainer();
        StandardWebSocketClient webSocketClient = new StandardWebSocketClient(container);
        webSocketClient.setTaskExecutor(connector);
        this.stompClient = new WebSocketStompClient(webSocketClient);
        // Unknown JSON fields are ignored so that the contract can grow without breaking old consumers.
        JsonMapper json = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        stompClient.setMessageConverter(new CompositeMessageConverter(
                List.of(new StringMessageConverter(), new JacksonJsonMessageConverter(json))));
        stompClient.setTaskScheduler(control);
        long heartbeatMs = config.heartbeat().toMillis();
        stompClient.setDefaultHeartbeat(new long[] {heartbeatMs, heartbeatMs});
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
        List<String> tokens = validTokenIds(tokenIds);
        ensureOpen();
        int added = 0;
        for (String token : tokens) {
            if (wanted.putIfAbsent(token, serials.incrementAndGet()) == null) {
                added++;
            }
        }
        if (added > 0) {
            log.info("{}: subscribing {} new token(s), {} wanted in total", name, added, wanted.size());
            onControl(this::syncSubscriptions);
        }
    }

    /** Removes tokens (unknown ones are ignored) and forgets their latest tick. */
    public void unsubscribe(Collection<String> tokenIds) {
        Objects.requireNonNull(tokenIds, "tokenIds");
        int removed = 0;
        synchronized (tickLock) {
            for (String token : tokenIds) {
                if (token != null && wanted.remove(token) != null) {
                    dedup.forget(token);
                    removed++;
                }
            }
        }
        if (removed > 0) {
            log.info("{}: unsubscribing {} token(s), {} wanted in total", name, removed, wanted.size());
            onControl(this::syncSubscriptions);
        }
    }

    /** The last accepted tick of a subscribed token. Kept across disconnects: check {@link #liveness()}. */
    public Optional<Tick> latest(String tokenId) {
        return tokenId == null ? Optional.empty() : dedup.latest(tokenId);
    }

    public FeedLiveness liveness() {
        Link l = link;
        FeedSeen f = feedSeen;
        return new FeedLiveness(l.connected(), f.time(), f.status(), l.since());
    }

    public TickStreamCounters counters() {
        return new TickStreamCounters(accepted.get(), duplicate.get(), stale.get(), malformed.get(),
                reconnects.get(), dispatcher.errors(), dispatcher.dropped());
    }

    /** The tokens this stream wants, whether or not currently connected. */
    public Set<String> tokens() {
        return Set.copyOf(wanted.keySet());
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
            done.get(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException | ExecutionException | TimeoutException e) {
            log.warn("{}: could not disconnect cleanly: {}", name, describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stompClient.stop();
        control.shutdown();
        connector.shutdown();
        try {
            container.destroy();
        } catch (RuntimeException e) {
            log.warn("{}: WebSocket container did not stop cleanly: {}", name, describe(e));
        }
        dispatcher.close(CLOSE_WAIT_MS);
        log.info("{}: closed; {}", name, counters());
    }

    // ---- control thread -------------------------------------------------------------------

    private void connect() {
        reconnectTask = null;
        if (closed) {
            return;
        }
        Session attempt = new Session(++attempts);
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
                            onControl(() -> lost(attempt, describe(error)));
                        }
                    });
        } catch (RuntimeException e) {
            lost(attempt, describe(e));
        }
    }

    private void connected(Session owner, StompSession stomp) {
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
        dispatcher.connection(true, "connected to " + config.url());
        try {
            stomp.subscribe(Destinations.FEED_STATUS, new FeedStatusFrames(owner));
        } catch (RuntimeException e) {
            lost(owner, "subscribe to " + Destinations.FEED_STATUS + " failed: " + describe(e));
            return;
        }
        syncSubscriptions();
    }

    /** Makes the session's subscriptions match the wanted set: subscribe (live, then snapshot) or unsubscribe. */
    private void syncSubscriptions() {
        StompSession stomp = session;
        Session owner = current;
        if (stomp == null || closed) {
            return;
        }
        try {
            for (Iterator<Map.Entry<String, ActiveSubscription>> it = active.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, ActiveSubscription> entry = it.next();
                Long serial = wanted.get(entry.getKey());
                if (serial == null || serial != entry.getValue().serial()) {
                    it.remove();
                    entry.getValue().subscription().unsubscribe();
                }
            }
            for (Map.Entry<String, Long> entry : wanted.entrySet()) {
                String token = entry.getKey();
                if (!active.containsKey(token)) {
                    StompSession.Subscription live = stomp.subscribe(Destinations.ticks(token), new TickFrames(owner, token));
                    active.put(token, new ActiveSubscription(entry.getValue(), live));
                    stomp.subscribe(Destinations.snapshot(token), new TickFrames(owner, token));
                }
            }
        } catch (RuntimeException e) {
            lost(owner, "subscription update failed: " + describe(e));
        }
    }

    private void lost(Session owner, String reason) {
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
            dispatcher.connection(false, reason);
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
        Session owner = current;
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
            dispatcher.connection(false, "closed");
        }
    }

    private void disconnectQuietly(StompSession stomp) {
        try {
            stomp.disconnect();
        } catch (RuntimeException e) {
            log.debug("{}: disconnect: {}", name, describe(e));
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
                log.error("{}: control thread rejected a task: {}", name, describe(e));
            }
        }
    }

    // ---- inbound (WebSocket container threads) ---------------------------------------------

    private void onTickFrame(Session owner, String token, String destination, Object payload) {
        if (owner.lost) {
            return;
        }
        if (!(payload instanceof Tick tick)) {
            malformed(destination, "empty payload");
            return;
        }
        String problem = problem(tick, token);
        if (problem != null) {
            malformed(destination, problem);
            return;
        }
        owner.receivedData = true;
        TickDeduplicator.Outcome outcome;
        synchronized (tickLock) {
            if (!wanted.containsKey(token)) {
                log.debug("{}: ignored tick for unsubscribed token {}", name, token);
                return;
            }
            outcome = dedup.offer(tick);
            switch (outcome) {
                case ACCEPTED -> {
                    accepted.incrementAndGet();
                    dispatcher.tick(tick);
                }
                case DUPLICATE -> {
                    duplicate.incrementAndGet();
                    dispatcher.rejected(tick, outcome.label());
                }
                case STALE -> {
                    stale.incrementAndGet();
                    dispatcher.rejected(tick, outcome.label());
                }
            }
        }
        if (log.isDebugEnabled()) {
            log.debug("{}: {} {} epoch {} seq {} via {}", name, outcome.label(), token, tick.epoch(), tick.seq(),
                    destination);
        }
    }

    private void onFeedStatusFrame(Session owner, String destination, Object payload) {
        if (owner.lost) {
            return;
        }
        if (!(payload instanceof FeedStatus status)) {
            malformed(destination, "empty payload");
            return;
        }
        if (status.epoch() == null || status.upstream() == null) {
            malformed(destination, "feed status without epoch or upstream");
            return;
        }
        owner.receivedData = true;
        FeedStatus previous = feedSeen.status();
        feedSeen = new FeedSeen(clock.millis(), status);
        if (previous == null || previous.upstream() != status.upstream()) {
            log.info("{}: feed reports upstream {} ({} of {} sockets connected, {} of {} tokens live)", name,
                    status.upstream(), status.socketsConnected(), status.sockets(), status.tokensLive(), status.tokens());
        }
        dispatcher.feedStatus(status);
    }

    private void errorFrame(Session owner, String message, String body) {
        String text = message == null || message.isBlank() ? "(no message header)" : message;
        if (owner.lost || closed) {
            // The server's answer to our own DISCONNECT, or a session already given up.
            log.debug("{}: STOMP ERROR frame on a closed session: {}", name, text);
            return;
        }
        // Logged once, at ERROR, by lost(): the server closes the session after an ERROR frame anyway.
        String reason = "STOMP ERROR: " + text + (body == null || body.isBlank() ? "" : " - " + abbreviate(body));
        onControl(() -> lost(owner, reason));
    }

    private void malformed(String destination, String reason) {
        malformed.incrementAndGet();
        malformedLog.record(name + ": malformed message on " + destination + " dropped: " + abbreviate(reason), null);
    }

    /** Why a decoded tick cannot be used, or null. */
    static String problem(Tick tick, String token) {
        if (tick.tokenId() == null) {
            return "tick without tokenId";
        }
        if (!tick.tokenId().equals(token)) {
            return "tick for token " + abbreviate(tick.tokenId()) + " on the destination of token " + token;
        }
        if (tick.epoch() == null || tick.epoch().isBlank()) {
            return "tick without epoch";
        }
        if (tick.seq() < 0) {
            return "tick with negative seq " + tick.seq();
        }
        if (tick.state() == null) {
            return "tick without state";
        }
        return null;
    }

    static String describe(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof TimeoutException) {
            return "no STOMP CONNECTED within " + CONNECT_TIMEOUT.toMillis() + " ms";
        }
        Throwable root = t;
        for (int depth = 0; depth < 10 && root.getCause() != null && root.getCause() != root; depth++) {
            root = root.getCause();
        }
        String text = text(t);
        return abbreviate(root == t ? text : text + " (cause: " + text(root) + ")");
    }

    private static String text(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "...";
    }

    private static List<String> validTokenIds(Collection<String> tokenIds) {
        Objects.requireNonNull(tokenIds, "tokenIds");
        List<String> valid = new ArrayList<>(tokenIds.size());
        List<String> invalid = new ArrayList<>();
        for (String token : tokenIds) {
            if (Destinations.isValidTokenId(token)) {
                valid.add(token);
            } else {
                invalid.add(token == null ? "null" : "'" + (token.length() > 24 ? token.substring(0, 24) + "..." : token) + "'");
            }
        }
        if (!invalid.isEmpty()) {
            throw new IllegalArgumentException("token ids must be 1-100 decimal digits; invalid: "
                    + (invalid.size() > 5 ? invalid.subList(0, 5) + " and " + (invalid.size() - 5) + " more" : invalid));
        }
        return valid;
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

    private record ActiveSubscription(long serial, StompSession.Subscription subscription) {
    }

    private record Link(boolean connected, long since) {
        static final Link DOWN = new Link(false, 0);
    }

    private record FeedSeen(long time, FeedStatus status) {
        static final FeedSeen NEVER = new FeedSeen(0, null);
    }

    /** One connect attempt and, if it succeeds, its session. ERROR frames arrive here. */
    private final class Session extends StompSessionHandlerAdapter {

        final long number;
        volatile boolean lost;
        volatile boolean receivedData;
        private final Queue<Throwable> transportErrors = new ConcurrentLinkedQueue<>();

        Session(long number) {
            this.number = number;
        }

        @Override
        public void afterConnected(StompSession stomp, StompHeaders headers) {
            onControl(() -> connected(this, stomp));
        }

        @Override
        public Type getPayloadType(StompHeaders headers) {
            return String.class;
        }

        @Override
        public void handleFrame(StompHeaders headers, Object payload) {
            errorFrame(this, headers.getFirst("message"), (String) payload);
        }

        @Override
        public void handleException(StompSession stomp, StompCommand command, StompHeaders headers, byte[] payload,
                                    Throwable error) {
            if (command == StompCommand.ERROR) {
                errorFrame(this, headers == null ? null : headers.getFirst("message"),
                        payload == null ? null : new String(payload, StandardCharsets.UTF_8));
            } else {
                malformed(headers == null ? "?" : headers.getDestination(), describe(error));
            }
        }

        @Override
        public void handleTransportError(StompSession stomp, Throwable error) {
            transportErrors.add(error);
            // Evaluated on the control thread: by then every error of the same failure has been recorded.
            onControl(() -> lost(this, transportFailure()));
        }

        /**
         * One failure often raises several errors (a heart-beat timeout also fails the close it
         * triggers); Spring's ConnectionLostException says best what happened, so it wins.
         */
        private String transportFailure() {
            Throwable chosen = transportErrors.stream()
                    .filter(ConnectionLostException.class::isInstance)
                    .findFirst()
                    .orElse(transportErrors.peek());
            return chosen == null ? "connection closed" : describe(chosen);
        }
    }

    private final class TickFrames implements StompFrameHandler {

        private final Session owner;
        private final String token;

        TickFrames(Session owner, String token) {
            this.owner = owner;
            this.token = token;
        }

        @Override
        public Type getPayloadType(StompHeaders headers) {
            return Tick.class;
        }

        @Override
        public void handleFrame(StompHeaders headers, Object payload) {
            onTickFrame(owner, token, headers.getDestination(), payload);
        }
    }

    private final class FeedStatusFrames implements StompFrameHandler {

        private final Session owner;

        FeedStatusFrames(Session owner) {
            this.owner = owner;
        }

        @Override
        public Type getPayloadType(StompHeaders headers) {
            return FeedStatus.class;
        }

        @Override
        public void handleFrame(StompHeaders headers, Object payload) {
            onFeedStatusFrame(owner, headers.getDestination(), payload);
        }
    }
}
