package dev.polymaker.marketdata.api.stream;

import dev.polymaker.testing.marketdata.FakeMarketDataServer;
import dev.polymaker.testing.marketdata.TestFeed;
import dev.polymaker.support.testing.MutableClock;
import dev.polymaker.marketdata.api.Destinations;
import dev.polymaker.marketdata.api.FeedStatus;
import dev.polymaker.marketdata.api.Tick;
import dev.polymaker.marketdata.api.TickState;
import dev.polymaker.marketdata.api.UpstreamHealth;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** TickStream against a real STOMP server (Spring's simple broker) over real loopback sockets. */
class TickStreamTest {

    static {
        // Boot would reset logback on every start of the fake server, losing the client's log lines logged meanwhile.
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
    }

    private static final String AUTH = "test-secret";
    private static final Duration WAIT = Duration.ofSeconds(15);

    private static FakeMarketDataServer server;

    private final MutableClock clock = new MutableClock(1_764_080_000_000L);
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeAll
    static void startServer() {
        server = FakeMarketDataServer.start(0, AUTH);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @AfterEach
    void closeStreams() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    @Test
    void ticksArriveInSeqOrderOnOneDispatchThread() {
        RecordingListener listener = new RecordingListener();
        TickStream stream = openSynced(server, listener, "1001");

        LongStream.rangeClosed(1, 50).forEach(seq -> server.publish(tick("1001", server.feed().epoch(), seq)));

        await().atMost(WAIT).until(() -> listener.seqs("1001").size() == 51);
        assertThat(listener.seqs("1001")).containsExactlyElementsOf(LongStream.rangeClosed(0, 50).boxed().toList());
        assertThat(stream.latest("1001")).map(Tick::seq).contains(50L);
        assertThat(stream.counters().accepted()).isEqualTo(51);
        assertThat(listener.threads).singleElement().asString().matches("tickstream-\\d+-dispatch");
    }

    @Test
    void duplicateAndStaleTicksAreDroppedAndCounted() {
        RecordingListener listener = new RecordingListener();
        TickStream stream = openSynced(server, listener, "1002");
        String epoch = server.feed().epoch();

        for (long seq : new long[] {1, 2, 3, 3, 2, 4}) {
            server.publish(tick("1002", epoch, seq));
        }

        await().atMost(WAIT).until(() -> listener.seqs("1002").contains(4L));
        assertThat(listener.seqs("1002")).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(listener.rejected("1002")).containsExactly("1002 duplicate 3", "1002 stale 2");
        TickStreamCounters counters = stream.counters();
        assertThat(counters.accepted()).isEqualTo(5);
        assertThat(counters.duplicate()).isEqualTo(1);
        assertThat(counters.stale()).isEqualTo(1);
    }

    @Test
    void seqJumpsTheServiceSaysItConflatedAreCountedApartFromLosses() {
        RecordingListener listener = new RecordingListener();
        TickStream stream = openSynced(server, listener, "1009");
        String epoch = server.feed().epoch();

        server.publish(tick("1009", epoch, 1));
        server.publish(tick("1009", epoch, 2));
        server.publish(tick("1009", epoch, 6), 3); // 3, 4, 5 superseded while this consumer lagged
        server.publish(tick("1009", epoch, 9)); // 7, 8 missing and nobody says why: lost

        await().atMost(WAIT).until(() -> listener.seqs("1009").contains(9L));
        assertThat(listener.seqs("1009")).containsExactly(0L, 1L, 2L, 6L, 9L);
        TickStreamCounters counters = stream.counters();
        assertThat(counters.conflated()).isEqualTo(3);
        assertThat(counters.gaps()).isEqualTo(2);
    }

    @Test
    void aNewEpochResetsTheSequence() {
        RecordingListener listener = new RecordingListener();
        TickStream stream = openSynced(server, listener, "1003");

        server.publish(tick("1003", "mds-old", 50));
        server.publish(tick("1003", "mds-new", 1));
        server.publish(tick("1003", "mds-new", 1));
        server.publish(tick("1003", "mds-new", 2));

        await().atMost(WAIT).until(() -> listener.seqs("1003").size() == 4);
        assertThat(listener.ticks).extracting(t -> t.epoch() + "/" + t.seq())
                .containsExactly(server.feed().epoch() + "/0", "mds-old/50", "mds-new/1", "mds-new/2");
        assertThat(stream.latest("1003")).map(t -> t.epoch() + "/" + t.seq()).contains("mds-new/2");
        assertThat(stream.counters().duplicate()).isEqualTo(1);
    }

    @Test
    void aLateSubscriberGetsTheSnapshotThenLiveTicks() {
        String epoch = server.feed().epoch();
        // The token traded before this consumer arrived: seq 1..7 went to nobody, 7 is the snapshot.
        for (long seq = 1; seq <= 7; seq++) {
            Tick tick = tick("1004", epoch, seq);
            server.publish(tick);
            server.feed().putSnapshot(tick);
        }
        RecordingListener listener = new RecordingListener();
        TickStream stream = openSynced(server, listener, "1005");

        stream.subscribe(List.of("1004"));

        await().atMost(WAIT).until(() -> stream.latest("1004").isPresent());
        Tick snapshot = stream.latest("1004").orElseThrow();
        assertThat(snapshot.seq()).isEqualTo(7);
        assertThat(snapshot.bestBid()).isEqualTo(new BigDecimal("0.52"));
        assertThat(snapshot.bestAsk()).hasToString("0.530");
        assertThat(snapshot.tradable()).isTrue();
        await().atMost(WAIT).until(() -> server.feed().subscribers(Destinations.ticks("1004")) == 1);

        server.publish(tick("1004", epoch, 8));

        await().atMost(WAIT).until(() -> listener.seqs("1004").size() == 2);
        assertThat(listener.seqs("1004")).containsExactly(7L, 8L);
    }

    @Test
    void feedStatusUpdatesLiveness() {
        RecordingListener listener = new RecordingListener();
        long connectedAt = clock.millis();
        TickStream stream = openSynced(server, listener, "1006");
        assertThat(stream.liveness()).isEqualTo(new FeedLiveness(true, 0, null, connectedAt));

        clock.advance(1_000);
        server.publish(status(UpstreamHealth.DEGRADED));

        await().atMost(WAIT).until(() -> listener.statuses.size() == 1);
        FeedLiveness degraded = stream.liveness();
        assertThat(degraded.lastFeedStatusTime()).isEqualTo(connectedAt + 1_000);
        assertThat(degraded.upstream()).isEqualTo(UpstreamHealth.DEGRADED);
        assertThat(degraded.lastStatus().socketsConnected()).isEqualTo(1);

        clock.advance(5_000);
        server.publish(status(UpstreamHealth.UP));

        await().atMost(WAIT).until(() -> listener.statuses.size() == 2);
        FeedLiveness up = stream.liveness();
        assertThat(up.lastFeedStatusTime()).isEqualTo(connectedAt + 6_000);
        assertThat(up.upstream()).isEqualTo(UpstreamHealth.UP);
        assertThat(up.feedStatusAgeMs(clock.millis() + 250)).isEqualTo(250);
        assertThat(up.connectedSince()).isEqualTo(connectedAt);
    }

    @Test
    void malformedPayloadsAreCountedAndTheSessionSurvives() {
        RecordingListener listener = new RecordingListener();
        TickStream stream = openSynced(server, listener, "1007");
        long connectedSince = stream.liveness().connectedSince();

        server.publishRaw(Destinations.ticks("1007"), "{\"tokenId\":\"1007\", not json");
        server.publishRaw(Destinations.ticks("1007"), "{\"tokenId\":\"9999\",\"epoch\":\"e\",\"seq\":5,\"state\":\"LIVE\"}");
        server.publishRaw(Destinations.ticks("1007"), "{\"tokenId\":\"1007\",\"seq\":5,\"state\":\"LIVE\"}");
        server.publishRaw(Destinations.FEED_STATUS, "[1,2,3]");
        server.publish(tick("1007", server.feed().epoch(), 1));

        await().atMost(WAIT).until(() -> listener.seqs("1007").contains(1L));
        assertThat(stream.counters().malformed()).isEqualTo(4);
        assertThat(listener.seqs("1007")).containsExactly(0L, 1L);
        assertThat(stream.liveness().connected()).isTrue();
        assertThat(stream.liveness().connectedSince()).isEqualTo(connectedSince);
        assertThat(stream.liveness().lastStatus()).isNull();
        assertThat(stream.counters().reconnects()).isZero();
    }

    @Test
    void subscribeRejectsInvalidTokenIdsAndAddsNone() {
        TickStream stream = stream(server.url(), AUTH, new RecordingListener());

        for (List<String> bad : List.of(List.of("1", "abc"), List.of(""), List.of("12a"), List.of("1".repeat(101)),
                List.of("-1"), Arrays.asList("1", null))) {
            assertThatThrownBy(() -> stream.subscribe(bad))
                    .as("%s", bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("1-100 decimal digits");
        }
        assertThat(stream.tokens()).isEmpty();

        stream.subscribe(List.of("1".repeat(100), "1"));
        stream.subscribe(List.of("1"));
        assertThat(stream.tokens()).containsExactlyInAnyOrder("1".repeat(100), "1");
    }

    @Test
    void unsubscribeStopsDeliveryAndForgetsTheToken() {
        RecordingListener listener = new RecordingListener();
        TickStream stream = openSynced(server, listener, "1008", "1009");

        stream.unsubscribe(List.of("1008"));

        assertThat(stream.latest("1008")).isEmpty();
        await().atMost(WAIT).until(() -> server.feed().subscribers(Destinations.ticks("1008")) == 0);
        server.publish(tick("1008", server.feed().epoch(), 1));
        server.publish(tick("1009", server.feed().epoch(), 1));
        await().atMost(WAIT).until(() -> listener.seqs("1009").contains(1L));
        assertThat(listener.seqs("1008")).containsExactly(0L);
        assertThat(stream.latest("1008")).isEmpty();
        assertThat(stream.tokens()).containsExactly("1009");

        // Dropped and re-added at once: the token is forgotten, so it needs (and gets) a fresh snapshot.
        stream.unsubscribe(List.of("1009"));
        stream.subscribe(List.of("1009", "1008"));
        await().atMost(WAIT).until(() -> stream.latest("1009").isPresent() && stream.latest("1008").isPresent());
        assertThat(listener.seqs("1009")).containsExactly(0L, 1L, 0L);
    }

    @Test
    void listenerExceptionsAreCountedAndDeliveryContinues() {
        RecordingListener listener = new RecordingListener();
        listener.failOn(tick -> tick.seq() == 2);
        TickStream stream = openSynced(server, listener, "1010");

        for (long seq = 1; seq <= 3; seq++) {
            server.publish(tick("1010", server.feed().epoch(), seq));
        }

        await().atMost(WAIT).until(() -> listener.seqs("1010").contains(3L));
        assertThat(listener.seqs("1010")).containsExactly(0L, 1L, 2L, 3L);
        assertThat(stream.counters().listenerErrors()).isEqualTo(1);
        assertThat(stream.liveness().connected()).isTrue();
    }

    @Test
    void aStompErrorFrameIsReportedAndTheStreamReconnects() {
        RecordingListener listener = new RecordingListener();
        TickStream stream = stream(server.url(), AUTH, listener);
        int connectsBefore = server.feed().connects();
        stream.subscribe(List.of(TestFeed.FORBIDDEN_TOKEN));
        stream.start();

        await().atMost(WAIT).until(() -> server.feed().connects() >= connectsBefore + 2
                && listener.connections.stream().anyMatch(c -> c.startsWith("down: ")));
        assertThat(listener.connections).filteredOn(c -> c.startsWith("down: ")).first().asString()
                .contains("STOMP ERROR", "forbidden");

        stream.unsubscribe(List.of(TestFeed.FORBIDDEN_TOKEN));
        stream.subscribe(List.of("1011"));
        AtomicLong seq = new AtomicLong();
        await().atMost(WAIT).untilAsserted(() -> {
            server.publish(tick("1011", server.feed().epoch(), seq.incrementAndGet()));
            assertThat(stream.latest("1011")).map(Tick::seq).hasValueSatisfying(s -> assertThat(s).isPositive());
        });
        assertThat(stream.liveness().connected()).isTrue();
        assertThat(stream.counters().reconnects()).isPositive();
    }

    @Test
    void aWrongAuthTokenIsRefusedAndRetriedWithoutEverConnecting() {
        RecordingListener listener = new RecordingListener();
        int refusedBefore = server.feed().refusedConnects();
        TickStream stream = stream(server.url(), "wrong-secret", listener);
        stream.subscribe(List.of("1012"));
        stream.start();

        await().atMost(WAIT).until(() -> server.feed().refusedConnects() >= refusedBefore + 3);
        assertThat(stream.liveness().connected()).isFalse();
        assertThat(stream.liveness().connectedSince()).isZero();
        assertThat(listener.connections).isEmpty();
        assertThat(stream.latest("1012")).isEmpty();
    }

    @Test
    void serverStopAndRestartOnTheSamePortReconnectsAndResubscribes() {
        FakeMarketDataServer first = FakeMarketDataServer.start(0, AUTH);
        int port = first.port();
        RecordingListener listener = new RecordingListener();
        TickStream stream = openSynced(first, listener, "2001", "2002");
        String firstEpoch = first.feed().epoch();
        first.publish(tick("2001", firstEpoch, 1));
        await().atMost(WAIT).until(() -> listener.seqs("2001").contains(1L));

        first.close();

        await().atMost(WAIT).until(() -> !stream.liveness().connected());
        assertThat(stream.liveness().connectedSince()).isZero();
        await().atMost(WAIT).until(() -> listener.connections.size() == 2);
        assertThat(listener.connections.get(1)).startsWith("down: ");

        try (FakeMarketDataServer second = FakeMarketDataServer.start(port, AUTH)) {
            await().atMost(WAIT).until(() -> stream.liveness().connected()
                    && second.feed().subscribers(Destinations.ticks("2001")) == 1
                    && second.feed().subscribers(Destinations.ticks("2002")) == 1);
            assertThat(stream.counters().reconnects()).isEqualTo(1);
            assertThat(listener.connections).hasSize(3).last().asString().startsWith("up: ");

            // The restarted service has a new epoch: its seq 1 supersedes the old run's seq 1.
            String epoch = second.feed().epoch();
            second.publish(tick("2001", epoch, 1));
            second.publish(tick("2002", epoch, 1));
            await().atMost(WAIT).until(() -> stream.latest("2001").map(t -> t.epoch().equals(epoch) && t.seq() == 1).orElse(false)
                    && stream.latest("2002").map(t -> t.epoch().equals(epoch) && t.seq() == 1).orElse(false));
            assertThat(listener.ticks).filteredOn(t -> t.tokenId().equals("2001")).extracting(Tick::epoch)
                    .containsSubsequence(firstEpoch, epoch);
        }
    }

    @Test
    void closeDisconnectsAndStopsEveryThreadOfTheStream() {
        RecordingListener listener = new RecordingListener();
        TickStream stream = openSynced(server, listener, "1013");
        String prefix = stream.toString().substring(0, stream.toString().indexOf('['));

        stream.close();

        assertThat(listener.connections).containsExactly("up: connected to " + server.url(), "down: closed");
        await().atMost(WAIT).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.isAlive() && t.getName().startsWith(prefix + "-")));
        await().atMost(WAIT).until(() -> server.feed().subscribers(Destinations.ticks("1013")) == 0);
        assertThat(stream.liveness().connected()).isFalse();
        assertThatThrownBy(() -> stream.subscribe(List.of("1"))).isInstanceOf(IllegalStateException.class);
        stream.close();
    }

    @Test
    void anUnreachableServerIsRetriedWithBackoff() {
        RecordingListener listener = new RecordingListener();
        int port;
        try (FakeMarketDataServer gone = FakeMarketDataServer.start(0, AUTH)) {
            port = gone.port();
        }
        TickStream stream = stream(URI.create("ws://127.0.0.1:" + port + "/ws"), AUTH, listener);
        stream.subscribe(List.of("1014"));
        stream.start();

        try (FakeMarketDataServer late = FakeMarketDataServer.start(port, AUTH)) {
            await().atMost(WAIT).until(() -> stream.latest("1014").isPresent());
            assertThat(stream.latest("1014").orElseThrow().state()).isEqualTo(TickState.PENDING);
            assertThat(stream.liveness().connected()).isTrue();
            assertThat(stream.counters().reconnects()).isZero();
            assertThat(listener.connections).containsExactly("up: connected to " + late.url());
        }
    }

    @Test
    void aSilentConnectionIsDetectedByHeartBeatsAndReplaced() throws Exception {
        try (FreezableProxy proxy = new FreezableProxy(server.port())) {
            RecordingListener listener = new RecordingListener();
            TickStream stream = stream(proxy.url(), AUTH, listener, TickStream.DISPATCH_CAPACITY);
            stream.subscribe(List.of("1015"));
            stream.start();
            await().atMost(WAIT).until(() -> stream.liveness().connected() && stream.latest("1015").isPresent());

            // The socket stays open but carries nothing, not even heart-beats (1 s, declared lost after 3 s).
            proxy.freezeExisting();

            await().atMost(WAIT).until(() -> listener.connections.stream().anyMatch(c -> c.startsWith("down: ")));
            await().atMost(WAIT).until(() -> stream.liveness().connected() && stream.counters().reconnects() == 1);
            AtomicLong seq = new AtomicLong();
            await().atMost(WAIT).untilAsserted(() -> {
                server.publish(tick("1015", server.feed().epoch(), seq.incrementAndGet()));
                assertThat(stream.latest("1015")).map(Tick::seq).hasValueSatisfying(s -> assertThat(s).isPositive());
            });
            stream.close();
        }
    }

    @Test
    void aSlowListenerMissesCallsButLatestAndOrderAreKept() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        RecordingListener listener = new RecordingListener() {
            @Override
            public void onTick(Tick tick) {
                super.onTick(tick);
                if (tick.seq() == 1) {
                    awaitQuietly(release);
                }
            }
        };
        TickStream stream = stream(server.url(), AUTH, listener, 5);
        stream.subscribe(List.of("1016"));
        stream.start();
        await().atMost(WAIT).until(() -> stream.latest("1016").isPresent()
                && server.feed().subscribers(Destinations.ticks("1016")) == 1);

        for (long seq = 1; seq <= 30; seq++) {
            server.publish(tick("1016", server.feed().epoch(), seq));
        }

        // De-duplication and latest() do not wait for the listener.
        await().atMost(WAIT).until(() -> stream.counters().accepted() == 31);
        assertThat(stream.latest("1016")).map(Tick::seq).contains(30L);
        release.countDown();
        TickStreamCounters counters = stream.counters();
        assertThat(counters.dispatchDropped()).isPositive();
        await().atMost(WAIT).until(() -> listener.seqs("1016").size() + counters.dispatchDropped() == 31);
        assertThat(listener.seqs("1016")).isSorted().doesNotHaveDuplicates().startsWith(0L, 1L);

        server.publish(tick("1016", server.feed().epoch(), 31));
        await().atMost(WAIT).until(() -> listener.seqs("1016").contains(31L));
    }

    // ---- helpers ----------------------------------------------------------------------------

    /** Starts a stream on {@code target} and waits until each token's snapshot (seq 0, PENDING) arrived. */
    private TickStream openSynced(FakeMarketDataServer target, RecordingListener listener, String... tokens) {
        TickStream stream = stream(target.url(), AUTH, listener);
        stream.subscribe(List.of(tokens));
        stream.start();
        await().atMost(WAIT).until(() -> stream.liveness().connected()
                && Arrays.stream(tokens).allMatch(t -> stream.latest(t).isPresent()
                && target.feed().subscribers(Destinations.ticks(t)) == 1));
        return stream;
    }

    private TickStream stream(URI url, String authToken, RecordingListener listener) {
        return stream(url, authToken, listener, TickStream.DISPATCH_CAPACITY);
    }

    private TickStream stream(URI url, String authToken, RecordingListener listener, int dispatchCapacity) {
        TickStreamConfig config = new TickStreamConfig(url, Duration.ofSeconds(1), Duration.ofMillis(50),
                Duration.ofMillis(400), authToken);
        TickStream stream = new TickStream(config, listener, clock, dispatchCapacity);
        toClose.add(stream);
        return stream;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Tick tick(String tokenId, String epoch, long seq) {
        return new Tick(tokenId, "0x5f65", epoch, seq, TickState.LIVE, "price_change", new BigDecimal("0.52"),
                new BigDecimal("0.530"), new BigDecimal("0.52"), new BigDecimal("0.01"), 1_764_080_000_123L,
                1_764_080_000_125L, 1_764_080_000_126L);
    }

    private static FeedStatus status(UpstreamHealth upstream) {
        return new FeedStatus(server.feed().epoch(), System.currentTimeMillis(), upstream, 2,
                upstream == UpstreamHealth.UP ? 2 : 1, 10, 9, 1, 0, 120);
    }
}
