package dev.polymaker.trading.feed;

import dev.polymaker.marketdata.api.stream.TickStreamConfig;
import dev.polymaker.polymarket.upstream.UpstreamConfig;
import dev.polymaker.simulator.ExchangeSimulator;
import dev.polymaker.simulator.SimLevel;
import dev.polymaker.simulator.SimulatorConfig;
import dev.polymaker.testsupport.MarketDataServiceRunner;
import dev.polymaker.testsupport.RecordingFeedConsumer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The feed against the real market-data-service (in this JVM) and the simulator: every tick fed
 * across shared -> direct -> shared is in order, and each path's ticks carry its own epoch; a quiet
 * token is tradable again after the service's own upstream reconnects.
 */
class MarketDataFeedWithServiceTest {

    private static final Duration AWAIT = Duration.ofSeconds(30);

    private final ExchangeSimulator sim = ExchangeSimulator.start(SimulatorConfig.builder().host("127.0.0.1")
            .httpPort(0).wsPort(0).markets(1).seed(21).eventsPerSecond(0).build());
    private final String token = sim.markets().get(0).yesTokenId();
    private final MarketDataServiceRunner mds = new MarketDataServiceRunner(sim).start();
    private final RecordingFeedConsumer consumer = new RecordingFeedConsumer();
    private MarketDataFeed feed;

    @AfterEach
    void tearDown() {
        if (feed != null) {
            feed.close();
        }
        mds.close();
        sim.close();
    }

    private void book(String bid, String ask) {
        sim.setBook(token, List.of(new SimLevel(new BigDecimal(bid), BigDecimal.TEN)),
                List.of(new SimLevel(new BigDecimal(ask), BigDecimal.TEN)));
    }

    private boolean lastBid(String bid) {
        return consumer.last() != null && consumer.last().bestBid() != null
                && consumer.last().bestBid().compareTo(new BigDecimal(bid)) == 0;
    }

    /** The feed on the service, with its direct fallback on {@code directUrl}, following {@link #token}. */
    private void startFeed(URI directUrl) {
        TickStreamConfig shared = new TickStreamConfig(mds.stompUrl(), Duration.ofSeconds(1), Duration.ofMillis(100),
                Duration.ofMillis(300), null);
        UpstreamConfig direct = new UpstreamConfig(directUrl, sim.restUrl(), Duration.ofMillis(200),
                Duration.ofMillis(800), Duration.ofMillis(600), 200, Duration.ofMillis(50), Duration.ofMillis(400),
                Duration.ofMillis(10), Duration.ofSeconds(2), 3, 3);
        feed = new MarketDataFeed(new FeedSettings(shared, direct, Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofMillis(50), Duration.ofMillis(100)), consumer, Clock.systemUTC(), new SimpleMeterRegistry(),
                "itest");
        feed.addToken(token);
        feed.start();
    }

    @Test
    void ticksStayInOrderAcrossSwitches() {
        startFeed(sim.marketUrl());

        await().atMost(AWAIT).until(() -> feed.mode() == FeedMode.SHARED && feed.sharedProblem() == null);
        book("0.30", "0.34");
        await().atMost(AWAIT).until(() -> lastBid("0.30") && !consumer.last().epoch().startsWith("direct-"));
        String sharedEpoch = consumer.last().epoch();

        mds.stop();
        await().atMost(AWAIT).until(() -> feed.mode() == FeedMode.DIRECT);
        for (String bid : List.of("0.31", "0.32", "0.33")) {
            book(bid, "0.34");
            await().atMost(AWAIT).until(() -> lastBid(bid));
        }
        assertThat(consumer.last().epoch()).startsWith("direct-");

        mds.start();
        await().atMost(AWAIT).until(() -> feed.mode() == FeedMode.SHARED);
        await().atMost(AWAIT).until(() -> !feed.directRunning());
        book("0.29", "0.34");
        await().atMost(AWAIT).until(() -> lastBid("0.29"));
        assertThat(consumer.last().epoch()).doesNotStartWith("direct-").isNotEqualTo(sharedEpoch);

        MarketDataFeedFailoverTest.assertNeverOlderAfterNewer(consumer.ticks);
        assertThat(consumer.ticks).allMatch(t -> t.state() == dev.polymaker.marketdata.api.TickState.LIVE);
    }

    private boolean tradable() {
        List<String> changes = consumer.tradable;
        return !changes.isEmpty() && changes.get(changes.size() - 1).startsWith(token + " true");
    }

    @Test
    void aTokenWhoseBookDidNotMoveIsTradableAgainAfterTheServicesUpstreamReconnects() {
        // No direct fallback to bring fresh data in by another way: only the service's own recovery counts.
        startFeed(URI.create("ws://127.0.0.1:9/ws"));
        await().atMost(AWAIT).until(() -> feed.mode() == FeedMode.SHARED && feed.sharedProblem() == null);
        book("0.30", "0.34");
        await().atMost(AWAIT).until(() -> lastBid("0.30") && tradable());

        // Longer than max-tick-age (2 s) later, the service's upstream socket drops; it reconnects and the
        // exchange sends the same book again. A quiet market: the top never moves afterwards.
        await().pollDelay(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(5)).until(() -> true);
        int changes = consumer.tradable.size();
        sim.faults().dropAllConnections();
        // The outage shows (STALE: untradable), however briefly, and ends tradable on the new book.
        await().atMost(AWAIT).until(() -> consumer.tradable.subList(changes, consumer.tradable.size()).stream()
                .anyMatch(change -> change.startsWith(token + " false")));
        await().atMost(AWAIT).until(this::tradable);
        assertThat(consumer.last().bestBid()).isEqualByComparingTo("0.30");
        assertThat(System.currentTimeMillis() - consumer.last().receivedTime()).as("fed fresh").isLessThan(10_000);
    }
}
