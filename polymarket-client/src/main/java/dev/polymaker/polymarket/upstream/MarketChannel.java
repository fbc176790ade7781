package dev.polymaker.polymarket.upstream;

import dev.polymaker.polymarket.book.BookSnapshot;
import dev.polymaker.polymarket.book.OrderBook;
import dev.polymaker.polymarket.book.TopOfBook;
import dev.polymaker.polymarket.market.BookEvent;
import dev.polymaker.polymarket.market.LastTradePriceEvent;
import dev.polymaker.polymarket.market.MarketEvent;
import dev.polymaker.polymarket.market.MarketFrameParser;
import dev.polymaker.polymarket.market.ParseResult;
import dev.polymaker.polymarket.market.PriceChange;
import dev.polymaker.polymarket.market.PriceChangeEvent;
import dev.polymaker.polymarket.market.SubscriptionFrames;
import dev.polymaker.polymarket.market.TickSizeChangeEvent;
import dev.polymaker.polymarket.rest.RestBook;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.WebSocketHandshakeException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
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
    private static final BigDecimal ONE = BigDecimal.ONE;

    private final int id;
    private final UpstreamConfig config;
    private final Clock clock;
    private final HttpClient http;
    private final ScheduledExecutorService scheduler;
    private final Dispatcher dispatcher;
    private final Function<String, CompletableFuture<RestBook>> witness;
    private final MarketFrameParser parser = new MarketFrameParser();
    private final Backoff backoff;
    private final Map<String, TokenEntry> tokens = new LinkedHashMap<>();

    private SocketState state = SocketState.DOWN;
    private MarketSocket socket;
    private boolean subscribed;
    private boolean closed;
    private boolean connectScheduled;
    private long connectedSince;
    private long subscribedAt;
    private long lastFrameTime;
    private long lastDataTime;
    private long lastWitnessTime;
    private boolean witnessInFlight;
    private long reconnects;
    private long connectAttempts;
    private String lastError;
    private ScheduledFuture<?> pingTask;
    private final RepeatedCondition errorTexts = new RepeatedCondition(10_000);
    private final RepeatedCondition rejectedFrames = new RepeatedCondition(10_000);

    MarketChannel(int id, UpstreamConfig config, Clock clock, HttpClient http, ScheduledExecutorService scheduler,
                  Dispatcher dispatcher, Function<String, CompletableFuture<RestBook>> witness) {
        this.id = id;
        this.config = config;
        this.clock = clock;
        this.http = http;
        this.scheduler = scheduler;
        this.dispatcher = dispatcher;
        this.witness = witness;
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
            send(SubscriptionFrames.subscribe(added, config.customFeatureEnabled()));
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
                lastFrameTime, lastDataTime, reconnects, lastError);
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
        lastWitnessTime = 0;
        witnessInFlight = false;
        if (tokens.isEmpty()) {
            disconnect("no tokens left");
            return;
        }
        // Exactly one type:"market" frame per connection, before any PING (protocol §1.2-1.4).
        socket.send(SubscriptionFrames.initial(tokens.keySet(), config.customFeatureEnabled()));
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
        witnessInFlight = false;
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
            if (entry.state == TokenState.LIVE || entry.state == TokenState.DESYNCED) {
                changeState(entry, TokenState.STALE, why, now);
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
            apply(events.events(), now);
        }
    }

    private void logRejected(long now, String what) {
        long count = rejectedFrames.occurred(now);
        if (count > 0) {
            log.warn("socket {}: rejected malformed input ({} since the last report, {} in total): {}", id, count,
                    rejectedFrames.total(), what);
        }
    }

    private void apply(List<MarketEvent> events, long now) {
        // Tokens touched by price_change entries in this frame, with the exchange's best bid/ask
        // after the whole frame (the last entry for a token wins).
        Map<String, PriceChange> pending = new LinkedHashMap<>();
        for (MarketEvent event : events) {
            String type = event.eventType();
            dispatcher.submit(l -> l.onFrame(type));
            if (!(event instanceof PriceChangeEvent)) {
                finishPriceChanges(pending, now);
            }
            if (event instanceof BookEvent book) {
                markData(now);
                applyBook(book, now);
            } else if (event instanceof PriceChangeEvent change) {
                markData(now);
                for (PriceChange entry : change.changes()) {
                    TokenEntry token = tokens.get(entry.assetId());
                    if (token == null || token.book == null) {
                        continue; // the complement token, or one without a snapshot: never build a book from deltas
                    }
                    token.book.set(entry.side(), entry.price(), entry.size());
                    token.book.touch(entry.hash(), change.timestamp());
                    pending.put(entry.assetId(), entry);
                    token.lastUpdateTime = now;
                }
            } else if (event instanceof TickSizeChangeEvent tick) {
                markData(now);
                hashUnknown(tick.market(), tick.timestamp());
                TokenEntry token = tokens.get(tick.assetId());
                if (token != null && token.book != null) {
                    token.book.setTickSize(tick.newTickSize());
                    token.lastUpdateTime = now;
                    emit(token, "tick_size_change", tick.timestamp(), now);
                }
            } else if (event instanceof LastTradePriceEvent trade) {
                markData(now);
                hashUnknown(trade.market(), trade.timestamp());
                TokenEntry token = tokens.get(trade.assetId());
                if (token != null && token.book != null) {
                    token.book.setLastTradePrice(trade.price());
                    token.lastUpdateTime = now;
                    emit(token, "last_trade_price", trade.timestamp(), now);
                }
            }
            // best_bid_ask, new_market, market_resolved: counted above; our top of book does not change.
        }
        finishPriceChanges(pending, now);
    }

    /**
     * A trade or tick change alters the hashed book content of both tokens of the market without
     * sending the new hash, so the REST witness must not compare hashes until the next one arrives.
     */
    private void hashUnknown(String market, long exchangeTime) {
        for (TokenEntry entry : tokens.values()) {
            if (entry.book != null && market.equals(entry.book.market())) {
                entry.book.touchWithoutHash(exchangeTime);
            }
        }
    }

    private void markData(long now) {
        lastDataTime = now;
    }

    private void applyBook(BookEvent event, long now) {
        TokenEntry token = tokens.get(event.assetId());
        if (token == null) {
            return;
        }
        if (token.book == null) {
            token.book = new OrderBook(token.tokenId);
        }
        token.book.replace(event.market(), event.bids(), event.asks(), event.tickSize(), event.lastTradePrice(),
                event.hash(), event.timestamp());
        token.awaitingSince = 0;
        token.firstBookRetries = 0;
        token.mismatchFrames = 0;
        token.lastUpdateTime = now;
        if (token.state != TokenState.LIVE) {
            changeState(token, TokenState.LIVE, "book received on socket " + id, now);
        }
        emit(token, "book", event.timestamp(), now);
    }

    /** Cross-checks each touched token's top of book with the exchange's, then publishes it. */
    private void finishPriceChanges(Map<String, PriceChange> pending, long now) {
        if (pending.isEmpty()) {
            return;
        }
        List<String> desynced = new ArrayList<>();
        for (PriceChange last : pending.values()) {
            TokenEntry token = tokens.get(last.assetId());
            if (token == null || token.book == null) {
                continue;
            }
            if (token.state == TokenState.LIVE) {
                if (agreesWithExchange(token.book, last)) {
                    token.mismatchFrames = 0;
                } else if (++token.mismatchFrames >= Math.max(1, config.desyncFrames())) {
                    String why = "desync: ours " + token.book.bestBid() + "/" + token.book.bestAsk() + ", exchange "
                            + last.bestBid() + "/" + last.bestAsk() + " for " + token.mismatchFrames + " frames";
                    log.warn("socket {}: token {} {}; resubscribing", id, abbreviateId(token.tokenId), why);
                    changeState(token, TokenState.DESYNCED, why, now);
                    desynced.add(token.tokenId);
                    continue;
                }
                if (!token.book.top().equals(token.lastEmittedTop)) {
                    emit(token, "price_change", token.book.exchangeTime(), now);
                }
            }
        }
        pending.clear();
        if (!desynced.isEmpty()) {
            resubscribe(desynced, "desync", now);
        }
    }

    private static boolean agreesWithExchange(OrderBook book, PriceChange last) {
        if (last.bestBid() == null && last.bestAsk() == null) {
            return true; // nothing to compare with
        }
        return sameLevel(book.bestBid(), emptyAs(last.bestBid(), BigDecimal.ZERO))
                && sameLevel(book.bestAsk(), emptyAs(last.bestAsk(), ONE));
    }

    /** The wire says "0" for no bid and "1" for no ask. */
    private static BigDecimal emptyAs(BigDecimal exchange, BigDecimal emptyValue) {
        return exchange == null || exchange.compareTo(emptyValue) == 0 ? null : exchange;
    }

    private static boolean sameLevel(BigDecimal ours, BigDecimal theirs) {
        return ours == null ? theirs == null : theirs != null && ours.compareTo(theirs) == 0;
    }

    private void emit(TokenEntry token, String event, long exchangeTime, long now) {
        if (token.state != TokenState.LIVE) {
            return; // only a LIVE book is published; state changes are reported separately
        }
        TopOfBook top = token.book.top();
        token.lastEmittedTop = top;
        TokenUpdate update = new TokenUpdate(token.tokenId, token.book.market(), top, event, exchangeTime, now);
        dispatcher.submit(l -> l.onUpdate(update));
    }

    /** Unsubscribe then subscribe, which makes the server push a fresh {@code book}. */
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
        send(SubscriptionFrames.subscribe(tokenIds, config.customFeatureEnabled()));
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

    /** Called by the pool's watchdog tick: liveness, silence (with the REST witness), first book, backoff reset. */
    synchronized void checkWatchdogs() {
        if (closed || !subscribed || socket == null) {
            return;
        }
        long now = clock.millis();
        long noFrameLimit = 3 * config.pingInterval().toMillis();
        if (now - lastFrameTime >= noFrameLimit) {
            lastError = "no frame (not even PONG) for " + (now - lastFrameTime) + " ms";
            Duration delay = backoff.next();
            log.error("socket {}: {}; closing hard, reconnecting in {} ms", id, lastError, delay.toMillis());
            dropConnection(true);
            reconnect("silence", delay);
            return;
        }
        checkSilence(now);
        checkFirstBooks(now);
        if (backoff.attempts() > 0 && lastDataTime >= connectedSince && lastDataTime > 0
                && now - connectedSince >= config.backoffResetAfter().toMillis()) {
            backoff.reset();
        }
    }

    private void checkSilence(long now) {
        long quietSince = Math.max(Math.max(lastDataTime, subscribedAt), lastWitnessTime);
        if (witnessInFlight || now - quietSince < config.silenceTimeout().toMillis()) {
            return;
        }
        TokenEntry sample = null;
        for (TokenEntry entry : tokens.values()) {
            if (entry.book != null && (sample == null || entry.state == TokenState.LIVE)) {
                sample = entry;
                if (entry.state == TokenState.LIVE) {
                    break;
                }
            }
        }
        lastWitnessTime = now;
        if (sample == null) {
            return; // no book to compare: the first-book watchdog handles tokens that never got one
        }
        witnessInFlight = true;
        String tokenId = sample.tokenId;
        String ourHash = sample.book.hash();
        long ourTime = sample.book.exchangeTime();
        BigDecimal ourBid = sample.book.bestBid();
        BigDecimal ourAsk = sample.book.bestAsk();
        MarketSocket asked = socket;
        long silentFor = now - Math.max(lastDataTime, subscribedAt);
        log.debug("socket {}: no data for {} ms; asking REST for token {}", id, silentFor, abbreviateId(tokenId));
        CompletableFuture<RestBook> answer;
        try {
            answer = witness.apply(tokenId);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenCompleteAsync((rest, error) -> onWitness(asked, tokenId, ourHash, ourTime, ourBid, ourAsk,
                silentFor, rest, error), scheduler);
    }

    private synchronized void onWitness(MarketSocket asked, String tokenId, String ourHash, long ourTime,
                                        BigDecimal ourBid, BigDecimal ourAsk, long silentFor, RestBook rest,
                                        Throwable error) {
        if (asked != socket || closed) {
            return;
        }
        witnessInFlight = false;
        lastWitnessTime = clock.millis();
        if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            log.warn("socket {}: silent for {} ms and the REST witness failed ({}); keeping the socket", id, silentFor,
                    cause.getMessage());
            return;
        }
        // Moved = changed after the last event we saw, in a way we can tell: a different top of book,
        // or a different hash while ours is known (a trade changes the hash without sending it).
        boolean later = rest.timestamp() > ourTime;
        boolean differs = !sameLevel(rest.bestBid(), ourBid) || !sameLevel(rest.bestAsk(), ourAsk)
                || (ourHash != null && rest.hash() != null && !rest.hash().equals(ourHash));
        if (later && differs) {
            lastError = "frozen: no data for " + silentFor + " ms while the REST book of token " + abbreviateId(tokenId)
                    + " moved (" + ourTime + " -> " + rest.timestamp() + ")";
            Duration delay = backoff.next();
            log.error("socket {}: {}; reconnecting in {} ms", id, lastError, delay.toMillis());
            setState(SocketState.FROZEN);
            dropConnection(true);
            reconnect("frozen", delay);
        } else {
            log.debug("socket {}: quiet for {} ms, REST agrees for token {}", id, silentFor, abbreviateId(tokenId));
        }
    }

    private void checkFirstBooks(long now) {
        long limit = config.firstBookTimeout().toMillis();
        List<String> retry = new ArrayList<>();
        for (TokenEntry entry : tokens.values()) {
            if (entry.awaitingSince == 0 || now - entry.awaitingSince < limit) {
                continue;
            }
            if (entry.firstBookRetries < config.firstBookRetries()) {
                entry.firstBookRetries++;
                retry.add(entry.tokenId);
                log.warn("socket {}: no book for token {} after {} ms; resubscribing (retry {} of {})", id,
                        abbreviateId(entry.tokenId), now - entry.awaitingSince, entry.firstBookRetries,
                        config.firstBookRetries());
            } else {
                entry.awaitingSince = 0;
                String why = "no book after " + (entry.firstBookRetries + 1) + " subscribes on socket " + id;
                log.error("socket {}: token {} FAILED: {}", id, abbreviateId(entry.tokenId), why);
                changeState(entry, TokenState.FAILED, why, now);
            }
        }
        if (!retry.isEmpty()) {
            resubscribe(retry, "first_book_timeout", now);
        }
    }

    // ---------------------------------------------------------------- state reporting

    private void changeState(TokenEntry entry, TokenState newState, String reason, long now) {
        if (entry.state == newState && Objects.equals(entry.reason, reason)) {
            return;
        }
        entry.state = newState;
        entry.reason = reason;
        entry.stateSince = now;
        String tokenId = entry.tokenId;
        dispatcher.submit(l -> l.onTokenState(tokenId, newState, reason));
    }

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
