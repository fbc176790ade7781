package dev.polymaker.polymarket.upstream;

import dev.polymaker.polymarket.book.BookSnapshot;
import dev.polymaker.polymarket.market.MarketResolvedEvent;
import dev.polymaker.polymarket.market.SubscriptionFrames;
import dev.polymaker.polymarket.rest.RestBook;
import java.net.http.HttpClient;
import java.net.http.WebSocketHandshakeException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One shard of the pool: a market-channel socket, its token set and their books. Owns the
 * connection's life: one initial subscribe, PING rhythm, the three watchdogs (no frame, no
 * data with a REST witness, no first book), desync resubscribes and reconnect with backoff.
 * Every field is guarded by {@code this}; listener calls leave through the {@link Dispatcher}.
 */
final class MarketChannel {

    private static final Logger log = LoggerFactory.getLogger(MarketChannel.class);
    /** Tokens the REST witness checks per silence (one POST /books call), and REST snapshots asked per watchdog tick. */
    private static final int WITNESS_SAMPLE = 20;

    private final int id;
    private final UpstreamConfig config;
    private final Clock clock;
    private final HttpClient http;
    private final ScheduledExecutorService scheduler;
    private final Dispatcher dispatcher;
    private final BookRest rest;
    private final Consumer<MarketResolvedEvent> resolutions;
    private final SilenceWatch silence;
    private final SilenceWitness witness;
    private final FirstBookWatch firstBooks;
    private final SnapshotResync resyncs;
    private final ChannelTraffic traffic;
    private final Backoff backoff;
    private final ShardBooks books;
    /** The live token map of {@link #books}, guarded by this channel like everything else. */
    private final Map<String, TokenEntry> tokens;

    private SocketState state = SocketState.DOWN;
    private MarketSocket socket;
    private boolean subscribed;
    private boolean closed;
    private boolean connectScheduled;
    private long connectedSince;
    private long subscribedAt;
    private long reconnects;
    private long connectAttempts;
    private String lastError;
    private ScheduledFuture<?> pingTask;

    MarketChannel(int id, UpstreamConfig config, Duration failedTokenRetry, Clock clock, HttpClient http, ScheduledExecutorService scheduler,
                  Dispatcher dispatcher, BookRest rest, Consumer<MarketResolvedEvent> resolutions) {
        this.id = id;
        this.config = config;
        this.clock = clock;
        this.http = http;
        this.scheduler = scheduler;
        this.dispatcher = dispatcher;
        this.rest = rest;
        this.resolutions = resolutions;
        this.silence = new SilenceWatch(config.silenceTimeout().toMillis());
        this.books = new ShardBooks(id, config.desyncFrames(), dispatcher);
        this.tokens = books.entries();
        long failedRetryMillis = Math.max(1, failedTokenRetry.toMillis());
        this.witness = new SilenceWitness(id, WITNESS_SAMPLE, silence, dispatcher);
        this.firstBooks = new FirstBookWatch(id, config.firstBookTimeout().toMillis(), config.firstBookRetries(),
                failedRetryMillis, books);
        this.resyncs = new SnapshotResync(id, books, rest, failedRetryMillis, config.firstBookTimeout().toMillis(),
                WITNESS_SAMPLE);
        this.traffic = new ChannelTraffic(id, books, dispatcher, resyncs, firstBooks);
        this.backoff = new Backoff(config.initialBackoff(), config.maxBackoff(),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    int id() {
        return id;
    }

    // ---------------------------------------------------------------- membership

    synchronized int size() {
        return tokens.size();
    }

    synchronized boolean isEmpty() {
        return tokens.isEmpty();
    }

    synchronized boolean contains(String tokenId) {
        return tokens.containsKey(tokenId);
    }

    /** Adds tokens as PENDING; on an open connection they are subscribed with {@code operation} frames. */
    synchronized void addTokens(Collection<String> tokenIds) {
        long now = clock.millis();
        List<String> added = new ArrayList<>();
        for (String tokenId : tokenIds) {
            if (!tokens.containsKey(tokenId)) {
                TokenEntry entry = new TokenEntry(tokenId, now, "subscribing on socket " + id);
                tokens.put(tokenId, entry);
                added.add(tokenId);
                dispatcher.submit(l -> l.onTokenState(tokenId, TokenState.PENDING, entry.reason));
            }
        }
        if (added.isEmpty()) {
            return;
        }
        if (subscribed) {
            for (String tokenId : added) {
                tokens.get(tokenId).awaitingSince = now;
            }
            send(SubscriptionFrames.subscribe(added));
            log.info("socket {}: subscribed {} more token(s), {} in total", id, added.size(), tokens.size());
        }
    }

    /** Unsubscribes tokens and forgets their books; returns how many were carried here. */
    synchronized int removeTokens(Collection<String> tokenIds) {
        List<String> removed = new ArrayList<>();
        for (String tokenId : tokenIds) {
            if (tokens.remove(tokenId) != null) {
                removed.add(tokenId);
            }
        }
        if (!removed.isEmpty() && subscribed) {
            send(SubscriptionFrames.unsubscribe(removed));
            log.info("socket {}: unsubscribed {} token(s), {} left", id, removed.size(), tokens.size());
        }
        if (tokens.isEmpty()) {
            disconnect("no tokens left");
        }
        return removed.size();
    }

    synchronized List<String> tokenIds() {
        return List.copyOf(tokens.keySet());
    }

    synchronized Optional<BookSnapshot> book(String tokenId) {
        TokenEntry entry = tokens.get(tokenId);
        return entry == null || entry.book == null ? Optional.empty() : Optional.of(entry.book.snapshot());
    }

    synchronized Optional<TokenStatus> tokenStatus(String tokenId) {
        TokenEntry entry = tokens.get(tokenId);
        return entry == null ? Optional.empty() : Optional.of(entry.status(id));
    }

    synchronized void collectTokenStatus(Map<String, TokenStatus> into) {
        tokens.values().forEach(entry -> into.put(entry.tokenId, entry.status(id)));
    }

    synchronized SocketStatus status() {
        return new SocketStatus(id, state, tokens.size(), state == SocketState.CONNECTED ? connectedSince : 0,
                traffic.lastFrameTime(), traffic.lastDataTime(), reconnects, lastError, witness.failures(), witness.lastFailure(),
                witness.lastFailureTime());
    }

    synchronized long lastDataTime() {
        return traffic.lastDataTime();
    }

    synchronized long connectAttempts() {
        return connectAttempts;
    }

    // ---------------------------------------------------------------- connection life

    /** Opens the socket after {@code delay}, unless it has no tokens or is already open or opening. */
    synchronized void start(Duration delay) {
        if (closed || tokens.isEmpty() || socket != null || connectScheduled) {
            return;
        }
        scheduleConnect(delay);
    }

    private void scheduleConnect(Duration delay) {
        connectScheduled = true;
        scheduler.schedule(this::connect, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
    }

    private synchronized void connect() {
        connectScheduled = false;
        if (closed || socket != null) {
            return;
        }
        if (tokens.isEmpty()) {
            setState(SocketState.DOWN);
            return;
        }
        connectAttempts++;
        setState(SocketState.CONNECTING);
        log.debug("socket {}: connecting to {} (attempt {})", id, config.url(), connectAttempts);
        MarketSocket connecting = new MarketSocket(new SocketHandler());
        socket = connecting;
        connecting.connect(http, config.url(), connectTimeout(), scheduler, this::onConnectFailure);
    }

    private Duration connectTimeout() {
        Duration byPing = config.pingInterval().multipliedBy(3);
        return byPing.compareTo(Duration.ofSeconds(10)) > 0 ? byPing : Duration.ofSeconds(10);
    }

    private synchronized void onConnectFailure(MarketSocket failed, Throwable error) {
        if (failed != socket || closed) {
            return;
        }
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        String detail;
        if (cause instanceof WebSocketHandshakeException handshake && handshake.getResponse() != null) {
            detail = "handshake refused with HTTP " + handshake.getResponse().statusCode();
        } else {
            detail = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        }
        socket = null;
        lastError = detail;
        Duration delay = backoff.next();
        log.error("socket {}: connect to {} failed (attempt {}): {}; retrying in {} ms", id, config.url(),
                connectAttempts, detail, delay.toMillis());
        reconnect("error", delay);
    }

    private synchronized void onOpen(MarketSocket opened) {
        if (opened != socket || closed) {
            opened.abort();
            return;
        }
        long now = clock.millis();
        connectedSince = now;
        traffic.connected(now);
        silence.reset();
        resyncs.reset();
        if (tokens.isEmpty()) {
            disconnect("no tokens left");
            return;
        }
        // Exactly one type:"market" frame per connection, before any PING (protocol §1.2-1.4).
        socket.send(SubscriptionFrames.initial(tokens.keySet()));
        subscribed = true;
        subscribedAt = now;
        for (TokenEntry entry : tokens.values()) {
            entry.awaitingSince = now;
            entry.mismatchFrames = 0;
        }
        long ping = Math.max(1, config.pingInterval().toMillis());
        MarketSocket pinged = socket;
        pingTask = scheduler.scheduleAtFixedRate(() -> ping(pinged), ping, ping, TimeUnit.MILLISECONDS);
        setState(SocketState.CONNECTED);
        log.info("socket {}: connected to {}, subscribed {} token(s)", id, config.url(), tokens.size());
    }

    private synchronized void ping(MarketSocket target) {
        if (target == socket && subscribed) {
            target.send(SubscriptionFrames.PING);
        }
    }

    private synchronized void onClosed(MarketSocket closedSocket, int code, String reason) {
        if (closedSocket != socket || closed) {
            return;
        }
        lastError = "closed by server: " + code + (reason == null || reason.isEmpty() ? "" : " " + reason);
        Duration delay = backoff.next();
        log.error("socket {}: {}; reconnecting in {} ms", id, lastError, delay.toMillis());
        dropConnection(false);
        reconnect("closed", delay);
    }

    private synchronized void onError(MarketSocket failed, Throwable error) {
        if (failed != socket || closed) {
            return;
        }
        lastError = error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
        Duration delay = backoff.next();
        log.error("socket {}: connection error {}; reconnecting in {} ms", id, lastError, delay.toMillis());
        dropConnection(true);
        reconnect("error", delay);
    }

    /** Forgets the current connection; every book on it becomes STALE until a new snapshot arrives. */
    private void dropConnection(boolean abort) {
        if (pingTask != null) {
            pingTask.cancel(false);
            pingTask = null;
        }
        MarketSocket old = socket;
        socket = null;
        subscribed = false;
        silence.reset();
        if (old != null) {
            if (abort) {
                old.abort();
            } else {
                old.close();
            }
        }
        long now = clock.millis();
        String why = "socket " + id + " down: " + (lastError == null ? "disconnected" : lastError);
        for (TokenEntry entry : tokens.values()) {
            entry.awaitingSince = 0;
            books.abandonRestSnapshot(entry); // the new connection's snapshots resync it
            if (entry.state == TokenState.LIVE || entry.state == TokenState.DESYNCED) {
                books.changeState(entry, TokenState.STALE, why, now);
            }
        }
    }

    private void reconnect(String reason, Duration delay) {
        reconnects++;
        if (state != SocketState.FROZEN) {
            setState(SocketState.DOWN);
        }
        dispatcher.submit(l -> l.onReconnect(id, reason));
        if (!closed && !tokens.isEmpty()) {
            scheduleConnect(delay);
        } else {
            setState(SocketState.DOWN);
        }
    }

    /** Closes the connection because the channel has nothing to carry (not an error: no reconnect). */
    private void disconnect(String why) {
        if (socket != null) {
            log.info("socket {}: closing, {}", id, why);
            MarketSocket old = socket;
            socket = null;
            subscribed = false;
            if (pingTask != null) {
                pingTask.cancel(false);
                pingTask = null;
            }
            old.close();
        }
        setState(SocketState.DOWN);
    }

    synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        disconnect("pool closing");
    }

    // ---------------------------------------------------------------- inbound

    private synchronized void onText(MarketSocket from, String text) {
        if (from != socket || closed) {
            return;
        }
        long now = clock.millis();
        ShardBooks.Applied applied = traffic.onText(text, now);
        if (applied == null) {
            return;
        }
        if (!applied.desynced().isEmpty()) {
            resync(applied.desynced(), "desync", now);
        }
        // Handed to the pool off this lock: the pool locks itself, then channels.
        applied.resolved().forEach(event -> scheduler.execute(() -> resolutions.accept(event)));
    }

    /** Makes this socket's tokens among {@code tokenIds} RESOLVED (final); returns how many it carried. */
    synchronized int resolve(Collection<String> tokenIds, String why) {
        long now = clock.millis();
        int resolved = 0;
        for (String tokenId : tokenIds) {
            TokenEntry entry = tokens.get(tokenId);
            if (entry != null && entry.state != TokenState.RESOLVED) {
                books.resolve(entry, why, now);
                resolved++;
            }
        }
        return resolved;
    }

    // ---------------------------------------------------------------- resync

    /**
     * Resyncs tokens two ways at once, because a resubscribe does not always bring a fresh
     * {@code book} (polymarket-protocol.md §9): unsubscribe + subscribe, and a REST {@code GET /book}
     * snapshot completed with the deltas that arrive meanwhile. Whichever lands first wins.
     */
    private void resync(List<String> tokenIds, String reason, long now) {
        resubscribe(tokenIds, reason, now);
        for (String tokenId : tokenIds) {
            requestSnapshot(tokens.get(tokenId), now);
        }
    }

    /** Unsubscribe then subscribe, which makes the server push a fresh {@code book} (usually). */
    private void resubscribe(List<String> tokenIds, String reason, long now) {
        if (!subscribed) {
            return;
        }
        for (String tokenId : tokenIds) {
            TokenEntry entry = tokens.get(tokenId);
            entry.awaitingSince = now;
            entry.mismatchFrames = 0;
            dispatcher.submit(l -> l.onResync(tokenId, reason));
        }
        send(SubscriptionFrames.unsubscribe(tokenIds));
        send(SubscriptionFrames.subscribe(tokenIds));
    }

    /** Asks REST for one token's book; its deltas are held until the answer lands. */
    private void requestSnapshot(TokenEntry entry, long now) {
        if (!subscribed || !traffic.dataSinceConnect()) {
            return; // no snapshot for a socket that has delivered nothing: nothing would keep it up to date
        }
        CompletableFuture<RestBook> answer = resyncs.ask(entry, now);
        if (answer != null) {
            MarketSocket asked = socket;
            String tokenId = entry.tokenId;
            answer.whenCompleteAsync((book, error) -> onSnapshot(asked, tokenId, book, error), scheduler);
        }
    }

    private synchronized void onSnapshot(MarketSocket asked, String tokenId, RestBook book, Throwable error) {
        if (!closed) {
            resyncs.onAnswer(tokens.get(tokenId), asked == socket, book, error, clock.millis());
        }
    }


    /** Sends frames in order; stops if the connection failed meanwhile (a send failure drops it). */
    private void send(List<String> frames) {
        for (String frame : frames) {
            MarketSocket current = socket;
            if (current == null || !subscribed) {
                return;
            }
            current.send(frame);
        }
    }

    // ---------------------------------------------------------------- watchdogs

    /** Called by the pool's watchdog tick: liveness, silence (with the REST witness), first book, resyncs, backoff reset. */
    synchronized void checkWatchdogs() {
        if (closed || !subscribed || socket == null) {
            return;
        }
        long now = clock.millis();
        long noFrameLimit = 3 * config.pingInterval().toMillis();
        if (now - traffic.lastFrameTime() >= noFrameLimit) {
            dropAndReconnect("silence", SocketState.DOWN, "no frame (not even PONG) for " + (now - traffic.lastFrameTime())
                    + " ms; closing hard");
            return;
        }
        if (!checkSilence(now) || !checkFirstBooks(now)) {
            return;
        }
        resyncs.due(tokens.values(), now).forEach(entry -> requestSnapshot(entry, now));
        long lastDataTime = traffic.lastDataTime();
        if (backoff.attempts() > 0 && lastDataTime >= connectedSince && lastDataTime > 0
                && now - connectedSince >= config.backoffResetAfter().toMillis()) {
            backoff.reset();
        }
    }

    /** Drops the connection for a fault of the socket and reconnects after the backoff. */
    private void dropAndReconnect(String reason, SocketState newState, String why) {
        lastError = why;
        Duration delay = backoff.next();
        log.error("socket {}: {}; reconnecting in {} ms", id, why, delay.toMillis());
        if (newState == SocketState.FROZEN) {
            setState(SocketState.FROZEN);
        }
        dropConnection(true);
        reconnect(reason, delay);
    }

    /** Returns false when it dropped the connection. */
    private boolean checkSilence(long now) {
        long quietSince = Math.max(traffic.lastDataTime(), subscribedAt);
        List<TokenEntry> live = liveTokens();
        SilenceWatch.Action action = silence.check(now, quietSince, !live.isEmpty());
        if (action == SilenceWatch.Action.REPLACE) {
            String witnessSaid = witness.lastFailure() == null ? "no verdict" : "last: " + witness.lastFailure();
            dropAndReconnect("silence", SocketState.FROZEN, "no data for " + (now - quietSince)
                    + " ms and no REST witness confirmed a quiet market (" + witnessSaid
                    + "); replacing the socket, whose fresh subscription is a witness of its own");
            return false;
        }
        if (action == SilenceWatch.Action.ASK_WITNESS) {
            askWitness(now, quietSince, live);
        }
        return true;
    }

    private void askWitness(long now, long quietSince, List<TokenEntry> live) {
        List<SilenceWitness.Sample> samples = witness.ask(now, live);
        MarketSocket asked = socket;
        long dataFramesAsked = traffic.dataFrames();
        long silentFor = now - quietSince;
        log.debug("socket {}: no data for {} ms; asking REST for {} token(s)", id, silentFor, samples.size());
        CompletableFuture<List<RestBook>> answer;
        try {
            answer = rest.books(samples.stream().map(SilenceWitness.Sample::tokenId).toList());
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenCompleteAsync((books, error) -> onWitness(asked, dataFramesAsked, samples, silentFor, books, error),
                scheduler);
    }

    private List<TokenEntry> liveTokens() {
        List<TokenEntry> live = new ArrayList<>();
        for (TokenEntry entry : tokens.values()) {
            if (entry.book != null && entry.state == TokenState.LIVE) {
                live.add(entry);
            }
        }
        return live;
    }

    private synchronized void onWitness(MarketSocket asked, long dataFramesAsked, List<SilenceWitness.Sample> samples,
                                        long silentFor, List<RestBook> answer, Throwable error) {
        if (asked != socket || closed) {
            return;
        }
        String frozen = witness.onAnswer(clock.millis(), traffic.dataFrames() - dataFramesAsked, samples, silentFor, answer, error);
        if (frozen != null) {
            dropAndReconnect("frozen", SocketState.FROZEN, frozen);
        }
    }

    /** Returns false when it dropped the connection; otherwise resyncs late and due FAILED tokens. */
    private boolean checkFirstBooks(long now) {
        FirstBookWatch.Action action = firstBooks.check(tokens.values(), now, connectedSince, traffic.dataSinceConnect());
        if (action instanceof FirstBookWatch.DropFrozen drop) {
            dropAndReconnect("frozen", SocketState.FROZEN, drop.why());
            return false;
        }
        FirstBookWatch.Resync resync = (FirstBookWatch.Resync) action;
        if (!resync.retry().isEmpty()) {
            resync(resync.retry(), "first_book_timeout", now);
        }
        if (!resync.failedRetry().isEmpty()) {
            resync(resync.failedRetry(), "failed_retry", now);
        }
        return true;
    }


    // ---------------------------------------------------------------- state reporting

    private void setState(SocketState newState) {
        if (state == newState) {
            return;
        }
        state = newState;
        SocketStatus status = status();
        dispatcher.submit(l -> l.onSocketState(status));
    }

    static String abbreviateId(String tokenId) {
        return tokenId.length() <= 12 ? tokenId : tokenId.substring(0, 8) + "…" + tokenId.substring(tokenId.length() - 4);
    }

    /** Routes socket callbacks into this channel's lock. */
    private final class SocketHandler implements MarketSocket.Handler {
        @Override
        public void onOpen(MarketSocket s) {
            MarketChannel.this.onOpen(s);
        }

        @Override
        public void onText(MarketSocket s, String text) {
            MarketChannel.this.onText(s, text);
        }

        @Override
        public void onClosed(MarketSocket s, int code, String reason) {
            MarketChannel.this.onClosed(s, code, reason);
        }

        @Override
        public void onError(MarketSocket s, Throwable error) {
            MarketChannel.this.onError(s, error);
        }
    }
}