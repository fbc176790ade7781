package dev.polymaker.polymarket.upstream;

import dev.polymaker.polymarket.book.BookSnapshot;
import dev.polymaker.polymarket.market.FrameType;
import dev.polymaker.polymarket.market.MarketResolvedEvent;
import dev.polymaker.polymarket.rest.ClobRestClient;
import dev.polymaker.support.ListenerQueue;
import dev.polymaker.support.RepeatedCondition;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The upstream connection pool to Polymarket's market channel: shards tokens over sockets of at
 * most {@code maxTokensPerSocket}, keeps a book per token and tells one {@link UpstreamListener}
 * what changed. Never throws for an unreachable upstream: it logs ERROR per attempt, reports the
 * socket DOWN and retries with backoff.
 *
 * <p>Listener semantics: every call comes from the single {@code upstream-dispatch} thread, in
 * event order per token, through a bounded queue (when full, calls are dropped, counted in
 * {@link #droppedListenerCalls()} and logged). {@code onTokenState} on every state change
 * (PENDING when added, LIVE on a snapshot, STALE when its socket is down or frozen, DESYNCED,
 * FAILED, which is subscribed afresh every {@code failedTokenRetry}), with a reason.
 * {@code onUpdate} only for LIVE tokens: after every {@code book}, {@code last_trade_price} and
 * {@code tick_size_change}, and after a {@code price_change} frame that changed the best bid or ask. Removing a token sends no further calls for it.
 *
 * <p>Threads (all created here, all stopped by {@link #close()}): {@code upstream-scheduler}
 * (connects, pings, watchdogs, witness results), the sockets' HTTP client selector thread (reads,
 * parses and applies every message: no hand-off per message), two {@code upstream-io} threads (REST
 * answers), and {@code upstream-dispatch}.
 */
public final class UpstreamPool implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UpstreamPool.class);
    private static final int DISPATCH_QUEUE_CAPACITY = 100_000;

    private final UpstreamConfig config;
    private final Duration failedTokenRetry;
    private final Clock clock;
    private final ListenerQueue<UpstreamListener> dispatcher;
    private final ScheduledThreadPoolExecutor scheduler;
    private final ExecutorService ioExecutor;
    private final HttpClient socketHttp;
    private final ClobRestClient rest;
    private final List<MarketChannel> channels = new ArrayList<>();
    private final Map<String, MarketChannel> channelByToken = new HashMap<>();
    private int nextChannelId = 1;
    private boolean started;
    private boolean closed;
    private long nextConnectAt;
    /** Markets already resolved, so a resolution every socket receives is handled once. */
    private final Set<String> resolvedMarkets = new HashSet<>();
    /**
     * Every token of a resolved market, carried or not: one asked for later (the other outcome, a
     * late subscriber) is RESOLVED at once, not subscribed into silence and failed.
     */
    private final Map<String, MarketResolution> resolutionByToken = new HashMap<>();
    private final RepeatedCondition rejectedRestEntries;

    public UpstreamPool(UpstreamConfig config, UpstreamListener listener, Clock clock) {
        this(config, UpstreamConfig.DEFAULT_FAILED_TOKEN_RETRY, listener, clock);
    }

    /** As above, with {@code failedTokenRetry} between fresh subscribes of a FAILED token. */
    public UpstreamPool(UpstreamConfig config, Duration failedTokenRetry, UpstreamListener listener, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.failedTokenRetry = Objects.requireNonNull(failedTokenRetry, "failedTokenRetry");
        if (failedTokenRetry.isNegative() || failedTokenRetry.isZero()) {
            throw new IllegalArgumentException("failedTokenRetry must be positive, was " + failedTokenRetry);
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.dispatcher = listenerQueue("upstream-dispatch", DISPATCH_QUEUE_CAPACITY,
                Objects.requireNonNull(listener, "listener"), clock);
        this.rejectedRestEntries = new RepeatedCondition(log, Level.WARN, clock, Duration.ofMinutes(1));
        this.scheduler = new ScheduledThreadPoolExecutor(1, named("upstream-scheduler"));
        this.scheduler.setRemoveOnCancelPolicy(true);
        this.ioExecutor = Executors.newFixedThreadPool(2, named("upstream-io"));
        // Sockets: each message is parsed and applied on the client's selector thread that read it
        // (what runs there never blocks: the channel's lock is held briefly, the listener is queued), instead
        // of a hand-off to a pool thread per message; REST answers (large, rare) on upstream-io.
        this.socketHttp = HttpClient.newBuilder().executor(Runnable::run).connectTimeout(Duration.ofSeconds(10))
                .build();
        HttpClient restHttp = HttpClient.newBuilder().executor(ioExecutor).connectTimeout(Duration.ofSeconds(10))
                .build();
        this.rest = new ClobRestClient(restHttp, config.restUrl(), Duration.ofSeconds(10), this::onRejectedRestEntry);
        long tick = watchdogTickMillis(config);
        scheduler.scheduleWithFixedDelay(this::checkWatchdogs, tick, tick, TimeUnit.MILLISECONDS);
    }

    /**
     * The pool's listener queue: every call may be dropped when full (a lost book or state event is
     * repaired by the owner from the pool's own view, see {@link #droppedListenerCalls()}); drops and
     * listener failures are logged at ERROR once per 10 s with the count.
     */
    static ListenerQueue<UpstreamListener> listenerQueue(String threadName, int capacity, UpstreamListener listener,
                                                        Clock clock) {
        return new ListenerQueue<>(threadName, capacity, ListenerQueue.WhenFull.DROP, listener,
                new RepeatedCondition(log, Level.ERROR, clock, Duration.ofSeconds(10)),
                new RepeatedCondition(log, Level.ERROR, clock, Duration.ofSeconds(10)));
    }

    /** Fine enough that each watchdog fires within a quarter of its period, coarse enough to be cheap. */
    private static long watchdogTickMillis(UpstreamConfig config) {
        long shortest = Math.min(config.pingInterval().toMillis(),
                Math.min(config.silenceTimeout().toMillis(), config.firstBookTimeout().toMillis()));
        return Math.max(10, Math.min(1000, shortest / 4));
    }

    /** Opens sockets for the current token set, {@code connectStagger} apart. Never throws for an unreachable upstream. */
    public synchronized void start() {
        if (closed || started) {
            return;
        }
        started = true;
        log.info("upstream pool: market channel {}, {} token(s) on {} socket(s), at most {} per socket", config.url(),
                channelByToken.size(), channels.size(), config.maxTokensPerSocket());
        channels.forEach(channel -> channel.start(nextStagger()));
    }

    private Duration nextStagger() {
        long now = clock.millis();
        long at = Math.max(now, nextConnectAt);
        nextConnectAt = at + config.connectStagger().toMillis();
        return Duration.ofMillis(at - now);
    }

    /** Adds tokens (idempotent) without reconnecting: fills existing sockets first, opens new ones when full. */
    public synchronized void addTokens(Collection<String> tokenIds) {
        if (closed) {
            throw new IllegalStateException("upstream pool is closed");
        }
        List<String> fresh = new ArrayList<>();
        for (String tokenId : new LinkedHashSet<>(tokenIds)) {
            Objects.requireNonNull(tokenId, "token id");
            if (!channelByToken.containsKey(tokenId)) {
                fresh.add(tokenId);
            }
        }
        int next = 0;
        for (MarketChannel channel : channels) {
            int room = config.maxTokensPerSocket() - channel.size();
            if (room <= 0 || next >= fresh.size()) {
                continue;
            }
            List<String> batch = fresh.subList(next, Math.min(fresh.size(), next + room));
            assign(channel, batch);
            next += batch.size();
        }
        while (next < fresh.size()) {
            MarketChannel channel = new MarketChannel(nextChannelId++, config, failedTokenRetry, clock, socketHttp, scheduler,
                    dispatcher, BookRest.of(rest), this::onResolvedEvent);
            channels.add(channel);
            List<String> batch = fresh.subList(next, Math.min(fresh.size(), next + config.maxTokensPerSocket()));
            assign(channel, batch);
            next += batch.size();
            if (started) {
                channel.start(nextStagger());
            }
        }
        if (!fresh.isEmpty()) {
            log.info("upstream pool: added {} token(s), {} in total on {} socket(s)", fresh.size(),
                    channelByToken.size(), channels.size());
        }
        for (String tokenId : fresh) {
            MarketResolution resolution = resolutionByToken.get(tokenId);
            if (resolution != null) {
                log.info("upstream pool: token {} belongs to market {}, already resolved: RESOLVED at once",
                        MarketChannel.abbreviateId(tokenId), resolution.market());
                channelByToken.get(tokenId).resolve(List.of(tokenId), resolvedWhy(resolution));
            }
        }
    }

    private static String resolvedWhy(MarketResolution resolution) {
        return "resolved (" + resolution.source().name().toLowerCase(java.util.Locale.ROOT) + "): winner "
                + resolution.winningTokenId();
    }

    private void assign(MarketChannel channel, List<String> batch) {
        List<String> copy = List.copyOf(batch);
        copy.forEach(tokenId -> channelByToken.put(tokenId, channel));
        channel.addTokens(copy);
    }

    /** Unsubscribes tokens and forgets their books; a socket left with no tokens is closed. */
    public synchronized void removeTokens(Collection<String> tokenIds) {
        Map<MarketChannel, List<String>> byChannel = new HashMap<>();
        for (String tokenId : tokenIds) {
            MarketChannel channel = channelByToken.remove(tokenId);
            if (channel != null) {
                byChannel.computeIfAbsent(channel, c -> new ArrayList<>()).add(tokenId);
            }
        }
        int removed = 0;
        for (Map.Entry<MarketChannel, List<String>> entry : byChannel.entrySet()) {
            MarketChannel channel = entry.getKey();
            removed += channel.removeTokens(entry.getValue());
            if (channel.isEmpty()) {
                channel.close();
                channels.remove(channel);
            }
        }
        if (removed > 0) {
            log.info("upstream pool: removed {} token(s), {} left on {} socket(s)", removed, channelByToken.size(),
                    channels.size());
        }
    }

    public synchronized Set<String> tokens() {
        return Set.copyOf(channelByToken.keySet());
    }

    public PoolStatus status() {
        List<MarketChannel> snapshot;
        synchronized (this) {
            snapshot = List.copyOf(channels);
        }
        List<SocketStatus> sockets = new ArrayList<>(snapshot.size());
        Map<String, TokenStatus> tokenStatus = new HashMap<>();
        long lastData = 0;
        for (MarketChannel channel : snapshot) {
            sockets.add(channel.status());
            channel.collectTokenStatus(tokenStatus);
            lastData = Math.max(lastData, channel.lastDataTime());
        }
        return new PoolStatus(sockets, tokenStatus, lastData);
    }

    public Optional<BookSnapshot> book(String tokenId) {
        MarketChannel channel = channelOf(tokenId);
        return channel == null ? Optional.empty() : channel.book(tokenId);
    }

    public Optional<TokenStatus> tokenStatus(String tokenId) {
        MarketChannel channel = channelOf(tokenId);
        return channel == null ? Optional.empty() : channel.tokenStatus(tokenId);
    }

    private synchronized MarketChannel channelOf(String tokenId) {
        return channelByToken.get(tokenId);
    }

    /**
     * Resolves a market we carry (from the exchange's {@code market_resolved}, which every socket receives,
     * or from a Gamma check): once per market, the listener hears {@code onMarketResolved}, then
     * every token of it carried here becomes RESOLVED. Returns false when it was already resolved.
     */
    public boolean resolve(MarketResolution resolution) {
        List<MarketChannel> carriers = new ArrayList<>();
        synchronized (this) {
            if (closed || resolvedMarkets.contains(resolution.market())) {
                return false;
            }
            for (String tokenId : resolution.tokenIds()) {
                MarketChannel channel = channelByToken.get(tokenId);
                if (channel != null && !carriers.contains(channel)) {
                    carriers.add(channel);
                }
            }
            if (carriers.isEmpty()) {
                return false; // a broadcast about a market we do not carry
            }
            resolvedMarkets.add(resolution.market());
            resolution.tokenIds().forEach(tokenId -> resolutionByToken.put(tokenId, resolution));
        }
        log.info("upstream pool: market {} resolved ({}), winner {} {}", resolution.market(), resolution.source(),
                resolution.winningTokenId() == null ? "unknown" : MarketChannel.abbreviateId(resolution.winningTokenId()),
                resolution.winningOutcome() == null ? "" : "(" + resolution.winningOutcome() + ")");
        dispatcher.submit(l -> l.onMarketResolved(resolution));
        String why = resolvedWhy(resolution);
        for (MarketChannel channel : carriers) {
            channel.resolve(resolution.tokenIds(), why);
        }
        return true;
    }

    private void onResolvedEvent(MarketResolvedEvent event) {
        resolve(new MarketResolution(event.market(), event.assetIds(), event.winningAssetId(), event.winningOutcome(),
                MarketResolution.Source.EXCHANGE, clock.millis()));
    }

    private void onRejectedRestEntry(String reason) {
        rejectedRestEntries.record(() -> "upstream pool: skipped an unreadable POST /books entry: " + reason);
        dispatcher.submit(l -> l.onFrame(FrameType.REST_MALFORMED));
    }

    /** Entries of REST {@code POST /books} answers that could not be read and were skipped, ever. */
    public long rejectedRestEntries() {
        return rest.rejectedEntries();
    }

    /** Listener calls dropped because the dispatch queue was full. */
    public long droppedListenerCalls() {
        return dispatcher.dropped();
    }

    private void checkWatchdogs() {
        List<MarketChannel> snapshot;
        synchronized (this) {
            if (closed) {
                return;
            }
            snapshot = List.copyOf(channels);
        }
        for (MarketChannel channel : snapshot) {
            try {
                channel.checkWatchdogs();
            } catch (RuntimeException e) {
                log.error("upstream pool: watchdog of socket {} failed; will run again", channel.id(), e);
            }
        }
    }

    /** Closes every socket and stops the pool's threads. */
    @Override
    public void close() {
        List<MarketChannel> toClose;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = List.copyOf(channels);
        }
        toClose.forEach(MarketChannel::close);
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        dispatcher.close();
        ioExecutor.shutdown();
        try {
            if (!ioExecutor.awaitTermination(2, TimeUnit.SECONDS)) {
                ioExecutor.shutdownNow();
            }
        } catch (InterruptedException e) {
            ioExecutor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        log.info("upstream pool closed ({} socket(s))", toClose.size());
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
