package dev.polymaker.trading.orders.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.polymaker.simulator.ExchangeSimulator;
import dev.polymaker.simulator.SimLevel;
import dev.polymaker.simulator.SimulatorConfig;
import dev.polymaker.simulator.clob.ClobCredential;
import dev.polymaker.simulator.clob.ClobOrder;
import dev.polymaker.simulator.clob.ClobVenue;
import dev.polymaker.simulator.clob.SimulatedClob;
import dev.polymaker.testsupport.Http;
import dev.polymaker.trading.TradingApplication;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Issue 11's restart drill in live mode on the simulated CLOB: a trading-service holding a position
 * with its take-profit SELL resting dies without cancelling anything; started again, it reads the
 * account from the data API, buys nothing more for that token, and has its SELL resting again
 * (the leftover replaced once). The same when the SELL was gone meanwhile. And without a restart:
 * a take-profit the exchange cancels on its own (its dead-man switch) is placed again.
 */
class RestartDrillTest {

    private static final Duration AWAIT = Duration.ofSeconds(30);
    private final ExchangeSimulator sim = ExchangeSimulator.start(SimulatorConfig.builder().host("127.0.0.1")
            .httpPort(0).wsPort(0).markets(1).seed(11).eventsPerSecond(0).build());
    // Long dead-man timeout: a restart within it finds the dead instance's orders still resting.
    private final ClobVenue venue = SimulatedClob.attach(sim, Duration.ofMinutes(5));
    private final String token = sim.markets().get(0).yesTokenId();

    @AfterEach
    void stop() {
        sim.close();
    }

    private ConfigurableApplicationContext start() {
        Map<String, String> env = ClobGatewayConfigurationTest.env();
        venue.registerCredentials(new ClobCredential(ClobGatewayConfigurationTest.KEY_ADDRESS, env.get("POLY_API_KEY"),
                env.get("POLY_API_SECRET"), env.get("POLY_API_PASSPHRASE")));
        List<String> args = new ArrayList<>();
        env.forEach((k, v) -> args.add("--" + k + "=" + v));
        args.addAll(List.of("--server.port=0", "--server.address=127.0.0.1", "--spring.jmx.enabled=false",
                "--trading.orders.mode=live", "--trading.clob.url=" + sim.restUrl(),
                "--trading.gamma.url=" + sim.restUrl(), "--trading.data-api.url=" + sim.restUrl(),
                "--trading.reconcile.interval=1s", "--trading.market-data.url=ws://127.0.0.1:9/ws",
                "--trading.market-data.initial-backoff=100ms", "--trading.market-data.max-backoff=300ms",
                "--trading.direct.url=" + sim.marketUrl(), "--trading.direct.rest-url=" + sim.restUrl(),
                "--trading.direct.connect-jitter=100ms", "--trading.feed.stale-after=1s",
                "--trading.feed.check-interval=50ms", "--trading.tokens=" + token));
        return new SpringApplicationBuilder(TradingApplication.class).run(args.toArray(String[]::new));
    }

    private static Http http(ConfigurableApplicationContext app) {
        return new Http(Integer.parseInt(app.getEnvironment().getProperty("local.server.port")));
    }

    private JsonNode tokenStatus(Http http) {
        return http.get("/api/status").json().path("tokens").path(token);
    }

    private void book(String bid, String ask) {
        sim.setBook(token, List.of(new SimLevel(new BigDecimal(bid), new BigDecimal("100"))),
                List.of(new SimLevel(new BigDecimal(ask), new BigDecimal("100"))));
    }

    private List<ClobOrder> ours(String side, String status) {
        return venue.orders().stream().filter(o -> o.tokenId().equals(token) && o.side().equals(side)
                && (status == null || o.status().equals(status))).toList();
    }

    /** A crash: the process goes without cancelling (every cancel fails), its heartbeat stops. */
    private void crash(ConfigurableApplicationContext app) {
        venue.faults().failNext("DELETE", "/orders", 500, 20);
        venue.faults().failNext("DELETE", "/order", 500, 20);
        venue.faults().failNext("DELETE", "/cancel-all", 500, 20);
        app.close();
        venue.faults().clear();
    }

    @Test
    void aTakeProfitTheExchangeCancelsOnItsOwnIsPlacedAgain() {
        ConfigurableApplicationContext app = start();
        try {
            Http http = http(app);
            await().atMost(AWAIT).until(() -> tokenStatus(http).path("tradable").asBoolean());
            book("0.60", "0.62");
            await().atMost(AWAIT).until(() -> "0.61".equals(tokenStatus(http).path("strategy").path("lastMid")
                    .asString()));
            book("0.59", "0.61");
            await().atMost(AWAIT).until(() -> ours("BUY", "LIVE").size() == 1);
            venue.fill(ours("BUY", "LIVE").get(0).id(), new BigDecimal("5"));
            await().atMost(AWAIT).until(() -> ours("SELL", "LIVE").size() == 1);
            String first = ours("SELL", "LIVE").get(0).id();

            // The exchange's dead-man switch fires (as after a network blip longer than its timeout), once
            // the instance's heartbeat session has begun.
            venue.heartbeatTimeout(Duration.ofMillis(1));
            await().atMost(AWAIT).until(() -> {
                venue.sweep();
                return venue.order(first).orElseThrow().status().equals("CANCELED");
            });
            venue.heartbeatTimeout(Duration.ofMinutes(5));

            // Without a restart, a halt or a new tick: the strategy learns it and rests its SELL again.
            await().atMost(AWAIT).until(() -> ours("SELL", "LIVE").size() == 1);
            ClobOrder again = ours("SELL", "LIVE").get(0);
            assertThat(again.id()).isNotEqualTo(first);
            assertThat(again.originalSize()).isEqualByComparingTo("5");
            assertThat(again.price()).isEqualByComparingTo("0.61");
            assertThat(ours("BUY", null)).hasSize(1);
            assertThat(tokenStatus(http).path("strategy").path("state").asString()).isEqualTo("SELLING");
        } finally {
            app.close();
        }
    }

    @Test
    void aRestartedLiveInstanceKeepsItsPositionBuysNothingMoreAndSellsIt() {
        ConfigurableApplicationContext first = start();
        Http http = http(first);
        await().atMost(AWAIT).until(() -> tokenStatus(http).path("tradable").asBoolean());
        // A drop makes it BUY 5 at 0.59; a taker fills it; the take-profit SELL rests at 0.61.
        book("0.60", "0.62");
        await().atMost(AWAIT).until(() -> "0.61".equals(tokenStatus(http).path("strategy").path("lastMid").asString()));
        book("0.59", "0.61");
        await().atMost(AWAIT).until(() -> ours("BUY", "LIVE").size() == 1);
        venue.fill(ours("BUY", "LIVE").get(0).id(), new BigDecimal("5"));
        await().atMost(AWAIT).until(() -> ours("SELL", "LIVE").size() == 1);
        String leftover = ours("SELL", "LIVE").get(0).id();
        assertThat(ours("SELL", "LIVE").get(0).price()).isEqualByComparingTo("0.61");
        crash(first);
        assertThat(venue.order(leftover).orElseThrow().status()).isEqualTo("LIVE");

        // Started again: positions read first, the leftover SELL replaced once, no new BUY.
        ConfigurableApplicationContext second = start();
        try {
            Http again = http(second);
            await().atMost(AWAIT).until(() -> !"LIVE".equals(venue.order(leftover).orElseThrow().status()));
            book("0.60", "0.62");
            await().atMost(AWAIT).until(() -> ours("SELL", "LIVE").size() == 1);
            assertThat(ours("SELL", "LIVE").get(0).id()).isNotEqualTo(leftover);
            assertThat(ours("SELL", "LIVE").get(0).originalSize()).isEqualByComparingTo("5");
            JsonNode status = again.get("/api/status").json();
            assertThat(status.path("tokens").path(token).path("position").decimalValue()).isEqualByComparingTo("5");
            assertThat(status.path("tokens").path(token).path("averageCost").decimalValue()).isEqualByComparingTo("0.59");
            JsonNode account = status.path("account").path("positions").get(0);
            assertThat(account.path("tokenId").asString()).isEqualTo(token);
            assertThat(account.path("owned").asBoolean()).isTrue();
            assertThat(account.path("size").decimalValue()).isEqualByComparingTo("5");
            // Another drop that would have bought a flat token: nothing, it already holds its target.
            book("0.58", "0.60");
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                    .until(() -> ours("BUY", null).size() == 1);

            // The position held but its SELL gone (this stop cancels what rests, as the exchange's dead-man
            // switch would after a crash): the next start places the SELL again, and buys nothing.
            second.close();
            second = null;
            assertThat(ours("SELL", "LIVE")).isEmpty();
            ConfigurableApplicationContext third = start();
            try {
                book("0.56", "0.58");
                await().atMost(AWAIT).until(() -> ours("SELL", "LIVE").size() == 1);
                assertThat(ours("SELL", "LIVE").get(0).originalSize()).isEqualByComparingTo("5");
                assertThat(ours("BUY", null)).hasSize(1);
            } finally {
                third.close();
            }
        } finally {
            if (second != null) {
                second.close();
            }
        }
    }
}
