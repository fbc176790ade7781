package dev.polymaker.marketdata.relay;

import dev.polymaker.marketdata.MarketDataApplication;
import dev.polymaker.marketdata.api.Destinations;
import dev.polymaker.marketdata.api.FeedStatus;
import dev.polymaker.marketdata.api.Tick;
import dev.polymaker.marketdata.api.TickState;
import dev.polymaker.marketdata.support.Http;
import dev.polymaker.marketdata.support.StompTestClient;
import dev.polymaker.simulator.ExchangeSimulator;
import dev.polymaker.simulator.SimSide;
import dev.polymaker.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The node-queue relay on a real RabbitMQ with {@code rabbitmq_stomp}: one test body, run against a
 * broker on this machine ({@link LocalRabbitRelayTest}, CI) and a Testcontainers broker where Docker
 * exists ({@link ContainerRabbitRelayTest}). docs/architecture.md §3.6.
 */
abstract class RabbitRelayContract {

    static final Duration AWAIT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The broker under test: where its STOMP port is, and how to stop and start its application. */
    interface Broker {
        String host();

        int stompPort();

        String login();

        String passcode();

        void stopApp() throws Exception;

        void startApp() throws Exception;
    }

    abstract Broker broker();

    private final List<AutoCloseable> resources = new ArrayList<>();
    private ExchangeSimulator sim;

    @BeforeEach
    void simulator() {
        sim = ExchangeSimulator.start(SimulatorConfig.builder().host("127.0.0.1").httpPort(0).wsPort(0).markets(1)
                .levelsPerSide(20).seed(12).eventsPerSecond(0).build());
        resources.add(sim);
    }

    @AfterEach
    void close() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    @Test
    void ticksFeedStatusAndSnapshotsFlowThroughTheBrokerAndSendIsRefused() {
        ConfigurableApplicationContext app = start(namespace(), "a");
        int port = port(app);
        String token = sim.tokenIds().get(0);
        StompTestClient client = client(port);
        List<FeedStatus> status = client.subscribe(Destinations.FEED_STATUS, FeedStatus.class);
        List<Tick> ticks = client.subscribe(Destinations.ticks(token), Tick.class);
        await().atMost(AWAIT).until(() -> status.size() >= 2);
        await().atMost(AWAIT).until(() -> !ticks.isEmpty());
        assertThat(ticks.get(0).state()).isEqualTo(TickState.LIVE);
        assertThat(ticks.get(0).epoch()).isEqualTo(epoch(app));

        BigDecimal bid = lowerBestBid(token);
        await().atMost(AWAIT).untilAsserted(() -> assertThat(last(ticks).bestBid()).isEqualByComparingTo(bid));

        List<Tick> snapshot = client.subscribe("/app/ticks." + token, Tick.class);
        await().atMost(AWAIT).until(() -> !snapshot.isEmpty());
        assertThat(snapshot.get(0).seq()).isEqualTo(last(ticks).seq());
        assertThat(snapshot.get(0).bestBid()).isEqualByComparingTo(bid);

        StompTestClient sender = client(port);
        sender.session().send(Destinations.ticks(token), Map.of("epoch", "forged", "seq", 1_000_000));
        await().atMost(AWAIT).until(() -> !sender.errors.isEmpty());
        BigDecimal next = lowerBestBid(token);
        await().atMost(AWAIT).untilAsserted(() -> assertThat(last(ticks).bestBid()).isEqualByComparingTo(next));
        assertThat(ticks).allSatisfy(t -> assertThat(t.epoch()).isEqualTo(epoch(app)));
        assertThat(client.connected()).isTrue();
        assertNeverOlder(ticks);
    }

    @Test
    void aBrokerRestartIsReportedThenTheRelayResubscribesAndFeedsNothingOlder() throws Exception {
        ConfigurableApplicationContext app = start(namespace(), "a");
        int port = port(app);
        String token = sim.tokenIds().get(0);
        StompTestClient client = client(port);
        List<Tick> ticks = client.subscribe(Destinations.ticks(token), Tick.class);
        await().atMost(AWAIT).until(() -> !ticks.isEmpty());
        lowerBestBid(token);
        await().atMost(AWAIT).until(() -> last(ticks).seq() >= 2);
        long before = last(ticks).seq();

        broker().stopApp();
        try {
            await().atMost(AWAIT).untilAsserted(() -> {
                JsonNode broker = brokerHealth(port);
                assertThat(broker.path("status").asString()).isEqualTo("DOWN");
                assertThat(broker.path("details").path("reason").asString()).contains("127.0.0.1:" + broker().stompPort());
                assertThat(metric(port, "marketdata_relay_link_losses_total", "reason=\"connection_lost\""))
                        .isGreaterThanOrEqualTo(1.0);
            });
            assertThat(Http.get(port, "/actuator/health/readiness").statusCode()).isEqualTo(503);
            assertThat(metric(port, "marketdata_relay_connected", "")).isEqualTo(0.0);
            // Changes while the broker is away: not delivered (counted), but the latest one is re-sent on return.
            lowerBestBid(token);
            BigDecimal whileAway = lowerBestBid(token);
            await().atMost(AWAIT).until(() -> metric(port, "marketdata_ticks_dropped_total", "") >= 1.0);
            await().atMost(AWAIT).until(() -> metric(port, "marketdata_relay_feed_status_dropped_total", "") >= 1.0);
            assertThat(last(ticks).seq()).isEqualTo(before);

            broker().startApp();
            await().atMost(AWAIT).untilAsserted(() -> {
                assertThat(Http.get(port, "/actuator/health/readiness").statusCode()).isEqualTo(200);
                assertThat(last(ticks).bestBid()).isEqualByComparingTo(whileAway);
            });
        } finally {
            broker().startApp(); // idempotent: never leave the shared broker stopped
        }
        assertThat(metric(port, "marketdata_relay_connected", "")).isEqualTo(1.0);
        assertThat(last(ticks).seq()).isGreaterThan(before + 1);
        BigDecimal after = lowerBestBid(token);
        await().atMost(AWAIT).untilAsserted(() -> assertThat(last(ticks).bestBid()).isEqualByComparingTo(after));
        assertThat(client.connected()).isTrue();
        assertThat(ticks).allSatisfy(t -> assertThat(t.epoch()).isEqualTo(epoch(app)));
        assertNeverOlder(ticks);
    }

    @Test
    void twoInstancesOnOneBrokerNeverInterleaveEpochsAndASecondHolderOfANamespaceIsRefused() {
        String shared = namespace();
        ConfigurableApplicationContext a = start(shared, "a");
        ConfigurableApplicationContext b = start(namespace(), "b");
        String token = sim.tokenIds().get(0);
        StompTestClient onA = client(port(a));
        StompTestClient onB = client(port(b));
        List<Tick> ticksA = onA.subscribe(Destinations.ticks(token), Tick.class);
        List<Tick> ticksB = onB.subscribe(Destinations.ticks(token), Tick.class);
        BigDecimal bid = lowerBestBid(token);
        await().atMost(AWAIT).untilAsserted(() -> {
            assertThat(last(ticksA).bestBid()).isEqualByComparingTo(bid);
            assertThat(last(ticksB).bestBid()).isEqualByComparingTo(bid);
        });

        // A third instance misconfigured with A's namespace: the broker refuses it the namespace's lease.
        ConfigurableApplicationContext c = startApp(shared, "c");
        int portC = port(c);
        await().atMost(AWAIT).untilAsserted(() -> {
            JsonNode broker = brokerHealth(portC);
            assertThat(broker.path("status").asString()).isEqualTo("DOWN");
            assertThat(broker.path("details").path("reason").asString()).startsWith("lease_held");
        });
        assertThat(metric(portC, "marketdata_relay_link_losses_total", "reason=\"lease_held\"")).isGreaterThanOrEqualTo(1.0);
        BigDecimal next = lowerBestBid(token);
        await().atMost(AWAIT).untilAsserted(() -> {
            assertThat(last(ticksA).bestBid()).isEqualByComparingTo(next);
            assertThat(last(ticksB).bestBid()).isEqualByComparingTo(next);
        });
        assertThat(ticksA).allSatisfy(t -> assertThat(t.epoch()).isEqualTo(epoch(a)));
        assertThat(ticksB).allSatisfy(t -> assertThat(t.epoch()).isEqualTo(epoch(b)));
        assertThat(epoch(a)).isNotEqualTo(epoch(b));
        assertNeverOlder(ticksA);
        assertNeverOlder(ticksB);

        // A goes away: C takes the namespace over, and A's consumers' destinations carry only C's epoch from then on.
        a.close();
        await().atMost(AWAIT).until(() -> Http.get(portC, "/actuator/health/readiness").statusCode() == 200);
        StompTestClient onC = client(portC);
        List<Tick> ticksC = onC.subscribe(Destinations.ticks(token), Tick.class);
        BigDecimal third = lowerBestBid(token);
        await().atMost(AWAIT).untilAsserted(() -> assertThat(last(ticksC).bestBid()).isEqualByComparingTo(third));
        assertThat(ticksC).allSatisfy(t -> assertThat(t.epoch()).isEqualTo(epoch(c)));
    }

    // --- helpers ---

    private ConfigurableApplicationContext start(String namespace, String instance) {
        ConfigurableApplicationContext app = startApp(namespace, instance);
        int port = port(app);
        await().atMost(AWAIT).until(() -> Http.get(port, "/actuator/health/readiness").statusCode() == 200);
        return app;
    }

    private ConfigurableApplicationContext startApp(String namespace, String instance) {
        Broker broker = broker();
        ConfigurableApplicationContext app = new SpringApplicationBuilder(MarketDataApplication.class).run(
                "--server.port=0", "--spring.jmx.enabled=false", "--marketdata.instance-id=" + instance,
                "--marketdata.upstream.url=" + sim.marketUrl(), "--marketdata.upstream.rest-url=" + sim.restUrl(),
                "--marketdata.tokens=" + String.join(",", sim.tokenIds()), "--marketdata.gamma.enabled=false",
                "--marketdata.upstream.ping-interval=200ms", "--marketdata.status-interval=200ms",
                "--marketdata.stomp.heartbeat=1s", "--marketdata.relay.enabled=true",
                "--marketdata.relay.host=" + broker.host(), "--marketdata.relay.port=" + broker.stompPort(),
                "--marketdata.relay.login=" + broker.login(), "--marketdata.relay.passcode=" + broker.passcode(),
                "--marketdata.relay.namespace=" + namespace);
        resources.add(app);
        return app;
    }

    private StompTestClient client(int port) {
        StompTestClient client = StompTestClient.connect(port);
        resources.add(client);
        return client;
    }

    /** Removes the best bid level: the next tick's best bid is the returned price. */
    private BigDecimal lowerBestBid(String token) {
        BigDecimal best = sim.book(token).bestBid();
        sim.setLevel(token, SimSide.BUY, best, BigDecimal.ZERO);
        return sim.book(token).bestBid();
    }

    private static String namespace() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static int port(ConfigurableApplicationContext app) {
        return Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
    }

    private static String epoch(ConfigurableApplicationContext app) {
        return app.getBean(dev.polymaker.marketdata.sequencing.Epoch.class).value();
    }

    private static Tick last(List<Tick> ticks) {
        assertThat(ticks).isNotEmpty();
        return ticks.get(ticks.size() - 1);
    }

    /** A consumer never receives a tick older than one it already had (equal seq: a replayed duplicate). */
    private static void assertNeverOlder(List<Tick> ticks) {
        long highest = 0;
        for (Tick tick : List.copyOf(ticks)) {
            assertThat(tick.seq()).as("seq after %d", highest).isGreaterThanOrEqualTo(highest);
            highest = tick.seq();
        }
    }

    private static JsonNode brokerHealth(int port) {
        return JSON.readTree(Http.get(port, "/actuator/health").body()).path("components").path("broker");
    }

    private static double metric(int port, String name, String tag) {
        for (String line : Http.get(port, "/actuator/prometheus").body().split("\n")) {
            if (line.startsWith(name + "{") && line.contains(tag)) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return -1;
    }
}
