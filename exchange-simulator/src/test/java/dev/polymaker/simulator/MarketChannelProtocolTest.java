package dev.polymaker.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Polymarket's market-channel subscription rules and event shapes, over real sockets. */
class MarketChannelProtocolTest {
    private ExchangeSimulator sim;

    @BeforeEach
    void start() {
        sim = ExchangeSimulator.start(SimulatorConfig.builder().markets(3).seed(7).frameMode(FrameMode.MIXED).build());
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void subscribeSendsSnapshotsAsOneArrayWithBestLevelsLast() {
        SimMarket market = sim.markets().get(0);
        try (WsTestClient client = WsTestClient.connect(sim.marketUrl())) {
            client.subscribe(List.of(market.yesTokenId(), market.noTokenId()));
            String frame = client.next();
            assertThat(frame).startsWith("[");
            List<JsonNode> books = WsTestClient.events(frame);
            assertThat(books).hasSize(2);
            JsonNode yes = books.get(0);
            assertThat(yes.get("event_type").asString()).isEqualTo("book");
            assertThat(yes.get("asset_id").asString()).isEqualTo(market.yesTokenId());
            assertThat(yes.get("market").asString()).matches("0x[0-9a-f]{64}");
            assertThat(yes.get("timestamp").isString()).isTrue();
            assertThat(yes.get("hash").asString()).matches("[0-9a-f]{40}");
            assertThat(yes.get("tick_size").asString()).isEqualTo("0.01");
            assertThat(yes.get("last_trade_price").isString()).isTrue();
            List<BigDecimal> bids = prices(yes.get("bids"));
            List<BigDecimal> asks = prices(yes.get("asks"));
            assertThat(bids).isSortedAccordingTo(BigDecimal::compareTo);
            assertThat(asks).isSortedAccordingTo((a, b) -> b.compareTo(a));
            SimBook book = sim.book(market.yesTokenId());
            assertThat(bids.get(bids.size() - 1)).isEqualByComparingTo(book.bestBid());
            assertThat(asks.get(asks.size() - 1)).isEqualByComparingTo(book.bestAsk());
            assertThat(yes.get("hash").asString()).isEqualTo(book.hash());
            JsonNode no = books.get(1);
            List<BigDecimal> noBids = prices(no.get("bids"));
            assertThat(noBids.get(noBids.size() - 1)).isEqualByComparingTo(BigDecimal.ONE.subtract(book.bestAsk()));
        }
    }

    @Test
    void pingBeforeSubscribeIsClosedWith1008() throws Exception {
        try (WsTestClient client = WsTestClient.connect(sim.marketUrl())) {
            client.send("PING");
            int[] code = client.closed.get(10, TimeUnit.SECONDS);
            assertThat(code[0]).isEqualTo(1008);
            assertThat(client.closeReason.get(1, TimeUnit.SECONDS)).isEqualTo("invalid subscription payload");
        }
    }

    @Test
    void pingAfterSubscribeGetsPong() {
        try (WsTestClient client = WsTestClient.connect(sim.marketUrl())) {
            client.subscribe(List.of("123"));
            assertThat(client.next()).isEqualTo("[]"); // an unknown token: the exchange answers a bare []
            client.send("PING");
            assertThat(client.next()).isEqualTo("PONG");
        }
    }

    @Test
    void secondMarketTypeFrameGetsInvalidOperationButTypeWithOperationSubscribes() {
        SimMarket market = sim.markets().get(1);
        try (WsTestClient client = WsTestClient.connect(sim.marketUrl())) {
            client.subscribe(List.of(market.yesTokenId()));
            assertThat(client.nextEvents()).hasSize(1);
            client.subscribe(List.of(market.noTokenId()));
            assertThat(client.next()).isEqualTo("INVALID OPERATION");
            client.send("{\"type\":\"market\",\"operation\":\"subscribe\",\"assets_ids\":[\"" + market.noTokenId()
                    + "\"],\"initial_dump\":true}");
            JsonNode book = client.nextOfType("book");
            assertThat(book.get("asset_id").asString()).isEqualTo(market.noTokenId());
        }
    }

    @Test
    void operationSubscribeAndUnsubscribeChangeTheSet() {
        SimMarket first = sim.markets().get(0);
        SimMarket second = sim.markets().get(1);
        try (WsTestClient client = WsTestClient.connect(sim.marketUrl())) {
            client.subscribe(List.of(first.yesTokenId()));
            client.next();
            client.send("{\"operation\":\"subscribe\",\"assets_ids\":[\"" + second.yesTokenId() + "\"]}");
            assertThat(client.nextOfType("book").get("asset_id").asString()).isEqualTo(second.yesTokenId());
            await().atMost(Duration.ofSeconds(10)).until(() -> sim.connections().get(0).subscribedTokens()
                    .contains(second.yesTokenId()));
            client.send("{\"operation\":\"unsubscribe\",\"assets_ids\":[\"" + first.yesTokenId() + "\"]}");
            await().atMost(Duration.ofSeconds(10)).until(() -> !sim.connections().get(0).subscribedTokens()
                    .contains(first.yesTokenId()));
            sim.setLevel(first.yesTokenId(), SimSide.BUY, new BigDecimal("0.01"), new BigDecimal("10"));
            sim.setLevel(second.yesTokenId(), SimSide.BUY, new BigDecimal("0.01"), new BigDecimal("11"));
            JsonNode change = client.nextOfType("price_change");
            assertThat(change.get("market").asString()).isEqualTo(second.conditionId());
        }
    }

    @Test
    void priceChangeCarriesComplementEntryAndTopsAfterTheChange() {
        SimMarket market = sim.markets().get(2);
        try (WsTestClient client = WsTestClient.connect(sim.marketUrl())) {
            client.subscribe(List.of(market.yesTokenId()));
            client.next();
            SimBook before = sim.book(market.yesTokenId());
            BigDecimal newBid = before.bestBid().add(new BigDecimal("0.01"));
            sim.setLevel(market.yesTokenId(), SimSide.BUY, newBid, new BigDecimal("42.5"));
            JsonNode change = client.nextOfType("price_change");
            List<JsonNode> entries = new ArrayList<>();
            change.get("price_changes").values().forEach(entries::add);
            assertThat(entries).hasSize(2);
            JsonNode yes = entries.get(0);
            JsonNode no = entries.get(1);
            assertThat(yes.get("asset_id").asString()).isEqualTo(market.yesTokenId());
            assertThat(yes.get("side").asString()).isEqualTo("BUY");
            assertThat(new BigDecimal(yes.get("price").asString())).isEqualByComparingTo(newBid);
            assertThat(yes.get("size").asString()).isEqualTo("42.5");
            assertThat(new BigDecimal(yes.get("best_bid").asString())).isEqualByComparingTo(newBid);
            assertThat(no.get("asset_id").asString()).isEqualTo(market.noTokenId());
            assertThat(no.get("side").asString()).isEqualTo("SELL");
            assertThat(new BigDecimal(no.get("price").asString()))
                    .isEqualByComparingTo(BigDecimal.ONE.subtract(newBid));
            assertThat(new BigDecimal(no.get("best_ask").asString()))
                    .isEqualByComparingTo(BigDecimal.ONE.subtract(newBid));
            assertThat(yes.get("hash").asString()).isEqualTo(sim.book(market.yesTokenId()).hash());
            assertThat(no.get("hash").asString()).isEqualTo(sim.book(market.noTokenId()).hash());
        }
    }

    @Test
    void aChangeOnOneTokenReachesSubscribersOfItsComplementOnceEvenWhenTheyHoldBoth() {
        SimMarket market = sim.markets().get(0);
        try (WsTestClient noOnly = WsTestClient.connect(sim.marketUrl());
             WsTestClient both = WsTestClient.connect(sim.marketUrl());
             WsTestClient other = WsTestClient.connect(sim.marketUrl())) {
            noOnly.subscribe(List.of(market.noTokenId()));
            both.subscribe(List.of(market.yesTokenId(), market.noTokenId()));
            other.subscribe(List.of(sim.markets().get(1).yesTokenId()));
            noOnly.next();
            both.next();
            other.next();
            sim.setLevel(market.yesTokenId(), SimSide.SELL, new BigDecimal("0.99"), new BigDecimal("7"));
            sim.setLevel(market.yesTokenId(), SimSide.SELL, new BigDecimal("0.98"), new BigDecimal("8"));
            assertThat(noOnly.nextOfType("price_change").get("price_changes").get(1).get("price").asString())
                    .isEqualTo("0.01");
            assertThat(both.nextOfType("price_change").get("price_changes").get(0).get("size").asString())
                    .isEqualTo("7");
            assertThat(both.nextOfType("price_change").get("price_changes").get(0).get("size").asString())
                    .isEqualTo("8");
            other.send("PING");
            assertThat(other.next()).isEqualTo("PONG");
        }
    }

    @Test
    void takingLiquidityOnTheNoTokenConsumesTheMirroredYesBids() {
        SimMarket market = sim.markets().get(1);
        sim.setBook(market.yesTokenId(), List.of(SimLevel.of("0.30", "10"), SimLevel.of("0.40", "20")),
                List.of(SimLevel.of("0.60", "15")));
        // NO asks are the YES bids mirrored: 0.60 x 20 (best), 0.70 x 10.
        List<SimFill> fills = sim.take(market.noTokenId(), SimSide.BUY, new BigDecimal("0.70"), new BigDecimal("25"));
        assertThat(fills).containsExactly(new SimFill(new BigDecimal("0.6"), new BigDecimal("20")),
                new SimFill(new BigDecimal("0.7"), new BigDecimal("5")));
        assertThat(sim.book(market.yesTokenId()).bids()).containsExactly(SimLevel.of("0.3", "5"));
        assertThat(sim.book(market.noTokenId()).lastTradePrice()).isEqualByComparingTo("0.7");
    }

    @Test
    void inArrayModeOneChangeArrivesAsOneArrayMixingEventTypesPerRecipient() {
        try (ExchangeSimulator arrays = ExchangeSimulator.start(SimulatorConfig.builder().markets(1).seed(2)
                .frameMode(FrameMode.ARRAY).build());
             WsTestClient custom = WsTestClient.connect(arrays.marketUrl());
             WsTestClient plainNo = WsTestClient.connect(arrays.marketUrl())) {
            SimMarket market = arrays.markets().get(0);
            arrays.setBook(market.yesTokenId(), List.of(SimLevel.of("0.40", "10")), List.of(SimLevel.of("0.60", "10")));
            custom.subscribe(List.of(market.yesTokenId()), true);
            plainNo.subscribe(List.of(market.noTokenId()));
            custom.next();
            plainNo.next();
            arrays.take(market.yesTokenId(), SimSide.BUY, null, new BigDecimal("10"));
            List<String> customTypes = types(custom.nextEvents());
            assertThat(customTypes).containsExactly("last_trade_price", "price_change", "best_bid_ask");
            assertThat(types(plainNo.nextEvents())).containsExactly("price_change");
        }
    }

    private static List<String> types(List<JsonNode> events) {
        List<String> out = new ArrayList<>();
        events.forEach(e -> out.add(e.get("event_type").asString()));
        return out;
    }

    @Test
    void unknownTokensGetABareEmptyArrayAndNothingAfter() {
        try (WsTestClient client = WsTestClient.connect(sim.marketUrl())) {
            client.subscribe(List.of("999"));
            assertThat(client.next()).isEqualTo("[]");
            sim.step(50);
            client.send("PING");
            assertThat(client.next()).isEqualTo("PONG");
        }
    }

    private static List<BigDecimal> prices(JsonNode levels) {
        List<BigDecimal> out = new ArrayList<>();
        levels.values().forEach(level -> out.add(new BigDecimal(level.get("price").asString())));
        return out;
    }
}
