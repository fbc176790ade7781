package dev.polymaker.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Every scripted fault as a client of the market channel sees it. */
class FaultsTest {
    private static final BigDecimal TEN = BigDecimal.TEN;
    private ExchangeSimulator sim;
    private SimMarket market;

    @BeforeEach
    void start() {
        sim = ExchangeSimulator.start(SimulatorConfig.builder().markets(2).seed(11).frameMode(FrameMode.SINGLE).build());
        market = sim.markets().get(0);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private WsTestClient subscribed(String... tokens) {
        WsTestClient client = WsTestClient.connect(sim.marketUrl());
        client.subscribe(List.of(tokens));
        return client;
    }

    @Test
    void freezeSendsNoDataButStillAnswersPongAndRestMoves() {
        try (WsTestClient client = subscribed(market.yesTokenId())) {
            client.nextOfType("book");
            sim.faults().freeze(true);
            String hashBefore = sim.book(market.yesTokenId()).hash();
            sim.setLevel(market.yesTokenId(), SimSide.BUY, new BigDecimal("0.01"), TEN);
            client.send("PING");
            assertThat(client.next()).isEqualTo("PONG");
            assertThat(sim.book(market.yesTokenId()).hash()).isNotEqualTo(hashBefore);
            sim.faults().freeze(false);
            sim.setLevel(market.yesTokenId(), SimSide.BUY, new BigDecimal("0.02"), TEN);
            JsonNode change = client.nextOfType("price_change");
            assertThat(change.get("price_changes").get(0).get("price").asString()).isEqualTo("0.02");
        }
    }

    @Test
    void refusedHandshakeGets429AndIsCounted() {
        sim.faults().refuseConnections(429);
        int before = sim.connectionAttempts();
        assertThatThrownBy(() -> WsTestClient.connect(sim.marketUrl()))
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode())
                        .isEqualTo(429));
        assertThat(sim.connectionAttempts()).isEqualTo(before + 1);
        sim.faults().acceptConnections();
        try (WsTestClient client = subscribed(market.yesTokenId())) {
            assertThat(client.nextOfType("book")).isNotNull();
        }
    }

    @Test
    void otherPathsAreRejectedWith404() {
        assertThatThrownBy(() -> WsTestClient.connect(sim.marketUrl().resolve("/ws/user")))
                .cause().isInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode())
                        .isEqualTo(404));
    }

    @Test
    void acceptThenCloseClosesRightAfterTheHandshake() throws Exception {
        sim.faults().acceptThenClose(true);
        try (WsTestClient client = WsTestClient.connect(sim.marketUrl())) {
            assertThat(client.closed.get(10, TimeUnit.SECONDS)[0]).isEqualTo(1013);
        }
        assertThat(sim.connections()).isEmpty();
    }

    @Test
    void dropClosesEveryConnectionAtOnce() throws Exception {
        // Raw sockets: the JDK WebSocket client occasionally never reports a server-side TCP drop (seen about
        // once in 30 drops on JDK 17), which says nothing about the server.
        try (RawWsClient a = new RawWsClient(sim.marketUrl(), 0); RawWsClient b = new RawWsClient(sim.marketUrl(), 0)) {
            a.sendText("{\"assets_ids\":[\"" + market.yesTokenId() + "\"],\"type\":\"market\"}");
            b.sendText("{\"assets_ids\":[\"" + market.noTokenId() + "\"],\"type\":\"market\"}");
            await().atMost(Duration.ofSeconds(10)).until(() -> sim.connections().size() == 2
                    && sim.connections().stream().allMatch(ConnectionInfo::subscribed));
            sim.faults().dropAllConnections();
            assertThat(a.closedByServerWithin(10_000)).isTrue();
            assertThat(b.closedByServerWithin(10_000)).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> sim.connections().isEmpty());
        }
    }

    @Test
    void rawTextReachesEveryConnection() {
        try (WsTestClient client = subscribed(market.yesTokenId())) {
            client.nextOfType("book");
            sim.faults().sendRaw("{\"event_type\":\"pri");
            assertThat(client.next()).isEqualTo("{\"event_type\":\"pri");
        }
    }

    @Test
    void stalledTokenGetsNoFramesNotEvenItsBookWhileItsComplementDoes() {
        sim.faults().stallToken(market.yesTokenId(), true);
        try (WsTestClient stalled = subscribed(market.yesTokenId());
             WsTestClient complement = subscribed(market.noTokenId())) {
            assertThat(complement.nextOfType("book").get("asset_id").asString()).isEqualTo(market.noTokenId());
            sim.setLevel(market.yesTokenId(), SimSide.BUY, new BigDecimal("0.01"), TEN);
            JsonNode change = complement.nextOfType("price_change");
            assertThat(change.get("price_changes")).hasSize(1);
            assertThat(change.get("price_changes").get(0).get("asset_id").asString()).isEqualTo(market.noTokenId());
            stalled.send("PING");
            assertThat(stalled.next()).isEqualTo("PONG");
        }
    }

    @Test
    void droppedUpdatesMakeTheClientsBookDisagreeWithTheNextTops() {
        try (WsTestClient client = subscribed(market.yesTokenId())) {
            client.nextOfType("book");
            SimBook book = sim.book(market.yesTokenId());
            BigDecimal better = book.bestBid().add(new BigDecimal("0.01"));
            sim.faults().dropUpdates(market.yesTokenId(), 1);
            sim.setLevel(market.yesTokenId(), SimSide.BUY, better, TEN);
            sim.setLevel(market.yesTokenId(), SimSide.BUY, new BigDecimal("0.01"), TEN);
            JsonNode change = client.nextOfType("price_change");
            JsonNode entry = change.get("price_changes").get(0);
            assertThat(entry.get("price").asString()).isEqualTo("0.01");
            // The client never saw the level at 'better', yet the frame's best_bid says it is the top.
            assertThat(new BigDecimal(entry.get("best_bid").asString())).isEqualByComparingTo(better);
            assertThat(sim.faults().pendingDrops(market.yesTokenId())).isZero();
        }
    }

    @Test
    void delayedFramesStillArriveInOrder() {
        sim.faults().delayFrames(Duration.ofMillis(200));
        try (WsTestClient client = subscribed(market.yesTokenId())) {
            long start = System.nanoTime();
            client.nextOfType("book");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
            sim.setLevel(market.yesTokenId(), SimSide.BUY, new BigDecimal("0.01"), TEN);
            sim.setLevel(market.yesTokenId(), SimSide.BUY, new BigDecimal("0.02"), TEN);
            assertThat(client.nextOfType("price_change").get("price_changes").get(0).get("price").asString())
                    .isEqualTo("0.01");
            assertThat(client.nextOfType("price_change").get("price_changes").get(0).get("price").asString())
                    .isEqualTo("0.02");
        }
    }

    @Test
    void connectionsReportTheFramesClientsSent() {
        try (WsTestClient client = subscribed(market.yesTokenId())) {
            client.nextOfType("book");
            client.send("PING");
            client.next();
            ConnectionInfo info = sim.connections().get(0);
            assertThat(info.subscribedTokens()).containsExactly(market.yesTokenId());
            assertThat(info.received()).extracting(ClientFrame::text).last().isEqualTo("PING");
            assertThat(info.received().get(0).text()).contains("\"type\":\"market\"");
        }
    }
}
