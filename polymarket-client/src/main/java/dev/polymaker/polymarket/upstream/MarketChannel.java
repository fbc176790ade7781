package dev.polymaker.polymarket.upstream;

import dev.polymaker.polymarket.book.BookSnapshot;
import dev.polymaker.polymarket.market.MarketFrameParser;
import dev.polymaker.polymarket.market.MarketResolvedEvent;
import dev.polymaker.polymarket.market.ParseResult;
import dev.polymaker.polymarket.market.SubscriptionFrames;
import dev.polymaker.polymarket.rest.ClobRestException;
import dev.polymaker.polymarket.rest.RestBook;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.WebSocketHandshakeException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
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
    /** After a {@code []} answer, how long the other books get to arrive before REST is asked about the rest. */
    private static final long EMPTY_ANSWER_GRACE_MILLIS = 1_000;

    private final int id;
    private final UpstreamConfig config;
    private final long failedRetryMillis;
    private final Clock clock;
    private final HttpClient http;
    private final ScheduledExecutorService scheduler;
    private final Dispatcher dispatcher;
    private final BookRest rest;
    private final Consumer<MarketResolvedEvent> resolutions;
    private final SilenceWatch silence;
    private final MarketFrameParser parser = new MarketFrameParser();
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
    private long lastFrameTime;
    private long lastDataTime;
    /** Data frames received, ever: tells whether data came while the REST witness was asked. */
    private long dataFrames;
    /** Whether any data frame arrived on the current connection. */
    private boolean dataSinceConnect;
    /** Reconnects in a row because a connection delivered no data at all before the first-book timeout. */
    private int noDataReconnects;
    private int witnessOffset;
    private long witnessFailures;
    private String lastWitnessFailure;
    private long lastWitnessFailureTime;
    private final RepeatedCondition witnessFailureLog = new RepeatedCondition(60_000);
    /** When tokens still without a first book are checked on REST after the exchange answered {@code []}; 0 when not due. */
    private long emptyAnswerCheckAt;
    private long reconnects;
    private long connectAttempts;
    private String lastError;
    private ScheduledFuture<?> pingTask;
    private final RepeatedCondition errorTexts = new RepeatedCondition(10_000);
    private final RepeatedCondition rejectedFrames = new RepeatedCondition(10_000);

    MarketChannel(int id, UpstreamConfig config, Duration failedTokenRetry, Clock clock, HttpClient http, ScheduledExecutorService scheduler,
                  Dispatcher dispatcher, BookRest rest, Consumer<MarketResolvedEvent> resolutions) {
        this.id = id;
        this.config = config;
        this.failedRetryMillis = Math.max(1, failedTokenRetry.toMillis());
        this.clock = clock;
        this.http = http;
        this.scheduler = scheduler;
        this.dispatcher = dispatcher;
        this.rest = rest;
        this.resolutions = resolutions;
        this.silence = new SilenceWatch(config.silenceTimeout().toMillis());
        this.books = new ShardBooks(id, config.desyncFrames(), dispatcher);
        this.tokens = books.entries();
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
                lastFrameTime, lastDataTime, reconnects, lastError, witnessFailures, lastWitnessFailure,
                lastWitnessFailureTime);
    }

    synchronized long lastDataTime() {
        return lastDataTime;
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
        lastFrameTime = now;
        silence.reset();
        emptyAnswerCheckAt = 0;
        dataSinceConnect = false;
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
        lastFrameTime = now;
        ParseResult result = parser.parse(text);
        if (result instanceof ParseResult.Pong) {
            dispatcher.submit(l -> l.onFrame("pong"));
        } else if (result instanceof ParseResult.EmptyAnswer) {
            // The exchange has no book for some token we asked for (unknown or closed): it answers, so the
            // socket is not at fault. Which token it means is found on REST once the other books are in.
            dataSinceConnect = true;
            if (emptyAnswerCheckAt == 0) {
                emptyAnswerCheckAt = now + EMPTY_ANSWER_GRACE_MILLIS;
            }
            dispatcher.submit(l -> l.onFrame("empty_answer"));
        } else if (result instanceof ParseResult.ErrorText error) {
            long count = errorTexts.occurred(now);
            if (count > 0) {
                log.warn("socket {}: server sent error text ({} since the last report, {} in total): {}", id, count,
                        errorTexts.total(), error.text());
            }
            dispatcher.submit(l -> l.onFrame("error_text"));
        } else if (result instanceof ParseResult.Rejected rejected) {
            logRejected(now, rejected.reason() + "; frame: " + abbreviate(text));
            dispatcher.submit(l -> l.onFrame("malformed"));
        } else if (result instanceof ParseResult.Events events) {
            for (ParseResult.Skipped skipped : events.skipped()) {
                if (skipped.kind() == ParseResult.Kind.MALFORMED) {
                    logRejected(now, skipped.reason());
                } else {
                    log.debug("socket {}: skipped event: {}", id, skipped.reason());
                }
                String type = skipped.kind().wireName();
                dispatcher.submit(l -> l.onFrame(type));
            }
            ShardBooks.Applied applied = books.apply(events.events(), now);
            if (applied.data()) {
                lastDataTime = now;
                dataFrames++;
                dataSinceConnect = true;
                noDataReconnects = 0;
            }
            if (!applied.desynced().isEmpty()) {
                resync(applied.desynced(), "desync", now);
            }
            // Handed to the pool off this lock: the pool locks itself, then channels.
            applied.resolved().forEach(event -> scheduler.execute(() -> resolutions.accept(event)));
        }
    }

    private void logRejected(long now, String what) {
        long count = rejectedFrames.occurred(now);
        if (count > 0) {
            log.warn("socket {}: rejected malformed input ({} since the last report, {} in total): {}", id, count,
                    rejectedFrames.total(), what);
        }
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
        if (entry == null || !subscribed || entry.restPending || now < entry.restRetryAt
                || entry.state == TokenState.RESOLVED || !dataSinceConnect) {
            return; // no snapshot for a socket that has delivered nothing: nothing would keep it up to date
        }
        books.awaitRestSnapshot(entry);
        MarketSocket asked = socket;
        String tokenId = entry.tokenId;
        CompletableFuture<RestBook> answer;
        try {
            answer = rest.book(tokenId);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenCompleteAsync((book, error) -> onSnapshot(asked, tokenId, book, error), scheduler);
    }

    private synchronized void onSnapshot(MarketSocket asked, String tokenId, RestBook book, Throwable error) {
        TokenEntry entry = tokens.get(tokenId);
        if (closed || entry == null || !entry.restPending) {
            return; // removed, or a book came first
        }
        long now = clock.millis();
        if (asked != socket) {
            books.abandonRestSnapshot(entry);
            return; // reconnected meanwhile: the new subscription's snapshots resync it
        }
        if (error != null) {
            books.abandonRestSnapshot(entry);
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof ClobRestException rest && rest.kind() == ClobRestException.Kind.NOT_FOUND
                    && entry.book == null && entry.state != TokenState.LIVE) {
                failUnknown(entry, now);
                return;
            }
            entry.restRetryAt = now + resyncRetryMillis();
            log.warn("socket {}: REST /book for token {} failed ({}); asking again in {} ms", id, abbreviateId(tokenId),
                    cause.getMessage(), resyncRetryMillis());
            return;
        }
        List<String> desynced = new ArrayList<>();
        if (!books.applyRestSnapshot(entry, book, now, desynced)) {
            entry.restRetryAt = now; // the buffer overflowed: ask again on the next watchdog tick
        }
    }

    /** The exchange answered {@code []} and REST 404: the token does not trade (unknown id or closed market). */
    private void failUnknown(TokenEntry entry, long now) {
        entry.awaitingSince = 0;
        entry.failedRetryAt = now + failedRetryMillis;
        String why = "unknown or closed: no book on the market channel and REST /book 404 (socket " + id + ")";
        log.error("socket {}: token {} FAILED: {}; subscribing afresh every {} ms", id, abbreviateId(entry.tokenId),
                why, failedRetryMillis);
        books.changeState(entry, TokenState.FAILED, why, now);
    }

    private long resyncRetryMillis() {
        return Math.max(1_000, Math.min(5_000, config.firstBookTimeout().toMillis()));
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
        if (now - lastFrameTime >= noFrameLimit) {
            dropAndReconnect("silence", SocketState.DOWN, "no frame (not even PONG) for " + (now - lastFrameTime)
                    + " ms; closing hard");
            return;
        }
        if (!checkSilence(now) || !checkFirstBooks(now)) {
            return;
        }
        retryResyncs(now);
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

    /** DESYNCED tokens whose REST snapshot failed, and tokens without a first book after {@code []}. */
    private void retryResyncs(long now) {
        boolean emptyAnswerDue = emptyAnswerCheckAt != 0 && now >= emptyAnswerCheckAt;
        if (emptyAnswerDue) {
            emptyAnswerCheckAt = 0;
        }
        int asked = 0;
        for (TokenEntry entry : tokens.values()) {
            if (asked >= WITNESS_SAMPLE) {
                break;
            }
            boolean desynced = entry.state == TokenState.DESYNCED;
            boolean unanswered = emptyAnswerDue && entry.book == null && entry.awaitingSince != 0
                    && entry.state == TokenState.PENDING;
            if ((desynced || unanswered) && !entry.restPending && now >= entry.restRetryAt) {
                requestSnapshot(entry, now);
                asked++;
            }
        }
    }

    /** Returns false when it dropped the connection. */
    private boolean checkSilence(long now) {
        long quietSince = Math.max(lastDataTime, subscribedAt);
        List<TokenEntry> live = liveTokens();
        SilenceWatch.Action action = silence.check(now, quietSince, !live.isEmpty());
        if (action == SilenceWatch.Action.REPLACE) {
            String witnessSaid = lastWitnessFailure == null ? "no verdict" : "last: " + lastWitnessFailure;
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
        List<WitnessSample> samples = witnessSamples(live);
        silence.asked(now);
        MarketSocket asked = socket;
        long dataFramesAsked = dataFrames;
        long silentFor = now - quietSince;
        log.debug("socket {}: no data for {} ms; asking REST for {} token(s)", id, silentFor, samples.size());
        CompletableFuture<List<RestBook>> answer;
        try {
            answer = rest.books(samples.stream().map(WitnessSample::tokenId).toList());
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenCompleteAsync((books, error) -> onWitness(asked, dataFramesAsked, samples, silentFor, books, error),
                scheduler);
    }

    /** What we knew of one token when the witness was asked. */
    private record WitnessSample(String tokenId, String hash, long exchangeTime, BigDecimal bestBid,
                                 BigDecimal bestAsk) {
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

    /**
     * Up to {@link #WITNESS_SAMPLE} LIVE tokens, starting further along the set each time, so a
     * frozen socket is caught even when its first tokens are quiet markets.
     */
    private List<WitnessSample> witnessSamples(List<TokenEntry> live) {
        List<WitnessSample> samples = new ArrayList<>();
        for (int i = 0; i < Math.min(WITNESS_SAMPLE, live.size()); i++) {
            TokenEntry entry = live.get(Math.floorMod(witnessOffset + i, live.size()));
            samples.add(new WitnessSample(entry.tokenId, entry.book.hash(), entry.book.exchangeTime(),
                    entry.book.bestBid(), entry.book.bestAsk()));
        }
        witnessOffset += samples.size();
        return samples;
    }

    private synchronized void onWitness(MarketSocket asked, long dataFramesAsked, List<WitnessSample> samples,
                                        long silentFor, List<RestBook> answer, Throwable error) {
        if (asked != socket || closed) {
            return;
        }
        long now = clock.millis();
        if (dataFrames != dataFramesAsked) {
            // Data resumed while REST was asked: the socket is not silent, and a REST book that moved
            // meanwhile would only prove we compared it with a sample taken before that data.
            silence.answered(now, false);
            log.info("socket {}: data resumed while the REST witness was asked ({} frame(s)); verdict discarded", id,
                    dataFrames - dataFramesAsked);
            return;
        }
        if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            witnessFailed(now, WitnessFailure.of(cause), silentFor, String.valueOf(cause.getMessage()));
            return;
        }
        Map<String, RestBook> byToken = new HashMap<>();
        answer.forEach(book -> byToken.put(book.assetId(), book));
        boolean compared = false;
        for (WitnessSample sample : samples) {
            RestBook rest = byToken.get(sample.tokenId());
            if (rest == null) {
                continue;
            }
            compared = true;
            // Moved = changed after the last event we saw, in a way we can tell: a different top of book,
            // or a different hash while ours is known (a trade changes the hash without sending it).
            boolean later = rest.timestamp() > sample.exchangeTime();
            boolean differs = !ShardBooks.sameLevel(rest.bestBid(), sample.bestBid())
                    || !ShardBooks.sameLevel(rest.bestAsk(), sample.bestAsk())
                    || (sample.hash() != null && rest.hash() != null && !rest.hash().equals(sample.hash()));
            if (later && differs) {
                silence.answered(now, false);
                dropAndReconnect("frozen", SocketState.FROZEN, "frozen: no data for " + silentFor
                        + " ms while the REST book of token " + abbreviateId(sample.tokenId()) + " moved ("
                        + sample.exchangeTime() + " -> " + rest.timestamp() + ")");
                return;
            }
        }
        if (!compared) {
            witnessFailed(now, WitnessFailure.NO_ANSWER, silentFor, "REST answered none of the " + samples.size()
                    + " token(s) asked about");
            return;
        }
        silence.answered(now, true);
        log.debug("socket {}: quiet for {} ms, REST agrees for {} token(s)", id, silentFor, samples.size());
    }

    /** Counted, reported in the socket's status, logged once a minute with a count; the bound still holds. */
    private void witnessFailed(long now, WitnessFailure reason, long silentFor, String detail) {
        silence.answered(now, false);
        witnessFailures++;
        lastWitnessFailure = reason.metricName() + ": " + detail;
        lastWitnessFailureTime = now;
        dispatcher.submit(l -> l.onWitnessFailure(id, reason));
        long count = witnessFailureLog.occurred(now);
        if (count > 0) {
            log.warn("socket {}: silent for {} ms and the REST witness failed ({} since the last report, {} in total): "
                    + "{}; the socket is replaced after {} ms of silence unless a witness confirms a quiet market", id,
                    silentFor, count, witnessFailureLog.total(), lastWitnessFailure, 3 * silence.timeoutMillis());
        }
    }

    /**
     * Resubscribes tokens whose first book is late (and asks REST for it), fails them after the
     * allowed retries and subscribes FAILED tokens afresh every {@code failedTokenRetry}. Returns
     * false when it dropped the connection instead.
     */
    private boolean checkFirstBooks(long now) {
        long limit = config.firstBookTimeout().toMillis();
        if (!dataSinceConnect && noDataReconnects < config.firstBookRetries()) {
            // Not one data frame since connecting: the server (answering PING only) is at fault, not
            // the tokens. Bounded, so a socket whose every token is unknown still ends with FAILED tokens.
            long late = tokens.values().stream().filter(entry -> entry.state != TokenState.FAILED
                    && entry.state != TokenState.RESOLVED
                    && entry.awaitingSince != 0 && now - entry.awaitingSince >= limit).count();
            if (late > 0) {
                noDataReconnects++;
                dropAndReconnect("frozen", SocketState.FROZEN, "no data at all for " + (now - connectedSince)
                        + " ms since connecting, " + late + " token(s) without a first book; treating the server as"
                        + " frozen (" + noDataReconnects + " of " + config.firstBookRetries() + ")");
                return false;
            }
        }
        List<String> retry = new ArrayList<>();
        List<String> failedRetry = new ArrayList<>();
        int stillFailed = 0;
        for (TokenEntry entry : tokens.values()) {
            if (entry.state == TokenState.RESOLVED) {
                continue;
            }
            if (entry.state == TokenState.FAILED && entry.awaitingSince == 0) {
                if (now >= entry.failedRetryAt) {
                    entry.failedRetryAt = now + failedRetryMillis;
                    failedRetry.add(entry.tokenId);
                }
                continue;
            }
            if (entry.awaitingSince == 0 || now - entry.awaitingSince < limit) {
                continue;
            }
            if (entry.state == TokenState.FAILED) {
                entry.awaitingSince = 0;
                stillFailed++;
            } else if (entry.firstBookRetries < config.firstBookRetries()) {
                entry.firstBookRetries++;
                retry.add(entry.tokenId);
                log.warn("socket {}: no book for token {} after {} ms; resubscribing and asking REST (retry {} of {})",
                        id, abbreviateId(entry.tokenId), now - entry.awaitingSince, entry.firstBookRetries,
                        config.firstBookRetries());
            } else {
                entry.awaitingSince = 0;
                entry.failedRetryAt = now + failedRetryMillis;
                String why = "no book after " + (entry.firstBookRetries + 1) + " subscribes on socket " + id;
                log.error("socket {}: token {} FAILED: {}; subscribing afresh every {} ms", id,
                        abbreviateId(entry.tokenId), why, failedRetryMillis);
                books.changeState(entry, TokenState.FAILED, why, now);
            }
        }
        if (stillFailed > 0) {
            log.warn("socket {}: {} FAILED token(s) still without a book; next fresh subscribe in {} ms", id,
                    stillFailed, failedRetryMillis);
        }
        if (!retry.isEmpty()) {
            resync(retry, "first_book_timeout", now);
        }
        if (!failedRetry.isEmpty()) {
            log.warn("socket {}: subscribing {} FAILED token(s) afresh", id, failedRetry.size());
            resync(failedRetry, "failed_retry", now);
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

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…(" + text.length() + " chars)";
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
