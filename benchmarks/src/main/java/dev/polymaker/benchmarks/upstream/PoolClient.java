package dev.polymaker.benchmarks.upstream;

import dev.polymaker.polymarket.market.FrameType;
import dev.polymaker.polymarket.upstream.ReconnectReason;
import dev.polymaker.polymarket.upstream.SocketState;
import dev.polymaker.polymarket.upstream.SocketStatus;
import dev.polymaker.polymarket.upstream.TokenState;
import dev.polymaker.polymarket.upstream.TokenStatus;
import dev.polymaker.polymarket.upstream.TokenUpdate;
import dev.polymaker.polymarket.upstream.UpstreamConfig;
import dev.polymaker.polymarket.upstream.UpstreamListener;
import dev.polymaker.polymarket.upstream.UpstreamPool;
import java.net.URI;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The subject: polymarket-client's {@link UpstreamPool} with production defaults. Counts data
 * events as its listener sees them (parsed, applied to the books, handed to the dispatch thread)
 * and samples latency from exchange time to {@code onUpdate}.
 */
final class PoolClient implements FeedClient {

    private static final Set<FrameType> DATA_EVENTS = EnumSet.of(FrameType.BOOK, FrameType.PRICE_CHANGE,
            FrameType.LAST_TRADE_PRICE, FrameType.TICK_SIZE_CHANGE, FrameType.BEST_BID_ASK, FrameType.NEW_MARKET,
            FrameType.MARKET_RESOLVED);

    private final MicrosecondClock clock;
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong updates = new AtomicLong();
    private final Recorder latency = new Recorder(3);
    private volatile String problem;
    private UpstreamPool pool;

    PoolClient(MicrosecondClock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "upstream-pool";
    }

    @Override
    public void connect(URI marketUrl, URI restUrl, List<String> tokenIds) throws Exception {
        pool = new UpstreamPool(UpstreamConfig.defaults(marketUrl, restUrl), new Listener(), Clock.systemUTC());
        pool.addTokens(tokenIds);
        pool.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!allLive(tokenIds.size())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("upstream pool: not every token LIVE within 30 s: " + pool.status());
            }
            Thread.sleep(10);
        }
    }

    private boolean allLive(int expected) {
        var tokens = pool.status().tokens();
        return tokens.size() == expected
                && tokens.values().stream().map(TokenStatus::state).allMatch(TokenState.LIVE::equals);
    }

    @Override
    public long events() {
        return events.get();
    }

    /** onUpdate calls so far (a price_change is published only when the top of book moved). */
    long updates() {
        return updates.get();
    }

    @Override
    public Histogram latencySinceLastCall() {
        return latency.getIntervalHistogram();
    }

    @Override
    public String problem() {
        if (problem != null) {
            return problem;
        }
        long dropped = pool == null ? 0 : pool.droppedListenerCalls();
        return dropped == 0 ? null : dropped + " listener calls dropped (dispatch queue full)";
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.close();
        }
    }

    private final class Listener implements UpstreamListener {
        @Override
        public void onUpdate(TokenUpdate update) {
            latency.recordValue(Math.max(0, clock.micros() - update.exchangeTime()));
            updates.incrementAndGet();
        }

        @Override
        public void onFrame(FrameType type) {
            if (DATA_EVENTS.contains(type)) {
                events.incrementAndGet();
            }
        }

        @Override
        public void onTokenState(String tokenId, TokenState state, String reason) {
            if (state != TokenState.LIVE && state != TokenState.PENDING && problem == null) {
                problem = "token " + state + ": " + reason;
            }
        }

        @Override
        public void onSocketState(SocketStatus status) {
            if (status.state() == SocketState.FROZEN && problem == null) {
                problem = "socket " + status.id() + " frozen";
            }
        }

        @Override
        public void onReconnect(int socketId, ReconnectReason reason) {
            if (problem == null) {
                problem = "socket " + socketId + " reconnecting: " + reason.metricName();
            }
        }
    }
}
