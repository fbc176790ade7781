package dev.polymaker.trading.feed;

import dev.polymaker.marketdata.api.Tick;
import dev.polymaker.marketdata.api.stream.TickStreamConfig;
import dev.polymaker.polymarket.upstream.UpstreamConfig;
import dev.polymaker.simulator.ExchangeSimulator;
import dev.polymaker.simulator.SimulatorConfig;
import dev.polymaker.testing.marketdata.FakeMarketDataServer;
import dev.polymaker.testsupport.RecordingFeedConsumer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The feed with two replicas over real STOMP sockets (scripted stand-ins for market-data-service, so
 * the test decides which replica is behind): a switch never feeds the new replica's older state, and
 * a returning replica is not switched back to.
 */
class MarketDataFeedReplicaTest {

    private static final Duration AWAIT = Duration.ofSeconds(20);

    private ExchangeSimulator sim;
    private FakeMarketDataServer a;
    private FakeMarketDataServer b;
    private MarketDataFeed feed;
    private final RecordingFeedConsumer consumer = new RecordingFeedConsumer();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private String token;

    @BeforeEach
    void setUp() {
        sim = ExchangeSimulator.start(SimulatorConfig.builder().host("127.0.0.1").httpPort(0).wsPort(0).markets(1)
                .seed(5).eventsPerSecond(0).build());
        token = sim.markets().get(0).yesTokenId();
        a = FakeMarketDataServer.start("mds-a-1");
        b = FakeMarketDataServer.start("mds-b-1");
    }

    @AfterEach
    void tearDown() {
        if (feed != null) {
            feed.close();
        }
        a.close();
        b.close();
        sim.close();
    }

    private static SharedReplica replica(FakeMarketDataServer server) {
        return SharedReplica.of(new TickStreamConfig(server.url(), Duration.ofSeconds(1), Duration.ofMillis(100),
                Duration.ofMillis(300), null));
    }

    private void startFeed() {
        UpstreamConfig direct = new UpstreamConfig(sim.marketUrl(), sim.restUrl(), Duration.ofMillis(200),
                Duration.ofMillis(800), Duration.ofMillis(600), 200, Duration.ofMillis(50), Duration.ofMillis(400),
                Duration.ofMillis(10), Duration.ofSeconds(2), 3, 3);
        feed = new MarketDataFeed(new FeedSettings(List.of(replica(a), replica(b)), direct, Duration.ofSeconds(1),
                Duration.ofSeconds(2), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofSeconds(30)),
                consumer, Clock.systemUTC(), meters, "replica-test");
        feed.addToken(token);
        feed.start();
    }

    private String tag(FakeMarketDataServer server) {
        return "shared:" + SharedReplica.nameOf(server.url());
    }

    @Test
    void aLaggingReplicaIsFollowedWithoutFeedingItsOlderStateAndTheReturningOneIsNotTakenBack() {
        startFeed();
        long t = System.currentTimeMillis();
        // B is behind A: its latest state predates what A delivers.
        b.publish(token, "0.49", "0.52", t - 50);
        a.publish(token, "0.50", "0.52", t);
        await().atMost(AWAIT).until(() -> consumer.last() != null && consumer.last().epoch().equals("mds-a-1"));
        await().atMost(AWAIT).until(() -> feed.replicaViews().stream().allMatch(ReplicaView::healthy));
        assertThat(feed.source()).isEqualTo(tag(a));

        a.stop();
        await().atMost(AWAIT).until(() -> tag(b).equals(feed.source()));
        // The switch routed B's latest tick: older than A's, held back.
        await().atMost(AWAIT).until(() -> feed.tickCount(TickSource.SHARED, TickGate.Verdict.STALE) >= 1);
        assertThat(consumer.ticks).extracting(Tick::epoch).containsExactly("mds-a-1");
        assertThat(feed.tokens().get(token).tradable()).isTrue();
        // B's same state as A at the same exchange time is a duplicate; its next later state is fed.
        b.publish(token, "0.50", "0.52", t);
        await().atMost(AWAIT).until(() -> feed.tickCount(TickSource.SHARED, TickGate.Verdict.DUPLICATE) >= 1);
        assertThat(consumer.ticks).hasSize(1);
        b.publish(token, "0.48", "0.52", t + 10);
        await().atMost(AWAIT).until(() -> consumer.last().epoch().equals("mds-b-1"));
        assertThat(consumer.last().bestBid()).isEqualByComparingTo("0.48");

        // A returns with newer data: the trader stays on B, and A's ticks are not fed.
        a.restart();
        a.publish(token, "0.47", "0.52", System.currentTimeMillis());
        await().atMost(AWAIT).until(() -> feed.replicaViews().stream().allMatch(ReplicaView::healthy));
        await().during(Duration.ofSeconds(3)).atMost(AWAIT).until(() -> tag(b).equals(feed.source()));
        assertThat(consumer.ticks).extracting(Tick::epoch).containsExactly("mds-a-1", "mds-b-1");
        assertThat(consumer.transitions).singleElement().satisfies(tr -> {
            assertThat(tr.reason()).isEqualTo(FeedSwitchReason.REPLICA_STALE);
            assertThat(tr.fromTag()).isEqualTo(tag(a));
            assertThat(tr.toTag()).isEqualTo(tag(b));
        });
        assertThat(meters.find("trading.feed.switches").tag("from", tag(a)).tag("to", tag(b))
                .tag("reason", "replica_stale").counter().count()).isEqualTo(1.0);
        assertThat(meters.find("trading.feed.replicas.healthy").gauge().value()).isEqualTo(2.0);
        assertThat(feed.directRunning()).isFalse();
        FeedTestTicks.assertNeverOlderAfterNewer(consumer.ticks);
    }
}
