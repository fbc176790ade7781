package dev.polymaker.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The simulator speaks the shapes recorded from the real exchange in 2026 (polymarket-protocol.md
 * §9): "" for an untraded last trade, taker sweeps framed new-level-first, [] for unknown or closed
 * tokens, market_resolved and new_market broadcasts, Gamma closed with binary prices, and a
 * resubscribe that may bring no book.
 */
class RecordedShapesTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();
    private ExchangeSimulator sim;

    @BeforeEach
    void start() {
        sim = ExchangeSimulator.start(SimulatorConfig.builder().markets(2).seed(11).frameMode(FrameMode.SINGLE).build());
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private String get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(sim.restUrl() + pathAndQuery)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private int status(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(sim.restUrl() + pathAndQuery)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private int post(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(sim.restUrl() + pathAndQuery))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void anUntradedMarketSaysEmptyStringForItsLastTradeOnTheSocketAndOnRest() throws Exception {
        SimMarket untraded = sim.markets().get(1);
        try (WsTestClient client = WsTestClient.connect(sim.marketUrl())) {
            client.subscribe(List.of(untraded.yesTokenId()));
            JsonNode book = client.nextOfType("book");
            assertThat(book.get("last_trade_price").stringValue()).isEmpty();
        }
        JsonNode rest = json.readTree(get("/book?token_id=" + untraded.yesTokenId()));
        assertThat(rest.get("last_trade_price").stringValue()).isEmpty();
        JsonNode traded = json.readTree(get("/book?token_id=" + sim.markets().get(0).yesTokenId()));
        assertThat(traded.get("last_trade_price").stringValue()).isNotEmpty();
    }

    @Test
    void aTakerSweepSendsTheNewRestingLevelBeforeTheRemovalsAndTheFinalTopInEveryEntry() {
        SimMarket market = sim.markets().get(0);
        String yes = market.yesTokenId();
        sim.setBook(yes, List.of(new SimLevel(new BigDecimal("0.29"), new BigDecimal("50")),
                        new SimLevel(new BigDecimal("0.30"), new BigDecimal("10")),
                        new SimLevel(new BigDecimal("0.31"), new BigDecimal("10"))),
                List.of(new SimLevel(new BigDecimal("0.35"), new BigDecimal("40"))));
        try (WsTestClient client = WsTestClient.connect(sim.marketUrl())) {
            client.subscribe(List.of(yes));
            client.nextOfType("book");
            sim.sweep(yes, SimSide.SELL, new BigDecimal("0.30"), new BigDecimal("30"));
            List<JsonNode> changes = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                changes.add(client.nextOfType("price_change"));
            }
            List<String> sequence = new ArrayList<>();
            for (JsonNode change : changes) {
                for (JsonNode entry : change.get("price_changes").values()) {
                    if (entry.get("asset_id").stringValue().equals(yes)) {
                        sequence.add(entry.get("side").stringValue() + " " + entry.get("price").stringValue() + " "
                                + entry.get("size").stringValue());
                        assertThat(entry.get("best_bid").stringValue()).isEqualTo("0.29");
                        assertThat(entry.get("best_ask").stringValue()).isEqualTo("0.3");
                    }
                }
            }
            assertThat(sequence).containsExactly("SELL 0.3 10", "BUY 0.31 0", "BUY 0.3 0");
        }
        assertThat(sim.book(yes).bestBid()).isEqualByComparingTo("0.29");
        assertThat(sim.book(yes).bestAsk()).isEqualByComparingTo("0.30");
    }

    @Test
    void aResolvedMarketIsBroadcastThenUnknownToSubscribesAndRestAndClosedOnGamma() throws Exception {
        SimMarket market = sim.markets().get(0);
        SimMarket other = sim.markets().get(1);
        try (WsTestClient listening = WsTestClient.connect(sim.marketUrl())) {
            // Subscribed to another market only, with custom features: market_resolved is global.
            listening.subscribe(List.of(other.yesTokenId()), true);
            listening.nextOfType("book");
            assertThat(post("/control/resolve?token_id=" + market.noTokenId())).isEqualTo(200);
            JsonNode resolved = listening.nextOfType("market_resolved");
            assertThat(resolved.get("market").stringValue()).isEqualTo(market.conditionId());
            assertThat(resolved.get("winning_asset_id").stringValue()).isEqualTo(market.noTokenId());
            assertThat(resolved.get("winning_outcome").stringValue()).isEqualTo("No");
            assertThat(resolved.get("event_message").isNull()).isTrue();
            assertThat(resolved.get("assets_ids").size()).isEqualTo(2);
        }
        try (WsTestClient late = WsTestClient.connect(sim.marketUrl())) {
            late.subscribe(List.of(market.yesTokenId()));
            assertThat(late.next()).isEqualTo("[]");
        }
        assertThat(status("/book?token_id=" + market.yesTokenId())).isEqualTo(404);
        JsonNode gamma = json.readTree(get("/markets/keyset?clob_token_ids=" + market.yesTokenId()))
                .get("markets").get(0);
        assertThat(gamma.get("closed").booleanValue()).isTrue();
        assertThat(gamma.get("outcomePrices").stringValue()).isEqualTo("[\"0\", \"1\"]");
        JsonNode open = json.readTree(get("/markets/keyset?clob_token_ids=" + other.yesTokenId())).get("markets").get(0);
        assertThat(open.get("closed").booleanValue()).isFalse();
        assertThat(open.get("question").stringValue()).isNotBlank();
    }

    @Test
    void newMarketIsBroadcastWithItsFeeFields() throws Exception {
        try (WsTestClient client = WsTestClient.connect(sim.marketUrl())) {
            client.subscribe(List.of(sim.markets().get(0).yesTokenId()), true);
            client.nextOfType("book");
            assertThat(post("/control/new-market?question=Will%20it%20rain%3F")).isEqualTo(200);
            JsonNode created = client.nextOfType("new_market");
            assertThat(created.get("question").stringValue()).isEqualTo("Will it rain?");
            assertThat(created.get("active").booleanValue()).isFalse();
            assertThat(created.get("game_start_time").stringValue()).isEmpty();
            assertThat(created.has("taker_base_fee")).isTrue();
            assertThat(created.get("fee_schedule").has("rebate_rate")).isTrue();
        }
    }

    @Test
    void aBooklessResubscribeBringsNoBookButTheDeltasStillFlow() {
        SimMarket market = sim.markets().get(0);
        String yes = market.yesTokenId();
        sim.faults().booklessResubscribe(true);
        try (WsTestClient client = WsTestClient.connect(sim.marketUrl())) {
            client.subscribe(List.of(yes));
            client.nextOfType("book"); // the connection's first subscription still gets its snapshot
            client.send("{\"operation\":\"unsubscribe\",\"assets_ids\":[\"" + yes + "\"]}");
            client.send("{\"operation\":\"subscribe\",\"assets_ids\":[\"" + yes + "\"],\"initial_dump\":true}");
            // Wait until the server has handled both frames (they are read asynchronously).
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() ->
                    sim.connections().size() == 1 && sim.connections().get(0).received().size() >= 3
                            && sim.connections().get(0).subscribedTokens().contains(yes));
            sim.setLevel(yes, SimSide.BUY, sim.book(yes).bestBid(), new BigDecimal("7"));
            JsonNode next = json.readTree(client.next());
            assertThat(next.get("event_type").stringValue()).isEqualTo("price_change");
        }
    }
}
