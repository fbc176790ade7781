package dev.polymaker.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The HTTP control routes switch the same faults and drive the same books as the Java API. */
class ControlRoutesTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private ExchangeSimulator sim;
    private String yes;

    @BeforeEach
    void start() {
        sim = ExchangeSimulator.start(SimulatorConfig.builder().markets(2).seed(4).frameMode(FrameMode.SINGLE).build());
        yes = sim.markets().get(0).yesTokenId();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private HttpResponse<String> post(String pathAndQuery, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(sim.restUrl() + pathAndQuery))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(sim.restUrl() + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void faultSwitchesOverHttpChangeTheJavaState() throws Exception {
        assertThat(post("/control/faults/freeze?on=true", "").statusCode()).isEqualTo(200);
        assertThat(sim.faults().frozen()).isTrue();
        post("/control/faults/refuse?on=true&status=503", "");
        assertThat(sim.faults().refusalStatus()).isEqualTo(503);
        post("/control/faults/accept-then-close?on=true", "");
        assertThat(sim.faults().acceptThenClose()).isTrue();
        post("/control/faults/stall?token_id=" + yes + "&on=true", "");
        assertThat(sim.faults().stalled(yes)).isTrue();
        post("/control/faults/drop-updates?token_id=" + yes + "&n=3", "");
        assertThat(sim.faults().pendingDrops(yes)).isEqualTo(3);
        post("/control/faults/delay?ms=250", "");
        assertThat(sim.faults().frameDelay()).isEqualTo(Duration.ofMillis(250));

        JsonNode state = WsTestClient.JSON.readTree(get("/control/faults").body());
        assertThat(state.get("freeze").asBoolean()).isTrue();
        assertThat(state.get("refuse_status").asInt()).isEqualTo(503);
        assertThat(state.get("stalled_tokens").get(0).asString()).isEqualTo(yes);
        assertThat(state.get("pending_drops").get(yes).asInt()).isEqualTo(3);

        post("/control/faults/reset", "");
        assertThat(sim.faults().frozen()).isFalse();
        assertThat(sim.faults().refusalStatus()).isZero();
        assertThat(sim.faults().stalled(yes)).isFalse();
        assertThat(sim.faults().frameDelay()).isZero();
    }

    @Test
    void badControlRequestsGet400WithAReason() throws Exception {
        HttpResponse<String> badToken = post("/control/faults/stall?token_id=123&on=true", "");
        assertThat(badToken.statusCode()).isEqualTo(400);
        assertThat(badToken.body()).contains("unknown token id 123");
        assertThat(post("/control/faults/freeze?on=maybe", "").statusCode()).isEqualTo(400);
        assertThat(post("/control/faults/refuse?status=200", "").statusCode()).isEqualTo(400);
        assertThat(post("/control/level?token_id=" + yes + "&side=UP&price=0.5&size=1", "").statusCode())
                .isEqualTo(400);
        assertThat(get("/control/faults/freeze").statusCode()).isEqualTo(405);
    }

    @Test
    void rawGarbageDropAndBookDrivingOverHttpReachTheClient() throws Exception {
        try (WsTestClient client = WsTestClient.connect(sim.marketUrl())) {
            client.subscribe(List.of(yes));
            client.nextOfType("book");
            post("/control/faults/raw?kind=truncated", "");
            assertThat(client.next()).startsWith("{\"event_type\":\"price_change\"").doesNotEndWith("}");
            post("/control/faults/raw", "hello");
            assertThat(client.next()).isEqualTo("hello");
            post("/control/level?token_id=" + yes + "&side=BUY&price=0.01&size=77", "");
            JsonNode change = client.nextOfType("price_change");
            assertThat(change.get("price_changes").get(0).get("size").asString()).isEqualTo("77");
            post("/control/trade?token_id=" + yes + "&side=SELL&price=0.33&size=5", "");
            assertThat(client.nextOfType("last_trade_price").get("price").asString()).isEqualTo("0.33");
            assertThat(sim.book(yes).lastTradePrice()).isEqualByComparingTo(new BigDecimal("0.33"));
            assertThat(post("/control/step?n=20", "").statusCode()).isEqualTo(200);
            assertThat(WsTestClient.JSON.readTree(get("/control/connections").body()).get("open")).hasSize(1);
            post("/control/faults/drop", "");
            await().atMost(Duration.ofSeconds(10)).until(() -> sim.connections().isEmpty());
        }
    }

    @Test
    void generatorRouteStartsAndStopsTheWalk() throws Exception {
        post("/control/generator?rate=500", "");
        await().atMost(Duration.ofSeconds(10)).until(() -> sim.eventsGenerated() > 20);
        post("/control/generator?rate=0", "");
        long stopped = sim.eventsGenerated();
        sim.step(1);
        assertThat(sim.eventsGenerated()).isEqualTo(stopped);
    }
}
