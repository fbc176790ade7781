package dev.polymaker.trading.feed;

import dev.polymaker.marketdata.api.Tick;
import dev.polymaker.marketdata.api.TickState;
import dev.polymaker.marketdata.api.UpstreamHealth;
import dev.polymaker.marketdata.api.stream.TickStreamConfig;
import dev.polymaker.polymarket.upstream.UpstreamConfig;
import dev.polymaker.simulator.ExchangeSimulator;
import dev.polymaker.simulator.SimBook;
import dev.polymaker.simulator.SimSide;
import dev.polymaker.simulator.SimulatorConfig;
import dev.polymaker.testing.marketdata.FakeMarketDataServer;
import dev.polymaker.testsupport.RecordingFeedConsumer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The feed over real sockets: a STOMP stand-in for market-data-service as the shared feed, the
 * exchange simulator as Polymarket for the direct feed.
 */
class MarketDataFeedFailoverTest {

    private static final Duration AWAIT = Duration.ofSeconds(20);

    private ExchangeSimulator sim;
    private FakeMarketDataServer mds;
    private MarketDataFeed feed;
    private final RecordingFeedConsumer consumer = new RecordingFeedConsumer();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private String token;

    @BeforeEach
    void setUp() {
        sim = ExchangeSimulator.start(SimulatorConfig.builder().host("127.0.0.1").httpPort(0).wsPort(0).markets(1)
                .seed(42).eventsPerSecond(0).build());
        token = sim.markets().get(0).yesTokenId();
        mds = FakeMarketDataServer.start("mds-a-1");
    }

    @AfterEach
    void tearDown() {
        if (feed != null) {
            feed.close();
        }
        mds.close();
        sim.close();
    }

    private void startFeed(Duration staleAfter, Duration returnAfter) {
        TickStreamConfig shared = new TickStreamConfig(mds.url(), Duration.ofSeconds(1), Duration.ofMillis(100),
                Duration.ofMillis(300), null);
        UpstreamConfig direct = new UpstreamConfig(sim.marketUrl(), sim.restUrl(), Duration.ofMillis(200),
                Duration.ofMillis(800), Duration.ofMillis(600), 200, Duration.ofMillis(50), Duration.ofMillis(400),
                Duration.ofMillis(10), Duration.ofSeconds(2), 3, 3);
        feed = new MarketDataFeed(new FeedSettings(shared, direct, staleAfter, returnAfter, Duration.ofMillis(50),
                Duration.ofMillis(200)), consumer, Clock.systemUTC(), meters, "test");
        feed.addToken(token);
        feed.start();
    }

    private long switches(FeedMode from, FeedMode to) {
        String prefix = from.name().toLowerCase(java.util.Locale.ROOT);
        String toPrefix = to.name().toLowerCase(java.util.Locale.ROOT);
        return (long) meters.find("trading.feed.switches").counters().stream()
                .filter(c -> c.getId().getTag("from").startsWith(prefix) && c.getId().getTag("to").startsWith(toPrefix))
                .mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
    }

    /** Moves the simulator's best bid one tick down and returns the new bid. */
    private BigDecimal moveSimBid() {
        SimBook book = sim.book(token);
        sim.setLevel(token, SimSide.BUY, book.bestBid(), BigDecimal.ZERO);
        return sim.book(token).bestBid();
    }

    @Test
    void sharedThenDirectWhenItStopsThenSharedAgainAfterReturnAfter() {
        startFeed(Duration.ofSeconds(1), Duration.ofSeconds(2));
        long t0 = System.currentTimeMillis();
        mds.publish(token, "0.50", "0.52", t0);
        await().atMost(AWAIT).until(() -> consumer.last() != null && consumer.last().epoch().equals("mds-a-1"));
        assertThat(feed.mode()).isEqualTo(FeedMode.SHARED);

        // The same tick again: de-duplicated by seq and counted, not fed.
        Tick first = consumer.last();
        mds.publish(first);
        await().atMost(AWAIT).until(() -> feed.tickCount(TickSource.SHARED, TickGate.Verdict.DUPLICATE) >= 1);
        assertThat(consumer.ticks).hasSize(1);
        mds.publish(token, "0.51", "0.52", System.currentTimeMillis());
        await().atMost(AWAIT).until(() -> consumer.ticks.size() == 2);

        long stopped = System.currentTimeMillis();
        mds.stop();
        await().atMost(AWAIT).until(() -> feed.mode() == FeedMode.DIRECT);
        long took = System.currentTimeMillis() - stopped;
        assertThat(took).as("switch to DIRECT took %d ms", took).isLessThanOrEqualTo(1_000 + 2_000);
        assertThat(switches(FeedMode.SHARED, FeedMode.DIRECT)).isEqualTo(1);

        // Ticks keep flowing, now from the simulator through the direct pool.
        BigDecimal bid = moveSimBid();
        await().atMost(AWAIT).until(() -> consumer.last().epoch().startsWith("direct-")
                && consumer.last().bestBid().compareTo(bid) == 0);
        assertThat(feed.directRunning()).isTrue();

        // Shared comes back with a tick older than what the direct feed delivered: never fed.
        mds.restart();
        long restarted = System.currentTimeMillis();
        Tick old = mds.publish(token, "0.40", "0.45", first.exchangeTime());
        await().atMost(AWAIT).until(() -> feed.mode() == FeedMode.SHARED);
        assertThat(System.currentTimeMillis() - restarted).isGreaterThanOrEqualTo(2_000);
        await().atMost(AWAIT).until(() -> !feed.directRunning());
        assertThat(consumer.ticks).noneMatch(t -> t.epoch().equals(old.epoch()) && t.seq() == old.seq());
        mds.publish(token, "0.55", "0.56", System.currentTimeMillis());
        await().atMost(AWAIT).until(() -> consumer.last().epoch().equals("mds-a-1")
                && consumer.last().bestBid().compareTo(new BigDecimal("0.55")) == 0);

        assertNeverOlderAfterNewer(consumer.ticks);
        assertThat(consumer.transitions).extracting(FeedTransition::to).containsExactly(FeedMode.DIRECT, FeedMode.SHARED);
        assertThat(meters.find("trading.feed.mode").tag("mode", "SHARED").gauge().value()).isEqualTo(1.0);
    }

    @Test
    void aTickThatArrivesLaterThanMaxTickAgeIsCountedAndNeverFed() {
        startFeed(Duration.ofSeconds(4), Duration.ofSeconds(2));
        mds.publish(token, "0.50", "0.52", System.currentTimeMillis());
        await().atMost(AWAIT).until(() -> consumer.last() != null);

        // In sequence, but its data left the exchange socket 10 s ago (a saturated feed): not fed.
        long tenSecondsAgo = System.currentTimeMillis() - 10_000;
        Tick fresh = consumer.last();
        mds.publish(new Tick(token, fresh.market(), fresh.epoch(), fresh.seq() + 1, TickState.LIVE, "price_change",
                new BigDecimal("0.30"), new BigDecimal("0.31"), null, fresh.tickSize(), tenSecondsAgo, tenSecondsAgo,
                System.currentTimeMillis()));
        await().atMost(AWAIT).until(() -> feed.tickCount(TickSource.SHARED, TickGate.Verdict.LATE) == 1);
        assertThat(consumer.ticks).hasSize(1);

        // The next timely tick is fed as usual.
        mds.publish(new Tick(token, fresh.market(), fresh.epoch(), fresh.seq() + 2, TickState.LIVE, "price_change",
                new BigDecimal("0.49"), new BigDecimal("0.52"), null, fresh.tickSize(), System.currentTimeMillis(),
                System.currentTimeMillis(), System.currentTimeMillis()));
        await().atMost(AWAIT).until(() -> consumer.ticks.size() == 2);
        assertThat(consumer.last().bestBid()).isEqualByComparingTo("0.49");
        assertThat(meters.find("trading.ticks").tag("source", "shared").tag("outcome", "late").counter().count())
                .isEqualTo(1.0);
    }

    @Test
    void anOutageShorterThanStaleAfterCausesNoSwitch() {
        startFeed(Duration.ofSeconds(4), Duration.ofSeconds(2));
        mds.publish(token, "0.50", "0.52", System.currentTimeMillis());
        await().atMost(AWAIT).until(() -> consumer.last() != null);
        mds.stop();
        await().atMost(AWAIT).until(() -> !feed.sharedLiveness().connected());
        mds.restart();
        await().atMost(AWAIT).until(() -> feed.sharedLiveness().connected());
        await().during(Duration.ofSeconds(5)).atMost(AWAIT).until(() -> feed.mode() == FeedMode.SHARED);
        assertThat(consumer.transitions).isEmpty();
        assertThat(feed.directRunning()).isFalse();
    }

    @Test
    void bothPathsDeadMeansNoneThenRecovery() {
        startFeed(Duration.ofSeconds(1), Duration.ofSeconds(2));
        mds.publish(token, "0.50", "0.52", System.currentTimeMillis());
        await().atMost(AWAIT).until(() -> consumer.last() != null);

        // The shared feed's upstream is frozen too: it says so, and our token goes STALE there.
        sim.faults().freeze(true);
        mds.health(UpstreamHealth.DOWN);
        mds.publish(token, TickState.STALE, "0.50", "0.52", System.currentTimeMillis());
        moveSimBid();
        await().atMost(AWAIT).until(() -> feed.mode() == FeedMode.NONE);
        assertThat(consumer.transitions).extracting(FeedTransition::to).containsExactly(FeedMode.DIRECT, FeedMode.NONE);
        assertThat(feed.tokens().get(token).tradable()).isFalse();
        int fedBefore = consumer.ticks.size();
        moveSimBid();
        await().during(Duration.ofMillis(1500)).atMost(AWAIT).until(() -> consumer.ticks.size() == fedBefore);

        // Data returns: the direct pool recovers first (the shared feed still reports DOWN).
        sim.faults().freeze(false);
        BigDecimal bid = moveSimBid();
        await().atMost(AWAIT).until(() -> feed.mode() == FeedMode.DIRECT);
        await().atMost(AWAIT).until(() -> consumer.last().epoch().startsWith("direct-")
                && consumer.last().bestBid().compareTo(bid) == 0);
        assertThat(feed.tokens().get(token).tradable()).isTrue();

        mds.health(UpstreamHealth.UP);
        mds.publish(token, "0.60", "0.62", System.currentTimeMillis());
        await().atMost(AWAIT).until(() -> feed.mode() == FeedMode.SHARED);
        assertNeverOlderAfterNewer(consumer.ticks);
    }

    static void assertNeverOlderAfterNewer(List<Tick> ticks) {
        FeedTestTicks.assertNeverOlderAfterNewer(ticks);
    }
}
