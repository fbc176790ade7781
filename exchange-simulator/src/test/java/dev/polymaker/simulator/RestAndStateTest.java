package dev.polymaker.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polymaker.simulator.book.BookHash;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** REST market data in Polymarket shapes, consistent with the WS, and the book state rules. */
class RestAndStateTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private ExchangeSimulator sim;

    @BeforeEach
    void start() {
        sim = ExchangeSimulator.start(SimulatorConfig.builder().markets(4).seed(3).fineTickMarkets(1)
                .negRiskMarkets(1).build());
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(sim.restUrl() + pathAndQuery)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String pathAndQuery, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(sim.restUrl() + pathAndQuery))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void randomWalkTradesPrintOnTheTokenThatTradedOverWebSocketAndRest() throws Exception {
        SimMarket market = sim.markets().get(0);
        String yes = market.yesTokenId();
        String no = market.noTokenId();
        try (WsTestClient client = WsTestClient.connect(sim.marketUrl())) {
            client.subscribe(List.of(yes, no));
            client.nextOfType("book");
            client.nextOfType("book");
            sim.step(1000);
            // A trade of a size the walk never draws marks the end of the walk's events.
            sim.trade(yes, new BigDecimal("0.5"), new BigDecimal("0.01"), SimSide.BUY);
            Map<String, BigDecimal> lastPrinted = new HashMap<>();
            for (JsonNode trade = client.nextOfType("last_trade_price"); !trade.get("size").asString().equals("0.01");
                 trade = client.nextOfType("last_trade_price")) {
                // Walk trades are takers buying: YES from the YES asks, or NO from the mirrored YES bids.
                assertThat(trade.get("side").asString()).isEqualTo("BUY");
                lastPrinted.put(trade.get("asset_id").asString(), new BigDecimal(trade.get("price").asString()));
            }
            assertThat(lastPrinted).containsKeys(yes, no);
            assertThat(sim.book(no).lastTradePrice()).isEqualByComparingTo(lastPrinted.get(no));
            JsonNode rest = WsTestClient.JSON.readTree(get("/book?token_id=" + no).body());
            assertThat(new BigDecimal(rest.get("last_trade_price").asString())).isEqualByComparingTo(lastPrinted.get(no));
        }
    }

    @Test
    void restBookMatchesTheWebSocketSnapshotAndItsHashIsSha1OfTheBookWithEmptyHash() throws Exception {
        SimMarket market = sim.markets().get(0);
        sim.step(100);
        try (WsTestClient client = WsTestClient.connect(sim.marketUrl())) {
            client.subscribe(List.of(market.noTokenId()));
            JsonNode wsBook = client.nextOfType("book");
            HttpResponse<String> response = get("/book?token_id=" + market.noTokenId());
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode rest = WsTestClient.JSON.readTree(response.body());
            assertThat(rest.get("hash").asString()).isEqualTo(wsBook.get("hash").asString());
            assertThat(rest.get("timestamp").asString()).isEqualTo(wsBook.get("timestamp").asString());
            assertThat(rest.get("bids")).isEqualTo(wsBook.get("bids"));
            assertThat(rest.get("asks")).isEqualTo(wsBook.get("asks"));
            assertThat(rest.get("min_order_size").asString()).isEqualTo("5");
            assertThat(rest.get("neg_risk").isBoolean()).isTrue();
            String withoutHash = response.body().replace("\"hash\":\"" + rest.get("hash").asString() + "\"",
                    "\"hash\":\"\"");
            assertThat(BookHash.sha1Hex(withoutHash)).isEqualTo(rest.get("hash").asString());
        }
    }

    @Test
    void restAnswersInPolymarketShapes() throws Exception {
        SimMarket coarse = sim.markets().get(0);
        SimMarket fine = sim.markets().get(3);
        HttpResponse<String> unknown = get("/book?token_id=42");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("{\"error\":\"No orderbook exists for the requested token id\"}");
        assertThat(get("/tick-size?token_id=" + coarse.yesTokenId()).body())
                .isEqualTo("{\"minimum_tick_size\":0.01}");
        assertThat(get("/tick-size?token_id=" + fine.yesTokenId()).body())
                .isEqualTo("{\"minimum_tick_size\":0.001}");
        assertThat(get("/neg-risk?token_id=" + coarse.yesTokenId()).body()).isEqualTo("{\"neg_risk\":true}");
        assertThat(get("/neg-risk?token_id=" + fine.noTokenId()).body()).isEqualTo("{\"neg_risk\":false}");
        assertThat(get("/ok").statusCode()).isEqualTo(200);
        assertThat(Long.parseLong(get("/time").body())).isPositive();
        HttpResponse<String> books = post("/books", "[{\"token_id\":\"" + coarse.yesTokenId() + "\"},{\"token_id\":\""
                + fine.noTokenId() + "\"},{\"token_id\":\"1\"}]");
        JsonNode array = WsTestClient.JSON.readTree(books.body());
        assertThat(array).hasSize(2);
        assertThat(array.get(1).get("asset_id").asString()).isEqualTo(fine.noTokenId());
        assertThat(post("/books", "not json").statusCode()).isEqualTo(400);
        assertThat(get("/book").statusCode()).isEqualTo(400);
        assertThat(get("/nothing").statusCode()).isEqualTo(404);
    }

    @Test
    void noBookAlwaysMirrorsTheYesBook() {
        sim.step(2_000);
        for (SimMarket market : sim.markets()) {
            SimBook yes = sim.book(market.yesTokenId());
            SimBook no = sim.book(market.noTokenId());
            assertThat(no.bids()).hasSameSizeAs(yes.asks());
            for (int i = 0; i < yes.asks().size(); i++) {
                assertThat(no.bids().get(i).price()).isEqualByComparingTo(BigDecimal.ONE.subtract(yes.asks().get(i)
                        .price()));
                assertThat(no.bids().get(i).size()).isEqualByComparingTo(yes.asks().get(i).size());
            }
            assertThat(yes.bestBid()).isLessThan(yes.bestAsk());
            assertThat(yes.bids().size()).isBetween(1, 10);
            BigDecimal tick = yes.tickSize();
            yes.bids().forEach(level -> assertThat(level.price().remainder(tick)).isZero());
        }
    }

    @Test
    void theSameSeedGivesTheSameMarketsAndWalk() {
        try (ExchangeSimulator twin = ExchangeSimulator.start(SimulatorConfig.builder().markets(4).seed(3)
                .fineTickMarkets(1).negRiskMarkets(1).build())) {
            assertThat(twin.markets()).isEqualTo(sim.markets());
            String token = sim.tokenIds().get(0);
            assertThat(token).hasSize(77).containsOnlyDigits();
            sim.step(500);
            twin.step(500);
            for (String id : sim.tokenIds()) {
                assertThat(twin.book(id).bids()).isEqualTo(sim.book(id).bids());
                assertThat(twin.book(id).asks()).isEqualTo(sim.book(id).asks());
            }
        }
    }

    @Test
    void scriptedChangesAreValidated() {
        String token = sim.markets().get(0).yesTokenId();
        assertThatThrownBy(() -> sim.setLevel(token, SimSide.BUY, new BigDecimal("0.555"), BigDecimal.ONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not on tick 0.01");
        assertThatThrownBy(() -> sim.setLevel("nope", SimSide.BUY, new BigDecimal("0.5"), BigDecimal.ONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown token id nope");
        assertThatThrownBy(() -> sim.setLevel(token, SimSide.BUY, BigDecimal.ONE, BigDecimal.ONE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void setBookTradeTickSizeAndTakeEmitTheirEvents() {
        SimMarket market = sim.markets().get(1);
        String yes = market.yesTokenId();
        try (WsTestClient client = WsTestClient.connect(sim.marketUrl())) {
            client.subscribe(List.of(yes), true);
            client.nextOfType("book");
            sim.setBook(yes, List.of(SimLevel.of("0.40", "100"), SimLevel.of("0.45", "50")),
                    List.of(SimLevel.of("0.50", "30"), SimLevel.of("0.55", "60")));
            JsonNode book = client.nextOfType("book");
            assertThat(book.get("bids").get(1).get("price").asString()).isEqualTo("0.45");
            assertThat(book.get("asks").get(1).get("price").asString()).isEqualTo("0.5");
            JsonNode top = client.nextOfType("best_bid_ask");
            assertThat(top.get("best_bid").asString()).isEqualTo("0.45");
            assertThat(top.get("spread").asString()).isEqualTo("0.05");

            sim.trade(yes, new BigDecimal("0.47"), new BigDecimal("12"), SimSide.BUY);
            JsonNode trade = client.nextOfType("last_trade_price");
            assertThat(trade.get("price").asString()).isEqualTo("0.47");
            assertThat(trade.get("side").asString()).isEqualTo("BUY");
            assertThat(sim.book(yes).lastTradePrice()).isEqualByComparingTo("0.47");

            List<SimFill> fills = sim.take(yes, SimSide.BUY, new BigDecimal("0.55"), new BigDecimal("40"));
            assertThat(fills).containsExactly(new SimFill(new BigDecimal("0.5"), new BigDecimal("30")),
                    new SimFill(new BigDecimal("0.55"), new BigDecimal("10")));
            assertThat(client.nextOfType("last_trade_price").get("price").asString()).isEqualTo("0.5");
            JsonNode change = client.nextOfType("price_change");
            assertThat(change.get("price_changes").get(0).get("best_ask").asString()).isEqualTo("0.55");
            assertThat(sim.book(yes).asks()).containsExactly(SimLevel.of("0.55", "50"));
            assertThat(sim.take(yes, SimSide.BUY, new BigDecimal("0.5"), BigDecimal.ONE)).isEmpty();

            sim.setTickSize(yes, new BigDecimal("0.001"));
            JsonNode tick = client.nextOfType("tick_size_change");
            assertThat(tick.get("old_tick_size").asString()).isEqualTo("0.01");
            assertThat(tick.get("new_tick_size").asString()).isEqualTo("0.001");
            assertThat(sim.book(market.noTokenId()).tickSize()).isEqualByComparingTo("0.001");
        }
    }

    @Test
    void restFailureFaultAnswersWithTheStatusUntilCleared() throws Exception {
        String book = "/book?token_id=" + sim.tokenIds().get(0);
        sim.faults().failRest(425);
        HttpResponse<String> failed = get(book);
        assertThat(failed.statusCode()).isEqualTo(425);
        assertThat(failed.body()).contains("\"error\"");
        assertThat(get("/ok").statusCode()).isEqualTo(425);
        sim.faults().failRest(0);
        assertThat(get(book).statusCode()).isEqualTo(200);
    }
}
