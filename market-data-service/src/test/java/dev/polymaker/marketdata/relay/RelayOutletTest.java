package dev.polymaker.marketdata.relay;

import dev.polymaker.marketdata.api.Destinations;
import dev.polymaker.marketdata.api.FeedStatus;
import dev.polymaker.marketdata.api.Tick;
import dev.polymaker.marketdata.api.TickEvent;
import dev.polymaker.marketdata.api.TickState;
import dev.polymaker.marketdata.api.UpstreamHealth;
import dev.polymaker.marketdata.metrics.MarketDataMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The relay's publishing side over a real socket ({@link FakeStompBroker} echoes every SEND back, so
 * each message seen is one broker frame): ticks go as batches of newline-delimited JSON, at least the
 * batch interval apart — a tick after a quiet spell at once, the ticks of one interval in one frame,
 * in the order they were published — and the feed status, which shares the publishing thread, is never
 * held behind a backlog of ticks (docs/architecture.md §3.6).
 */
class RelayOutletTest {

    private static final Duration AWAIT = Duration.ofSeconds(20);
    private final RelayNamespace namespace = new RelayNamespace("t-outlet");
    private final JsonMapper json = JsonMapper.builder().build();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<List<Tick>> batches = new CopyOnWriteArrayList<>();
    private final List<Long> batchSeenNanos = new CopyOnWriteArrayList<>();
    private final List<Long> statusSeenNanos = new CopyOnWriteArrayList<>();
    private FakeStompBroker broker;
    private ThreadPoolTaskScheduler scheduler;
    private ExecutorService publisher;
    private BrokerLink link;

    private RelayOutlet start(Duration batchInterval) throws Exception {
        publisher = Executors.newSingleThreadExecutor();
        return start(batchInterval, publisher);
    }

    private RelayOutlet start(Duration batchInterval, Executor publishingThread) throws Exception {
        broker = new FakeStompBroker();
        scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(2);
        scheduler.initialize();
        link = new BrokerLink(new BrokerLink.Settings("127.0.0.1", broker.port(), "guest", "guest", Duration.ZERO,
                namespace, Duration.ofSeconds(30)), scheduler, Clock.systemUTC(), new BrokerLink.Events() {
                    public void up() {
                    }

                    public void down(LinkLoss loss, String detail) {
                    }

                    public void message(String destination, String epoch, byte[] payload) {
                        if (destination.equals(namespace.toBroker(Destinations.FEED_STATUS))) {
                            statusSeenNanos.add(System.nanoTime());
                        }
                        if (destination.equals(namespace.tickBatches())) {
                            batchSeenNanos.add(System.nanoTime());
                            batches.add(new String(payload, StandardCharsets.UTF_8).lines()
                                    .map(line -> json.readValue(line, Tick.class)).toList());
                        }
                    }
                });
        RelayOutlet outlet = new RelayOutlet(link, namespace, publishingThread, 1_000, batchInterval, json,
                new MarketDataMetrics(registry), Clock.systemUTC());
        link.start();
        await().atMost(AWAIT).until(link::isUp);
        return outlet;
    }

    @AfterEach
    void stop() throws Exception {
        if (link != null) {
            link.close();
            if (publisher != null) {
                publisher.shutdownNow();
            }
            scheduler.shutdown();
            broker.close();
        }
    }

    @Test
    void aTickAfterAQuietSpellGoesAtOnceAndTheTicksOfOneIntervalShareOneFrame() throws Exception {
        Duration interval = Duration.ofSeconds(3);
        RelayOutlet outlet = start(interval);

        long first = System.nanoTime();
        outlet.publish(tick("1", 1));
        await("the first tick does not wait for an interval").atMost(Duration.ofMillis(interval.toMillis() * 2 / 3))
                .until(() -> batches.size() == 1);
        outlet.publish(tick("1", 2));
        outlet.publish(tick("2", 1));
        outlet.publish(tick("1", 3));
        await().atMost(AWAIT).until(() -> batches.size() == 2);

        assertThat(batches.get(0)).extracting(Tick::seq).containsExactly(1L);
        assertThat(batches.get(1)).as("one frame, in publish order")
                .extracting(t -> t.tokenId() + "#" + t.seq()).containsExactly("1#2", "2#1", "1#3");
        assertThat(Duration.ofNanos(batchSeenNanos.get(1) - first)).as("the second frame waited for the interval")
                .isGreaterThanOrEqualTo(interval.minusMillis(100));
        assertThat(registry.get("marketdata.relay.batches.published").counter().count()).isEqualTo(2.0);
        assertThat(registry.get("marketdata.ticks.published").counter().count()).isEqualTo(4.0);
    }

    @Test
    void withoutAnIntervalEveryTickIsDeliveredInOrderWhateverTheBatches() throws Exception {
        RelayOutlet outlet = start(Duration.ZERO);
        for (int seq = 1; seq <= 500; seq++) {
            outlet.publish(tick(Integer.toString(seq % 7), seq));
        }
        await().atMost(AWAIT).until(() -> batches.stream().mapToInt(List::size).sum() == 500);
        assertThat(batches.stream().flatMap(List::stream).map(Tick::seq).toList())
                .isSorted().hasSize(500).doesNotHaveDuplicates();
        assertThat(registry.get("marketdata.relay.batches.published").counter().count()).isEqualTo(batches.size());
    }

    @Test
    void ticksQueuedFasterThanTheyAreSentNeverHoldUpTheFeedStatus() throws Exception {
        ConcurrentLinkedQueue<Runnable> thread = new ConcurrentLinkedQueue<>(); // the publishing thread, run by hand
        RelayOutlet outlet = start(Duration.ZERO, thread::add);
        for (int seq = 1; seq <= 600; seq++) { // more than two batches' worth waiting: a steady stream's backlog
            outlet.publish(tick(Integer.toString(seq % 5), seq));
        }
        outlet.publish(new FeedStatus("e-1", System.currentTimeMillis(), UpstreamHealth.UP, 1, 1, 5, 5, 0, 0, 10));
        for (Runnable task = thread.poll(); task != null; task = thread.poll()) {
            task.run();
        }
        await().atMost(AWAIT).until(() -> batches.stream().mapToInt(List::size).sum() == 600 && !statusSeenNanos.isEmpty());

        assertThat(batches).hasSizeGreaterThanOrEqualTo(3).allSatisfy(b -> assertThat(b).hasSizeLessThanOrEqualTo(
                RelayOutlet.MAX_BATCH_TICKS));
        assertThat(statusSeenNanos.get(0)).as("the feed status went after the first turn, not after the whole backlog")
                .isLessThan(batchSeenNanos.get(batchSeenNanos.size() - 1));
    }

    private static Tick tick(String tokenId, long seq) {
        return new Tick(tokenId, "0xm", "e-1", seq, TickState.LIVE, TickEvent.PRICE_CHANGE, new BigDecimal("0.48"),
                new BigDecimal("0.52"), null, new BigDecimal("0.01"), 1_000 + seq, 1_001 + seq, 1_002 + seq);
    }
}
