package dev.polymaker.polymarket.upstream;

import dev.polymaker.support.ListenerQueue;
import dev.polymaker.polymarket.book.BookSnapshot;
import dev.polymaker.polymarket.market.MarketResolvedEvent;
import dev.polymaker.polymarket.market.SubscriptionFrames;
import dev.polymaker.polymarket.rest.RestBook;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One shard of the pool: a market-channel socket, its token set and their books. Decides the
 * connection's life (one initial subscribe, the three watchdogs, desync resyncs, reconnect with
 * backoff) over collaborators with one job each: {@link ChannelConnection}, {@link ChannelTokens},
 * {@link ChannelTraffic}, {@link SilenceWitness}, {@link FirstBookWatch}, {@link SnapshotResync}.
 * All of them are guarded by {@code this}; listener calls leave through the pool's listener queue.
 */
final class MarketChannel {

    private static final Logger log = LoggerFactory.getLogger(MarketChannel.class);
    /** Tokens the REST witness checks per silence (one POST /books call), and REST snapshots asked per watchdog tick. */
    private static final int WITNESS_SAMPLE = 20;

    private final int id;
    private final UpstreamConfig config;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final Consumer<MarketResolvedEvent> resolutions;
    private final ChannelConnection link;
    private final ChannelTokens tokens;
    private final ChannelTraffic traffic;
    private final SilenceWatch silence;
    private final SilenceWitness witness;
    private final FirstBookWatch firstBooks;
    private final SnapshotResync resyncs;
    private boolean closed;

    MarketChannel(int id, UpstreamConfig config, Duration failedTokenRetry, Clock clock, HttpClient http, ScheduledExecutorService scheduler,
                  ListenerQueue<UpstreamListener> dispatcher, BookRest rest, Consumer<MarketResolvedEvent> resolutions) {
        this.id = id;
        this.config = config;
        this.clock = clock;
        this.scheduler = scheduler;
        this.resolutions = resolutions;
        ShardBooks books = new ShardBooks(id, config.desyncFrames(), dispatcher);
        long failedRetryMillis = Math.max(1, failedTokenRetry.toMillis());
        long firstBookTimeout = config.firstBookTimeout().toMillis();
        this.link = new ChannelConnection(id, config, http, scheduler, dispatcher, this::status);
        this.tokens = new ChannelTokens(id, books, dispatcher);
        this.silence = new SilenceWatch(config.silenceTimeout().toMillis());
        this.witness = new SilenceWitness(id, WITNESS_SAMPLE, silence, rest, dispatcher, clock);
        this.firstBooks = new FirstBookWatch(id, firstBookTimeout, config.firstBookRetries(), failedRetryMillis, books);
        this.resyncs = new SnapshotResync(id, books, rest, failedRetryMillis, firstBookTimeout, WITNESS_SAMPLE);
        this.traffic = new ChannelTraffic(id, books, dispatcher, resyncs, firstBooks, clock);
    }

    int id() {
        return id;
    }

    synchronized int size() {
        return tokens.size();
    }

    synchronized boolean isEmpty() {
        return tokens.isEmpty();
    }

    /** Adds tokens as PENDING; on an open connection they are subscribed with {@code operation} frames. */
    synchronized void addTokens(Collection<String> tokenIds) {
        long now = clock.millis();
        List<String> added = tokens.add(tokenIds, now);
        if (!added.isEmpty() && link.subscribed()) {
            tokens.subscribed(added, now);
            link.send(SubscriptionFrames.subscribe(added));
            log.info("socket {}: subscribed {} more token(s), {} in total", id, added.size(), tokens.size());
        }
    }

    /** Unsubscribes tokens and forgets their books; returns how many were carried here. */
    synchronized int removeTokens(Collection<String> tokenIds) {
        List<String> removed = tokens.remove(tokenIds);
        if (!removed.isEmpty() && link.subscribed()) {
            link.send(SubscriptionFrames.unsubscribe(removed));
            log.info("socket {}: unsubscribed {} token(s), {} left", id, removed.size(), tokens.size());
        }
        if (tokens.isEmpty()) {
            link.disconnect("no tokens left");
        }
        return removed.size();
    }

    synchronized Optional<BookSnapshot> book(String tokenId) {
        return tokens.book(tokenId);
    }

    synchronized Optional<TokenStatus> tokenStatus(String tokenId) {
        return tokens.status(tokenId);
    }

    synchronized void collectTokenStatus(Map<String, TokenStatus> into) {
        tokens.collectStatus(into);
    }

    synchronized SocketStatus status() {
        SocketState state = link.state();
        return new SocketStatus(id, state, tokens.size(), state == SocketState.CONNECTED ? link.connectedSince() : 0,
                traffic.lastFrameTime(), traffic.lastDataTime(), link.reconnects(), link.lastError(),
                witness.failures(), witness.lastFailure(), witness.lastFailureTime());
    }

    synchronized long lastDataTime() {
        return traffic.lastDataTime();
    }

    /** Opens the socket after {@code delay}, unless it has no tokens or is already open or opening. */
    synchronized void start(Duration delay) {
        if (closed || tokens.isEmpty() || !link.idle()) {
            return;
        }
        link.scheduleConnect(delay, this::connect);
    }

    private synchronized void connect() {
        link.connectDue();
        if (closed || link.socket() != null) {
            return;
        }
        if (tokens.isEmpty()) {
            link.setState(SocketState.DOWN);
            return;
        }
        link.connect(new SocketHandler(), this::onConnectFailure);
    }

    private synchronized void onConnectFailure(MarketSocket failed, Throwable error) {
        if (failed != link.socket() || closed) {
            return;
        }
        dropAndReconnect(ReconnectReason.CONNECT_FAILED, link.connectFailed(error));
    }

    private synchronized void onOpen(MarketSocket opened) {
        if (opened != link.socket() || closed) {
            opened.abort();
            return;
        }
        long now = clock.millis();
        link.opened(now);
        traffic.connected(now);
        silence.reset();
        resyncs.reset();
        if (tokens.isEmpty()) {
            link.disconnect("no tokens left");
            return;
        }
        // Exactly one type:"market" frame per connection, before any PING (protocol §1.2-1.4).
        link.subscribe(SubscriptionFrames.initial(tokens.ids()), now, () -> ping(opened));
        tokens.subscribed(tokens.ids(), now);
        link.setState(SocketState.CONNECTED);
        log.info("socket {}: connected to {}, subscribed {} token(s)", id, config.url(), tokens.size());
    }

    private synchronized void ping(MarketSocket target) {
        link.ping(target);
    }

    private synchronized void onClosed(MarketSocket closedSocket, int code, String reason) {
        if (closedSocket != link.socket() || closed) {
            return;
        }
        dropAndReconnect(ReconnectReason.CLOSED,
                "closed by server: " + code + (reason == null || reason.isEmpty() ? "" : " " + reason));
    }

    private synchronized void onError(MarketSocket failed, Throwable error) {
        if (failed != link.socket() || closed) {
            return;
        }
        dropAndReconnect(ReconnectReason.ERROR, error.getClass().getSimpleName()
                + (error.getMessage() == null ? "" : ": " + error.getMessage()));
    }

    /**
     * The one route for every fault of the connection: records {@code why} as the socket's last
     * error, shows the reason's state, forgets the connection (every book on it becomes STALE until
     * a new snapshot arrives) and reconnects after the backoff.
     */
    private void dropAndReconnect(ReconnectReason reason, String why) {
        Duration delay = link.failed(why);
        log.error("socket {} dropped ({}): {}; reconnecting in {} ms", id, reason.logName(), why, delay.toMillis());
        if (reason.state() == SocketState.FROZEN) {
            link.setState(SocketState.FROZEN);
        }
        link.drop(reason.hardClose());
        silence.reset();
        String lastError = link.lastError();
        tokens.connectionLost("socket " + id + " down: " + (lastError == null ? "disconnected" : lastError),
                clock.millis());
        reconnect(reason, delay);
    }

    private void reconnect(ReconnectReason reason, Duration delay) {
        link.reconnecting(reason);
        if (!closed && !tokens.isEmpty()) {
            link.scheduleConnect(delay, this::connect);
        } else {
            link.setState(SocketState.DOWN);
        }
    }

    synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        link.disconnect("pool closing");
    }

    private synchronized void onText(MarketSocket from, String text) {
        if (from != link.socket() || closed) {
            return;
        }
        long now = clock.millis();
        ShardBooks.Applied applied = traffic.onText(text, now);
        if (applied == null) {
            return;
        }
        if (!applied.desynced().isEmpty()) {
            resync(applied.desynced(), ResyncReason.DESYNC, now);
        }
        // Handed to the pool off this lock: the pool locks itself, then channels.
        applied.resolved().forEach(event -> scheduler.execute(() -> resolutions.accept(event)));
    }

    /** Makes this socket's tokens among {@code tokenIds} RESOLVED (final); returns how many it carried. */
    synchronized int resolve(Collection<String> tokenIds, String why) {
        return tokens.resolve(tokenIds, why, clock.millis());
    }

    /**
     * Resyncs tokens two ways at once, because a resubscribe does not always bring a fresh
     * {@code book} (polymarket-protocol.md §9): unsubscribe + subscribe, and a REST {@code GET /book}
     * snapshot completed with the deltas that arrive meanwhile. Whichever lands first wins.
     */
    private void resync(List<String> tokenIds, ResyncReason reason, long now) {
        if (link.subscribed()) {
            tokens.resyncing(tokenIds, reason, now);
            link.send(SubscriptionFrames.unsubscribe(tokenIds));
            link.send(SubscriptionFrames.subscribe(tokenIds));
        }
        for (String tokenId : tokenIds) {
            requestSnapshot(tokens.get(tokenId), now);
        }
    }

    /** Asks REST for one token's book; its deltas are held until the answer lands. */
    private void requestSnapshot(TokenEntry entry, long now) {
        if (!link.subscribed() || !traffic.dataSinceConnect()) {
            return; // no snapshot for a socket that has delivered nothing: nothing would keep it up to date
        }
        CompletableFuture<RestBook> answer = resyncs.ask(entry, now);
        if (answer != null) {
            MarketSocket asked = link.socket();
            String tokenId = entry.tokenId;
            answer.whenCompleteAsync((book, error) -> onSnapshot(asked, tokenId, book, error), scheduler);
        }
    }

    private synchronized void onSnapshot(MarketSocket asked, String tokenId, RestBook book, Throwable error) {
        if (!closed) {
            resyncs.onAnswer(tokens.get(tokenId), asked == link.socket(), book, error, clock.millis());
        }
    }

    /** Called by the pool's watchdog tick: liveness, silence (with the REST witness), first book, resyncs, backoff reset. */
    synchronized void checkWatchdogs() {
        if (closed || !link.subscribed() || link.socket() == null) {
            return;
        }
        long now = clock.millis();
        long noFrameLimit = 3 * config.pingInterval().toMillis();
        long lastFrameTime = traffic.lastFrameTime();
        if (now - lastFrameTime >= noFrameLimit) {
            dropAndReconnect(ReconnectReason.NO_FRAME, "no frame (not even PONG) for " + (now - lastFrameTime)
                    + " ms; closing hard");
            return;
        }
        if (!checkSilence(now) || !checkFirstBooks(now)) {
            return;
        }
        resyncs.due(tokens.entries(), now).forEach(entry -> requestSnapshot(entry, now));
        link.maybeResetBackoff(now, traffic.lastDataTime());
    }

    /** Returns false when it dropped the connection. */
    private boolean checkSilence(long now) {
        long quietSince = Math.max(traffic.lastDataTime(), link.subscribedAt());
        List<TokenEntry> live = tokens.live();
        SilenceWatch.Action action = silence.check(now, quietSince, !live.isEmpty());
        if (action == SilenceWatch.Action.REPLACE) {
            String witnessSaid = witness.lastFailure() == null ? "no verdict" : "last: " + witness.lastFailure();
            dropAndReconnect(ReconnectReason.SILENCE, "no data for " + (now - quietSince)
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
        MarketSocket asked = link.socket();
        long dataFramesAsked = traffic.dataFrames();
        long silentFor = now - quietSince;
        log.debug("socket {}: no data for {} ms; asking REST for {} token(s)", id, silentFor, samples.size());
        witness.request(samples).whenCompleteAsync((books, error) -> onWitness(asked, dataFramesAsked, samples, silentFor, books, error),
                scheduler);
    }

    private synchronized void onWitness(MarketSocket asked, long dataFramesAsked, List<SilenceWitness.Sample> samples,
                                        long silentFor, List<RestBook> answer, Throwable error) {
        if (asked != link.socket() || closed) {
            return;
        }
        String frozen = witness.onAnswer(clock.millis(), traffic.dataFrames() - dataFramesAsked, samples, silentFor,
                answer, error);
        if (frozen != null) {
            dropAndReconnect(ReconnectReason.FROZEN, frozen);
        }
    }

    /** Returns false when it dropped the connection; otherwise resyncs late and due FAILED tokens. */
    private boolean checkFirstBooks(long now) {
        FirstBookWatch.Action action = firstBooks.check(tokens.entries(), now, link.connectedSince(),
                traffic.dataSinceConnect());
        if (action instanceof FirstBookWatch.DropFrozen drop) {
            dropAndReconnect(ReconnectReason.FROZEN, drop.why());
            return false;
        }
        FirstBookWatch.Resync resync = (FirstBookWatch.Resync) action;
        if (!resync.retry().isEmpty()) {
            resync(resync.retry(), ResyncReason.FIRST_BOOK_TIMEOUT, now);
        }
        if (!resync.failedRetry().isEmpty()) {
            resync(resync.failedRetry(), ResyncReason.FAILED_RETRY, now);
        }
        return true;
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
