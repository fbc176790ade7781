package dev.polymaker.marketdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.polymaker.marketdata.api.Destinations;
import dev.polymaker.marketdata.api.Tick;
import dev.polymaker.marketdata.api.TickState;
import dev.polymaker.marketdata.support.Http;
import dev.polymaker.marketdata.support.StompTestClient;
import dev.polymaker.simulator.ExchangeSimulator;
import dev.polymaker.simulator.SimMarket;
import dev.polymaker.simulator.SimulatorConfig;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole service over real sockets against behaviours of the real exchange (issue 9): a
 * recorded taker sweep replayed through it, a silent socket whose REST witness fails, and the
 * market lifecycle (market_resolved, and Gamma for a token the exchange answers with []).
 */
class ExchangeFidelityServiceTest {

    private static final Duration AWAIT = Duration.ofSeconds(30);
    /** Recorded by nautilus_trader's Polymarket adapter (see polymarket-client's recorded/README.md). */
    private static final Path SWEEP = Path.of("..", "polymarket-client", "src", "test", "resources", "recorded", "ws",
            "nautilus-ws_market_price_change_crossing_burst.json");
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aRecordedTakerSweepReplayedThroughTheServiceIsNeverPublishedCrossedAndFollowsTheExchangesTops(
            @TempDir Path dir) throws IOException {
        JsonNode burst = json.readTree(Files.readString(SWEEP));
        String token = burst.get(0).get("asset_id").stringValue();
        List<String> lines = new ArrayList<>();
        List<String> statedTops = new ArrayList<>();
        for (JsonNode event : burst.values()) {
            lines.add(json.writeValueAsString(event));
            for (JsonNode entry : event.path("price_changes").values()) {
                if (entry.get("asset_id").stringValue().equals(token)) {
                    addDistinct(statedTops, top(new BigDecimal(entry.get("best_bid").stringValue()),
                            new BigDecimal(entry.get("best_ask").stringValue())));
                }
            }
        }
        Path feed = dir.resolve("sweep.jsonl");
        Files.write(feed, lines);
        // Ten times the recorded pace: the sweep comes about 15 s in, after the service is LIVE.
        try (ExchangeSimulator sim = ExchangeSimulator.start(SimulatorConfig.builder().host("127.0.0.1").httpPort(0)
                .wsPort(0).seed(7).eventsPerSecond(0).replayFile(feed).replaySpeed(10).build());
             ConfigurableApplicationContext app = start(properties(sim, List.of(token)))) {
            int port = port(app);
            try (StompTestClient client = StompTestClient.connect(port)) {
                List<Tick> ticks = client.subscribe(Destinations.ticks(token), Tick.class);
                await().atMost(AWAIT).until(() -> ticks.stream().anyMatch(t -> t.state() == TickState.LIVE));
                await().atMost(Duration.ofSeconds(40)).until(() -> ticks.stream().anyMatch(t ->
                        t.state() == TickState.LIVE && t.bestAsk() != null && t.bestAsk().compareTo(new BigDecimal("0.301")) == 0));
                await().atMost(AWAIT).until(() -> !sim.connections().isEmpty());
                List<Tick> live = ticks.stream().filter(t -> t.state() == TickState.LIVE).toList();
                assertThat(live).noneMatch(t -> t.bestBid() != null && t.bestAsk() != null
                        && t.bestBid().compareTo(t.bestAsk()) >= 0);
                List<String> published = new ArrayList<>();
                live.forEach(t -> addDistinct(published, top(t.bestBid(), t.bestAsk())));
                // The first tick comes from the subscribe snapshot; every later top is one the exchange stated, in order.
                List<String> afterSnapshot = published.subList(1, published.size());
                assertThat(afterSnapshot).isNotEmpty();
                // A tick still waiting for this reader when a newer one of the token came is superseded (conflated,
                // issue 10): on a loaded machine a top that lasted ~10 ms at this pace may be skipped, and then only
                // with the skip named in the conflated header. Every seq jump is accounted for by those headers.
                long conflated = client.conflated.getOrDefault(Destinations.ticks(token), 0L);
                LiveFeedTest.assertContiguous(ticks, conflated);
                if (conflated == 0) {
                    assertThat(statedTops.subList(statedTops.size() - afterSnapshot.size(), statedTops.size()))
                            .containsExactlyElementsOf(afterSnapshot);
                } else {
                    assertThat(isInOrderSubsequence(afterSnapshot, statedTops))
                            .as("%s in the order the exchange stated %s", afterSnapshot, statedTops).isTrue();
                }
                assertThat(published.get(published.size() - 1)).isEqualTo("0.29/0.301");
                assertThat(metric(port, "marketdata_book_disagreements_total")).isGreaterThanOrEqualTo(2);
            }
        }
    }

    @Test
    void aSilentSocketWhoseWitnessGets500IsReplacedItsTicksGoStaleAndHealthSaysWhy() {
        try (ExchangeSimulator sim = simulator();
             ConfigurableApplicationContext app = start(properties(sim, sim.tokenIds().subList(0, 2)))) {
            int port = port(app);
            String token = sim.tokenIds().get(0);
            try (StompTestClient client = StompTestClient.connect(port)) {
                List<Tick> ticks = client.subscribe(Destinations.ticks(token), Tick.class);
                await().atMost(AWAIT).until(() -> ticks.stream().anyMatch(t -> t.state() == TickState.LIVE));
                sim.faults().failRest(500);
                sim.faults().freeze(true);
                long frozenAt = System.nanoTime();
                // Between the failed witness and the replacement the upstream says why it is not UP.
                await().atMost(AWAIT).pollInterval(Duration.ofMillis(50)).until(() -> health(port)
                        .at("/components/upstream/details/reason").asString().contains("witness"));
                await().atMost(AWAIT).until(() -> ticks.stream().anyMatch(t -> t.state() == TickState.STALE));
                double seconds = (System.nanoTime() - frozenAt) / 1e9;
                assertThat(seconds).as("replaced well within the bound plus scheduling slack").isLessThan(10);
                assertThat(metric(port, "marketdata_witness_failures_total{application=\"market-data-service\",reason=\"http_error\""))
                        .isPositive();
                assertThat(metric(port, "marketdata_upstream_reconnects_total")).isPositive();
                sim.faults().freeze(false);
                sim.faults().failRest(0);
                await().atMost(AWAIT).until(() -> ticks.get(ticks.size() - 1).state() == TickState.LIVE);
            }
        }
    }

    @Test
    void resolvedMarketsTickResolvedWithTheirWinnerAndLeaveUpstreamWhetherTheExchangeOrGammaSaysSo() {
        try (ExchangeSimulator sim = ExchangeSimulator.start(SimulatorConfig.builder().host("127.0.0.1").httpPort(0)
                .wsPort(0).markets(3).seed(7).eventsPerSecond(0).build())) {
            SimMarket announced = sim.markets().get(0);
            SimMarket silent = sim.markets().get(1);
            // Resolved before the service asks for it: the exchange answers [] and REST 404; only Gamma knows.
            sim.resolve(silent.conditionId(), silent.yesTokenId());
            Map<String, Object> props = properties(sim, List.of(announced.yesTokenId(), silent.noTokenId()));
            try (ConfigurableApplicationContext app = start(props);
                 StompTestClient client = StompTestClient.connect(port(app))) {
                int port = port(app);
                List<Tick> ticks = client.subscribe(Destinations.ticks(announced.yesTokenId()), Tick.class);
                await().atMost(AWAIT).until(() -> ticks.stream().anyMatch(t -> t.state() == TickState.LIVE));
                // Operators read the market's question and outcome, not the id.
                await().atMost(AWAIT).until(() -> subscription(port, announced.yesTokenId()).path("question").isString());
                assertThat(subscription(port, announced.yesTokenId()).get("outcome").stringValue()).isEqualTo("Yes");
                assertThat(json.readTree(Http.get(port, "/api/ticks").body()).at("/names/" + announced.yesTokenId()
                        + "/question").asString()).startsWith("Simulated market");

                sim.resolve(announced.conditionId(), announced.noTokenId());
                await().atMost(AWAIT).until(() -> ticks.get(ticks.size() - 1).state() == TickState.RESOLVED);
                Tick resolved = ticks.get(ticks.size() - 1);
                assertThat(resolved.winningTokenId()).isEqualTo(announced.noTokenId());
                assertThat(resolved.tradable()).isFalse();

                await().atMost(AWAIT).until(() -> Http.get(port, "/api/ticks/" + silent.noTokenId()).body()
                        .contains("\"RESOLVED\""));
                Tick byGamma = json.readValue(Http.get(port, "/api/ticks/" + silent.noTokenId()).body(), Tick.class);
                assertThat(byGamma.winningTokenId()).isEqualTo(silent.yesTokenId());

                // After the grace period neither is subscribed upstream, and /api/subscriptions says so.
                await().atMost(AWAIT).until(() -> !subscription(port, announced.yesTokenId()).get("upstream").booleanValue()
                        && !subscription(port, silent.noTokenId()).get("upstream").booleanValue());
                JsonNode view = subscription(port, announced.yesTokenId());
                assertThat(view.get("state").stringValue()).isEqualTo("RESOLVED");
                assertThat(view.get("winningTokenId").stringValue()).isEqualTo(announced.noTokenId());
                assertThat(Http.get(port, "/api/ticks/" + announced.yesTokenId()).body()).contains("\"RESOLVED\"");
                assertThat(metric(port, "marketdata_markets_resolved_total{application=\"market-data-service\",source=\"exchange\""))
                        .isEqualTo(1);
                assertThat(metric(port, "marketdata_markets_resolved_total{application=\"market-data-service\",source=\"gamma\""))
                        .isEqualTo(1);
            }
        }
    }

    @Test
    void aMarketResolvedWhileDisconnectedWithoutMarketResolvedIsFoundThroughGammaOnceItsTokenFails() {
        try (ExchangeSimulator sim = simulator()) {
            SimMarket market = sim.markets().get(0);
            try (ConfigurableApplicationContext app = start(properties(sim, List.of(market.yesTokenId())))) {
                int port = port(app);
                await().atMost(AWAIT).until(() -> Http.get(port, "/api/ticks/" + market.yesTokenId()).body()
                        .contains("\"LIVE\""));
                // Named through Gamma while it trades: the routine lookup is done.
                await().atMost(AWAIT).until(() -> subscription(port, market.yesTokenId()).path("question").isString());

                // It resolves while our socket is down, and the exchange's market_resolved never comes: after the
                // reconnect the token gets nothing, and fails for want of a book.
                sim.resolveUnannounced(market.conditionId(), market.noTokenId());
                sim.faults().dropAllConnections();
                await().atMost(AWAIT).until(() -> Http.get(port, "/api/ticks/" + market.yesTokenId()).body()
                        .contains("\"RESOLVED\""));
                Tick tick = json.readValue(Http.get(port, "/api/ticks/" + market.yesTokenId()).body(), Tick.class);
                assertThat(tick.winningTokenId()).isEqualTo(market.noTokenId());
                assertThat(metric(port, "marketdata_markets_resolved_total{application=\"market-data-service\",source=\"gamma\""))
                        .isEqualTo(1);
            }
        }
    }

    private JsonNode subscription(int port, String tokenId) {
        for (JsonNode token : json.readTree(Http.get(port, "/api/subscriptions").body()).get("tokens").values()) {
            if (token.get("tokenId").stringValue().equals(tokenId)) {
                return token;
            }
        }
        return json.createObjectNode();
    }

    private static String top(BigDecimal bid, BigDecimal ask) {
        return plain(bid) + "/" + plain(ask);
    }

    private static String plain(BigDecimal value) {
        return value == null ? "-" : value.stripTrailingZeros().toPlainString();
    }

    private static boolean isInOrderSubsequence(List<String> part, List<String> whole) {
        int at = 0;
        for (String top : part) {
            while (at < whole.size() && !whole.get(at).equals(top)) {
                at++;
            }
            if (at == whole.size()) {
                return false;
            }
            at++;
        }
        return true;
    }

    private static void addDistinct(List<String> tops, String top) {
        if (tops.isEmpty() || !tops.get(tops.size() - 1).equals(top)) {
            tops.add(top);
        }
    }

    private static ExchangeSimulator simulator() {
        return ExchangeSimulator.start(SimulatorConfig.builder().host("127.0.0.1").httpPort(0).wsPort(0).markets(2)
                .seed(7).eventsPerSecond(0).build());
    }

    /** As command-line arguments: they override application.properties. */
    private static ConfigurableApplicationContext start(Map<String, Object> props) {
        String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new SpringApplicationBuilder(MarketDataApplication.class).run(args);
    }

    private static Map<String, Object> properties(ExchangeSimulator sim, List<String> tokens) {
        Map<String, Object> props = new HashMap<>();
        props.put("server.port", "0");
        props.put("marketdata.upstream.url", sim.marketUrl().toString());
        props.put("marketdata.upstream.rest-url", sim.restUrl().toString());
        props.put("marketdata.gamma.url", sim.restUrl().toString());
        props.put("marketdata.gamma.check-interval", "200ms");
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

    private static int port(ConfigurableApplicationContext app) {
        return Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
    }

    private JsonNode health(int port) {
        return json.readTree(Http.get(port, "/actuator/health").body());
    }

    private static double metric(int port, String prefix) {
        return Http.get(port, "/actuator/prometheus").body().lines()
                .filter(l -> l.startsWith(prefix.contains("{") ? prefix : prefix + "{") || l.startsWith(prefix + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
