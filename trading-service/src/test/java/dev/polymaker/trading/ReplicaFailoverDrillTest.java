package dev.polymaker.trading;

import dev.polymaker.simulator.ExchangeSimulator;
import dev.polymaker.simulator.SimulatorConfig;
import dev.polymaker.testsupport.Http;
import dev.polymaker.testsupport.MarketDataServiceRunner;
import dev.polymaker.trading.config.TradingSystem;
import dev.polymaker.trading.feed.FeedMode;
import dev.polymaker.trading.feed.MarketDataFeed;
import dev.polymaker.trading.feed.TokenFeedView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The replica drill over real sockets (issue 12): the exchange simulator as Polymarket, two real
 * market-data-service apps as replicas A and B, and this app following them with stale-after 1 s.
 * A killed: SHARED on B within stale-after + 1 s, never DIRECT, no older tick fed; A back: no
 * flapping; both dead: DIRECT; one back: SHARED on it again. Every change of what the strategy holds
 * is recorded by a 2 ms sampler of the feed, and the recording is checked for order.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMetrics
class ReplicaFailoverDrillTest {

    private static final Logger log = LoggerFactory.getLogger(ReplicaFailoverDrillTest.class);
    private static final Duration AWAIT = Duration.ofSeconds(30);
    private static final long STALE_AFTER_MS = 1_000;
    /** The simulator moves the book on its own, so ticks keep coming from both replicas. */
    private static final ExchangeSimulator SIM = ExchangeSimulator.start(SimulatorConfig.builder().host("127.0.0.1")
            .httpPort(0).wsPort(0).markets(1).seed(12).eventsPerSecond(20).build());
    private static final String TOKEN = SIM.markets().get(0).yesTokenId();
    private static final MarketDataServiceRunner A = new MarketDataServiceRunner(SIM).start();
    private static final MarketDataServiceRunner B = new MarketDataServiceRunner(SIM).start();
    private static final String SHARED_A = "shared:127.0.0.1:" + A.stompUrl().getPort();
    private static final String SHARED_B = "shared:127.0.0.1:" + B.stompUrl().getPort();

    @LocalServerPort
    int port;
    @Autowired
    TradingSystem system;

    /** What the feed looked like at one instant: its mode and source, and the tick the strategy holds. */
    record Sample(long time, FeedMode mode, String source, String fedEpoch, long fedSeq, long fedExchangeTime) {
    }

    private final List<Sample> samples = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "drill-sampler");
        t.setDaemon(true);
        return t;
    });

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        TestProperties.fast(r, null, SIM);
        r.add("trading.market-data.urls", () -> A.stompUrl() + "," + B.stompUrl());
        r.add("trading.tokens", () -> TOKEN);
        r.add("trading.admin.token", () -> "admin");
    }

    @AfterEach
    void stopSampler() {
        sampler.shutdownNow();
    }

    @AfterAll
    static void stop() {
        A.close();
        B.close();
        SIM.close();
    }

    private void sample() {
        MarketDataFeed feed = system.feed();
        TokenFeedView v = feed.tokens().get(TOKEN);
        Sample s = new Sample(System.currentTimeMillis(), feed.mode(), feed.source(), v == null ? null : v.fedEpoch(),
                v == null ? 0 : v.fedSeq(), v == null ? 0 : v.fedExchangeTime());
        Sample last = samples.isEmpty() ? null : samples.get(samples.size() - 1);
        if (last == null || last.mode() != s.mode() || !last.source().equals(s.source())
                || !Objects.equals(last.fedEpoch(), s.fedEpoch()) || last.fedSeq() != s.fedSeq()) {
            samples.add(s);
        }
    }

    /** The first sample at or after {@code since} that matches. */
    private Sample first(long since, Predicate<Sample> p) {
        return samples.stream().filter(s -> s.time() >= since && p.test(s)).findFirst().orElseThrow();
    }

    private static double metric(String prometheus, String name, String labels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name + "{" + labels + "}") + " ([0-9.E+-]+)$").matcher(prometheus);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static String switchLabels(String from, String reason, String to) {
        return "application=\"trading-service\",from=\"" + from + "\",reason=\"" + reason + "\",to=\"" + to + "\"";
    }

    @Test
    void replicaDrill() {
        Http http = new Http(port);
        sampler.scheduleWithFixedDelay(this::sample, 0, 2, TimeUnit.MILLISECONDS);

        // 1. Both replicas up: SHARED on A (the first listed), ticks fed from A.
        await().atMost(AWAIT).until(() -> SHARED_A.equals(system.feed().source())
                && system.feed().tokens().get(TOKEN).fedEpoch() != null);
        String epochA = system.feed().tokens().get(TOKEN).fedEpoch();
        await().atMost(AWAIT).until(() -> system.feed().replicaViews().stream().allMatch(r -> r.healthy()));
        JsonNode md = http.get("/actuator/health").json().path("components").path("marketData").path("details");
        assertThat(md.path("source").asString()).isEqualTo(SHARED_A);
        assertThat(md.path("replicasHealthy").asInt()).isEqualTo(2);

        // 2. A dies: SHARED on B within stale-after + 1 s, ticks from B fed, never DIRECT.
        long killedA = System.currentTimeMillis();
        A.stop();
        await().atMost(AWAIT).until(() -> SHARED_B.equals(system.feed().source()));
        await().atMost(AWAIT).until(() -> {
            String fed = system.feed().tokens().get(TOKEN).fedEpoch();
            return fed != null && !fed.equals(epochA);
        });
        Sample onB = first(killedA, s -> SHARED_B.equals(s.source()));
        Sample fedFromB = first(killedA, s -> s.fedEpoch() != null && !s.fedEpoch().equals(epochA));
        String epochB = fedFromB.fedEpoch();
        assertThat(epochB).doesNotStartWith("direct-");
        long switchMs = onB.time() - killedA;
        long failoverMs = fedFromB.time() - killedA;
        log.info("replica drill: A killed -> following B after {} ms, first tick from B fed after {} ms (limit {} ms)",
                switchMs, failoverMs, STALE_AFTER_MS + 1_000);
        assertThat(failoverMs).as("A's death to B's first fed tick").isLessThanOrEqualTo(STALE_AFTER_MS + 1_000);
        assertThat(samples).noneMatch(s -> s.mode() != FeedMode.SHARED);

        // 3. A comes back and is healthy again: the trader stays on B (no flapping).
        A.start();
        await().atMost(AWAIT).until(() -> system.feed().replicaViews().stream().allMatch(r -> r.healthy()));
        long aBack = System.currentTimeMillis();
        await().during(Duration.ofSeconds(4)).atMost(AWAIT).until(() -> SHARED_B.equals(system.feed().source()));
        assertThat(samples).filteredOn(s -> s.time() >= aBack).allMatch(s -> SHARED_B.equals(s.source()));
        String prometheus = http.get("/actuator/prometheus").body();
        assertThat(metric(prometheus, "trading_feed_switches_total", switchLabels(SHARED_A, "replica_stale", SHARED_B)))
                .isEqualTo(1.0);
        assertThat(prometheus).doesNotContain("to=\"direct\"").doesNotContain("from=\"" + SHARED_B + "\"")
                .contains("trading_feed_replicas{application=\"trading-service\"} 2.0");

        // 4. Both die: DIRECT, ticks from the trader's own pool.
        long killedBoth = System.currentTimeMillis();
        A.stop();
        B.stop();
        await().atMost(AWAIT).until(() -> system.feed().mode() == FeedMode.DIRECT);
        await().atMost(AWAIT).until(() -> {
            String fed = system.feed().tokens().get(TOKEN).fedEpoch();
            return fed != null && fed.startsWith("direct-");
        });
        Sample direct = first(killedBoth, s -> s.mode() == FeedMode.DIRECT);
        log.info("replica drill: both killed -> DIRECT after {} ms", direct.time() - killedBoth);
        assertThat(http.get("/actuator/health").json().path("components").path("marketData").path("details")
                .path("source").asString()).isEqualTo("direct");

        // 5. B comes back: SHARED on B after return-after (2 s), ticks from B's new run fed.
        B.start();
        long bBack = System.currentTimeMillis();
        await().atMost(AWAIT).until(() -> SHARED_B.equals(system.feed().source()));
        assertThat(System.currentTimeMillis() - bBack).isGreaterThanOrEqualTo(2_000);
        await().atMost(AWAIT).until(() -> {
            String fed = system.feed().tokens().get(TOKEN).fedEpoch();
            return fed != null && !fed.startsWith("direct-") && !fed.equals(epochB) && !fed.equals(epochA);
        });
        prometheus = http.get("/actuator/prometheus").body();
        assertThat(metric(prometheus, "trading_feed_switches_total", switchLabels(SHARED_B, "shared_stale", "direct")))
                .isEqualTo(1.0);
        assertThat(metric(prometheus, "trading_feed_switches_total", switchLabels("direct", "shared_recovered", SHARED_B)))
                .isEqualTo(1.0);
        assertThat(prometheus).doesNotContain("to=\"none\"");

        // Across all of it, what the strategy held never went back in time.
        sampler.shutdownNow();
        Sample prev = null;
        for (Sample s : samples) {
            if (prev != null && prev.fedEpoch() != null && s.fedEpoch() != null) {
                if (prev.fedEpoch().equals(s.fedEpoch())) {
                    assertThat(s.fedSeq()).as("seq within %s", s.fedEpoch()).isGreaterThanOrEqualTo(prev.fedSeq());
                } else {
                    assertThat(s.fedExchangeTime()).as("%s after %s", s, prev).isGreaterThan(prev.fedExchangeTime());
                }
            }
            prev = s;
        }
    }
}
