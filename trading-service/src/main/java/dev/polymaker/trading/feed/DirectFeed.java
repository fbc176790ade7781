package dev.polymaker.trading.feed;

import dev.polymaker.marketdata.api.Tick;
import dev.polymaker.polymarket.upstream.TokenState;
import dev.polymaker.polymarket.upstream.TokenUpdate;
import dev.polymaker.polymarket.upstream.UpstreamConfig;
import dev.polymaker.polymarket.upstream.MarketResolution;
import dev.polymaker.polymarket.upstream.UpstreamListener;
import dev.polymaker.polymarket.upstream.UpstreamPool;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's own {@link UpstreamPool} to the Polymarket market channel, started (after a
 * random connect jitter) only while the selector wants it, each run with its own epoch. A token
 * the pool gives up on is retried by the pool itself. State is guarded by {@link MarketDataFeed}'s
 * lock, passed in; no I/O happens under it.
 */
final class DirectFeed {

    private static final Logger log = LoggerFactory.getLogger(DirectFeed.class);

    private final Object lock;
    private final UpstreamConfig config;
    private final Duration connectJitter;
    private final Clock clock;
    private final String instanceId;
    private final ScheduledExecutorService scheduler;
    /** Told each direct tick of the running pool, under the lock. */
    private final BiConsumer<String, Tick> ticks;
    private final Predicate<String> owned;
    // Guarded by lock.
    private UpstreamPool pool;
    private DirectTickSequencer sequencer;
    private boolean startScheduled;
    private long pools;

    DirectFeed(Object lock, UpstreamConfig config, Duration connectJitter, Clock clock, String instanceId,
               ScheduledExecutorService scheduler, Predicate<String> owned, BiConsumer<String, Tick> ticks) {
        this.owned = owned;
        this.lock = lock;
        this.config = config;
        this.connectJitter = connectJitter;
        this.clock = clock;
        this.instanceId = instanceId;
        this.scheduler = scheduler;
        this.ticks = ticks;
    }

    /** Under the lock. */
    boolean running() {
        return pool != null;
    }

    /** Under the lock. */
    Optional<String> epoch() {
        return Optional.ofNullable(sequencer).map(DirectTickSequencer::epoch);
    }

    /** Under the lock: true when a start should be scheduled now (none running or scheduled). */
    boolean claimStart() {
        if (pool != null || startScheduled) {
            return false;
        }
        startScheduled = true;
        return true;
    }

    /** A random delay up to the connect jitter, so instances that fail over together do not connect together. */
    long jitterMillis() {
        return connectJitter.isZero() ? 0 : ThreadLocalRandom.current().nextLong(connectJitter.toMillis() + 1);
    }

    /** Outside the lock: starts the pool after {@code jitter} ms, if it is still wanted then. */
    void startAfter(long jitter, int tokens, BooleanSupplier stillWanted, Supplier<List<String>> tokenIds) {
        log.info("direct feed: connecting to {} in {} ms (jitter up to {} ms), {} token(s)", config.url(), jitter,
                connectJitter.toMillis(), tokens);
        scheduler.schedule(() -> start(stillWanted, tokenIds), jitter, TimeUnit.MILLISECONDS);
    }

    private void start(BooleanSupplier stillWanted, Supplier<List<String>> tokenIds) {
        UpstreamPool p;
        synchronized (lock) {
            startScheduled = false;
            if (!stillWanted.getAsBoolean() || pool != null) {
                return;
            }
            String epoch = "direct-" + instanceId + "-" + clock.millis() + "-" + (++pools);
            DirectTickSequencer seq = new DirectTickSequencer(epoch, clock::millis);
            p = new UpstreamPool(config, new Listener(seq), clock);
            pool = p;
            sequencer = seq;
            p.addTokens(tokenIds.get());
        }
        try {
            p.start();
        } catch (RuntimeException e) {
            log.error("direct feed: pool failed to start; the selector will report it", e);
        }
    }

    /** Under the lock: detaches the running pool, to be closed outside the lock; null when none runs. */
    UpstreamPool detach() {
        UpstreamPool p = pool;
        pool = null;
        sequencer = null;
        return p;
    }

    /** Under the lock: the running pool, for adding or removing tokens outside it; null when none runs. */
    UpstreamPool pool() {
        return pool;
    }

    /** Under the lock. */
    void forget(String tokenId) {
        if (sequencer != null) {
            sequencer.forget(tokenId);
        }
    }

    private final class Listener implements UpstreamListener {
        private final DirectTickSequencer seq;

        Listener(DirectTickSequencer seq) {
            this.seq = seq;
        }

        @Override
        public void onUpdate(TokenUpdate update) {
            synchronized (lock) {
                if (sequencer == seq && owned.test(update.tokenId())) {
                    ticks.accept(update.tokenId(), seq.onUpdate(update));
                }
            }
        }

        @Override
        public void onMarketResolved(MarketResolution resolution) {
            seq.onMarketResolved(resolution.tokenIds(), resolution.winningTokenId()); // before the RESOLVED states
        }

        @Override
        public void onTokenState(String tokenId, TokenState state, String reason) {
            synchronized (lock) {
                if (sequencer == seq && owned.test(tokenId)) {
                    log.info("direct feed: token {} {} ({})", tokenId, state, reason);
                    ticks.accept(tokenId, seq.onState(tokenId, state));
                }
            }
        }
    }
}
