package dev.polymaker.marketdata;

import dev.polymaker.marketdata.api.Destinations;
import dev.polymaker.marketdata.api.Tick;
import dev.polymaker.marketdata.api.TickState;
import dev.polymaker.marketdata.support.Http;
import dev.polymaker.marketdata.support.StompTestClient;
import dev.polymaker.simulator.ExchangeSimulator;
import dev.polymaker.simulator.SimBook;
import dev.polymaker.simulator.SimSide;
import dev.polymaker.simulator.SimulatorConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Outages of the upstream, with the service run as a whole application (its own contexts, so a
 * restart can be observed): unreachable at start, a frozen exchange, and a restart.
 */
class UpstreamOutageTest {

    static final Duration AWAIT = Duration.ofSeconds(20);
    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void startsWithoutUpstreamReportsDownRecoversThenSurvivesAFreezeAndARestartChangesTheEpoch() {
        int wsPort = freePort();
        int httpPort = freePort();
        List<String> tokens;
        try (ExchangeSimulator preview = simulator(0, 0)) {
            tokens = preview.tokenIds().subList(0, 2); // same seed, same ids
        }
        String token = tokens.get(0);
        Map<String, Object> props = properties(wsPort, httpPort, tokens);

        String firstEpoch;
        try (ConfigurableApplicationContext app = start(props)) {
            int port = port(app);
            await().atMost(AWAIT).untilAsserted(() -> {
                JsonNode health = health(port);
                assertThat(health.at("/components/upstream/status").asString()).isEqualTo("DOWN");
                assertThat(health.at("/components/upstream/details/reason").asString()).contains("never connected");
            });
            assertThat(Http.get(port, "/actuator/health/readiness").statusCode()).isEqualTo(503);
            assertThat(Http.get(port, "/actuator/health/liveness").statusCode()).isEqualTo(200);
            assertThat(Http.get(port, "/api/ticks/" + token).body()).contains("\"PENDING\"");

            try (ExchangeSimulator sim = simulator(wsPort, httpPort)) {
                await().atMost(AWAIT).until(() -> Http.get(port, "/actuator/health/readiness").statusCode() == 200);
                await().atMost(AWAIT).until(() -> tick(port, token).state() == TickState.LIVE);
                firstEpoch = tick(port, token).epoch();

                try (StompTestClient client = StompTestClient.connect(port)) {
                    List<Tick> ticks = client.subscribe(Destinations.ticks(token), Tick.class);
                    await().atMost(AWAIT).until(() -> !ticks.isEmpty());

                    sim.faults().freeze(true);
                    moveBestBid(sim, token); // the REST witness sees the book move while the socket says nothing
                    await().atMost(Duration.ofSeconds(8)).until(() -> Http.get(port, "/actuator/health/readiness").statusCode() == 503);
                    assertThat(health(port).at("/components/upstream/status").asString()).isEqualTo("DOWN");
                    await().atMost(AWAIT).until(() -> ticks.stream().anyMatch(t -> t.state() == TickState.STALE));
                    Tick stale = ticks.stream().filter(t -> t.state() == TickState.STALE).findFirst().orElseThrow();
                    assertThat(stale.event()).isEqualTo(Tick.EVENT_STATE);
                    assertThat(Http.get(port, "/actuator/health/liveness").statusCode()).isEqualTo(200);
                    // Still down a few seconds later: a reconnect to the frozen exchange does not count as recovery.
                    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                            .until(() -> Http.get(port, "/actuator/health/readiness").statusCode() == 503);

                    sim.faults().freeze(false);
                    await().atMost(AWAIT).until(() -> Http.get(port, "/actuator/health/readiness").statusCode() == 200);
                    await().atMost(AWAIT).until(() -> last(ticks).state() == TickState.LIVE && last(ticks).seq() > stale.seq());
                    await().atMost(AWAIT).untilAsserted(() ->
                            assertThat(last(ticks).bestBid()).isEqualByComparingTo(sim.book(token).bestBid()));
                    assertThat(Http.get(port, "/actuator/health/liveness").statusCode()).isEqualTo(200);
                    assertThat(metric(port, "marketdata_upstream_reconnects_total")).isGreaterThanOrEqualTo(1);
                }

                app.close();
                try (ConfigurableApplicationContext restarted = start(props)) {
                    int newPort = port(restarted);
                    await().atMost(AWAIT).until(() -> tick(newPort, token).state() == TickState.LIVE);
                    Tick first = tick(newPort, token);
                    assertThat(first.epoch()).isNotEqualTo(firstEpoch).startsWith("mds-");
                    assertThat(first.seq()).isEqualTo(1);
                }
            }
        }
    }

    /** As command-line arguments: they override application.properties (builder "properties" would not). */
    private static ConfigurableApplicationContext start(Map<String, Object> props) {
        String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new SpringApplicationBuilder(MarketDataApplication.class).run(args);
    }

    private static Map<String, Object> properties(int wsPort, int httpPort, List<String> tokens) {
        Map<String, Object> props = new HashMap<>();
        props.put("server.port", "0");
        props.put("marketdata.upstream.url", "ws://127.0.0.1:" + wsPort + "/ws/market");
        props.put("marketdata.upstream.rest-url", "http://127.0.0.1:" + httpPort);
        props.put("marketdata.upstream.ping-interval", "200ms");
        props.put("marketdata.upstream.silence-timeout", "1s");
        props.put("marketdata.upstream.first-book-timeout", "1s");
        props.put("marketdata.upstream.reconnect.initial-backoff", "100ms");
        props.put("marketdata.upstream.reconnect.max-backoff", "500ms");
        props.put("marketdata.status-interval", "200ms");
        props.put("marketdata.demand.grace-period", "500ms");
        props.put("marketdata.health.down-after", "500ms");
        props.put("marketdata.tokens", String.join(",", tokens));
        props.put("spring.jmx.enabled", "false");
        return props;
    }

    private static ExchangeSimulator simulator(int wsPort, int httpPort) {
        return ExchangeSimulator.start(SimulatorConfig.builder().host("127.0.0.1").httpPort(httpPort).wsPort(wsPort)
                .markets(2).seed(7).eventsPerSecond(0).build());
    }

    private static int port(ConfigurableApplicationContext app) {
        return Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode health(int port) {
        return json.readTree(Http.get(port, "/actuator/health").body());
    }

    private Tick tick(int port, String token) {
        return json.readValue(Http.get(port, "/api/ticks/" + token).body(), Tick.class);
    }

    private static double metric(int port, String name) {
        return Http.get(port, "/actuator/prometheus").body().lines()
                .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static void moveBestBid(ExchangeSimulator sim, String token) {
        SimBook book = sim.book(token);
        sim.setLevel(token, SimSide.BUY, book.bestBid(), BigDecimal.ZERO);
    }

    private static Tick last(List<Tick> ticks) {
        return ticks.get(ticks.size() - 1);
    }
}
