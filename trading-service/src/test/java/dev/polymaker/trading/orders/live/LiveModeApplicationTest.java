package dev.polymaker.trading.orders.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.polymaker.simulator.ExchangeSimulator;
import dev.polymaker.simulator.SimulatorConfig;
import dev.polymaker.simulator.clob.ClobCredential;
import dev.polymaker.simulator.clob.ClobVenue;
import dev.polymaker.simulator.clob.SimulatedClob;
import dev.polymaker.trading.config.TradingSystem;
import dev.polymaker.trading.orders.OrderRequest;
import dev.polymaker.trading.orders.OrderStatus;
import dev.polymaker.trading.orders.OrderType;
import dev.polymaker.trading.orders.OrderView;
import dev.polymaker.trading.orders.Side;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole trading-service in live mode, trading on the simulator's CLOB with credentials from POLY_* settings and
 * each token's exchange from the simulator's Gamma route (market 0 is CTF "v1", market 1 protocol-V2 "v2").
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LiveModeApplicationTest {

    static final ExchangeSimulator SIM = ExchangeSimulator.start(SimulatorConfig.builder().host("127.0.0.1")
            .httpPort(0).wsPort(0).markets(2).v2Markets(1).seed(11).build());
    static final ClobVenue VENUE = SimulatedClob.attach(SIM, Duration.ofSeconds(15));

    @Autowired
    TradingSystem system;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        var env = ClobGatewayConfigurationTest.env();
        VENUE.registerCredentials(new ClobCredential(ClobGatewayConfigurationTest.KEY_ADDRESS,
                env.get("POLY_API_KEY"), env.get("POLY_API_SECRET"), env.get("POLY_API_PASSPHRASE")));
        env.forEach((k, v) -> r.add(k, () -> v));
        r.add("trading.orders.mode", () -> "live");
        r.add("trading.clob.url", () -> SIM.restUrl().toString());
        r.add("trading.gamma.url", () -> SIM.restUrl().toString());
        r.add("trading.data-api.url", () -> SIM.restUrl().toString());
        r.add("trading.direct.url", () -> SIM.marketUrl().toString());
        r.add("trading.direct.rest-url", () -> SIM.restUrl().toString());
        r.add("trading.market-data.url", () -> "ws://127.0.0.1:9/ws");
        r.add("trading.tokens", () -> SIM.tokenIds().get(0));
    }

    @AfterAll
    static void stopSimulator() {
        SIM.close();
    }

    @Test
    void liveGatewayTradesOnTheClobAndReportsItsHealth() throws Exception {
        assertThat(system.gateway()).isInstanceOf(ClobOrderGateway.class);
        String token = SIM.tokenIds().get(0);
        BigDecimal bid = SIM.book(token).bestBid();
        OrderView v = system.gateway().place(new OrderRequest("live-1", token, Side.BUY, bid, new BigDecimal("5"),
                OrderType.GTC, true, SIM.book(token).tickSize(), false));
        assertThat(v.status()).isEqualTo(OrderStatus.OPEN);
        assertThat(VENUE.order(v.orderId())).get().satisfies(o -> assertThat(o.status()).isEqualTo("LIVE"));

        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/health/orders")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.body()).contains("\"status\":\"UP\"").contains("ClobOrderGateway");

        // Geoblocked: one clear reason, health DOWN, and every strategy halted until the venue answers again.
        VENUE.faults().geoblock(true);
        await().atMost(Duration.ofSeconds(20)).until(() -> !system.gateway().healthy());
        await().atMost(Duration.ofSeconds(10)).until(() -> system.dispatcher().halted());
        assertThat(system.dispatcher().haltReason()).contains("geoblocked");
        HttpResponse<String> down = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/health/orders")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.body()).contains("\"status\":\"DOWN\"").contains("geoblocked");

        VENUE.faults().geoblock(false);
        await().atMost(Duration.ofSeconds(20)).until(() -> system.gateway().healthy());
        await().atMost(Duration.ofSeconds(10)).until(() -> !system.dispatcher().halted());
        system.gateway().cancel(v.orderId());
        assertThat(VENUE.order(v.orderId()).orElseThrow().status()).isEqualTo("CANCELED");
    }

    @Test
    void ordersAreSignedForTheExchangeGammaNamesForTheirMarket() {
        String ctfToken = SIM.markets().get(0).noTokenId();
        String v2Token = SIM.markets().get(1).yesTokenId();
        assertThat(SIM.markets().get(0).version()).isEqualTo("v1");
        assertThat(SIM.markets().get(1).version()).isEqualTo("v2");
        // The simulated CLOB verifies each order on its market's domain: "2" for CTF, "3" (ExchangeV3) for v2.
        for (String token : new String[] {v2Token, ctfToken}) {
            BigDecimal bid = SIM.book(token).bestBid();
            OrderView v = system.gateway().place(new OrderRequest("domain-" + token, token, Side.BUY, bid,
                    new BigDecimal("5"), OrderType.GTC, true, SIM.book(token).tickSize(), false));
            assertThat(v.status()).as("order on %s: %s", token, v.reason()).isEqualTo(OrderStatus.OPEN);
            assertThat(VENUE.order(v.orderId())).get().satisfies(o -> assertThat(o.status()).isEqualTo("LIVE"));
            system.gateway().cancel(v.orderId());
        }
    }
}
