package dev.polymaker.trading;

import dev.polymaker.simulator.ExchangeSimulator;
import dev.polymaker.simulator.SimLevel;
import dev.polymaker.simulator.SimulatorConfig;
import dev.polymaker.testsupport.Http;
import dev.polymaker.testsupport.TestPorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole app in paper mode with no market-data-service: it falls back to its direct feed
 * (the exchange simulator), a scripted price path makes it buy and sell at a profit, and a frozen
 * exchange takes it to mode NONE (halted, BUY cancelled, readiness 503) and back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMetrics
@ExtendWith(OutputCaptureExtension.class)
class PaperTradingAppTest {

    private static final Duration AWAIT = Duration.ofSeconds(20);
    private static final String ADMIN = "test-admin-token";
    private static final ExchangeSimulator SIM = ExchangeSimulator.start(SimulatorConfig.builder().host("127.0.0.1")
            .httpPort(0).wsPort(0).markets(1).seed(7).eventsPerSecond(0).build());
    private static final String TOKEN = SIM.markets().get(0).yesTokenId();

    @LocalServerPort
    int port;

    private static final int NO_MDS_PORT = TestPorts.unused();

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        TestProperties.fast(r, "ws://127.0.0.1:" + NO_MDS_PORT + "/ws", SIM);
        r.add("trading.tokens", () -> TOKEN);
        r.add("trading.admin.token", () -> ADMIN);
        r.add("trading.summary-interval", () -> "1s");
    }

    @AfterAll
    static void stopSim() {
        SIM.close();
    }

    private static BigDecimal d(String v) {
        return new BigDecimal(v);
    }

    private static void book(String bid, String ask) {
        SIM.setBook(TOKEN, List.of(new SimLevel(d(bid), d("100"))), List.of(new SimLevel(d(ask), d("100"))));
    }

    private JsonNode status(Http http) {
        return http.get("/api/status").json();
    }

    private JsonNode token(Http http) {
        return status(http).path("tokens").path(TOKEN);
    }

    @Test
    void scriptedDropBuysThenSellsAtAProfitAndFreezeHaltsEverything(CapturedOutput output) {
        Http http = new Http(port);
        assertThat(output).contains("feed mode SHARED via shared:127.0.0.1:" + NO_MDS_PORT + " (replicas [ws://127.0.0.1:")
                .contains("1 token(s), orders paper");
        await().atMost(AWAIT).until(() -> "DIRECT".equals(status(http).path("mode").asString())
                && token(http).path("tradable").asBoolean());
        assertThat(status(http).path("directRunning").asBoolean()).isTrue();

        // Mid 0.61, then 0.60: a 1.6 % drop >= 1 %: maker BUY 5 at the best bid 0.59.
        book("0.60", "0.62");
        await().atMost(AWAIT).until(() -> "0.61".equals(token(http).path("strategy").path("lastMid").asString()));
        book("0.59", "0.61");
        await().atMost(AWAIT).until(() -> "BUYING".equals(token(http).path("strategy").path("state").asString()));
        JsonNode open = http.get("/api/orders?open=true").json();
        assertThat(open).hasSize(1);
        assertThat(open.get(0).path("side").asString()).isEqualTo("BUY");
        assertThat(open.get(0).path("price").decimalValue()).isEqualByComparingTo("0.59");
        assertThat(open.get(0).path("size").decimalValue()).isEqualByComparingTo("5");

        // The ask comes down to our bid: filled; the SELL rests at entry + 2 ticks = 0.61.
        book("0.58", "0.59");
        await().atMost(AWAIT).until(() -> "SELLING".equals(token(http).path("strategy").path("state").asString()));
        assertThat(token(http).path("position").decimalValue()).isEqualByComparingTo("5");
        assertThat(token(http).path("averageCost").decimalValue()).isEqualByComparingTo("0.59");
        JsonNode sell = http.get("/api/orders?open=true").json().get(0);
        assertThat(sell.path("side").asString()).isEqualTo("SELL");
        assertThat(sell.path("price").decimalValue()).isEqualByComparingTo("0.61");

        // The bid reaches our ask: sold, 5 x 0.02 realised.
        book("0.61", "0.63");
        await().atMost(AWAIT).until(() -> token(http).path("strategy").path("roundTrips").asInt() == 1);
        JsonNode s = status(http);
        assertThat(s.path("tokens").path(TOKEN).path("position").decimalValue()).isEqualByComparingTo("0");
        assertThat(s.path("tokens").path(TOKEN).path("realisedPnl").decimalValue()).isEqualByComparingTo("0.10");
        assertThat(s.path("realisedPnl").decimalValue()).isEqualByComparingTo("0.10");
        assertThat(s.path("tokens").path(TOKEN).path("strategy").path("dropPct").decimalValue())
                .isEqualByComparingTo("0.012");
        String prometheus = http.get("/actuator/prometheus").body();
        assertThat(prometheus).contains("trading_orders_total{application=\"trading-service\",side=\"BUY\",status=\"FILLED\"} 1.0")
                .contains("trading_orders_total{application=\"trading-service\",side=\"SELL\",status=\"FILLED\"} 1.0")
                .contains("trading_position{application=\"trading-service\",token=\"" + TOKEN + "\"} 0.0")
                .contains("trading_realised_pnl{application=\"trading-service\"} 0.1")
                .contains("trading_halted{application=\"trading-service\"} 0.0")
                .contains("trading_feed_mode{application=\"trading-service\",mode=\"DIRECT\"} 1.0")
                .contains("trading_feed_switches_total{application=\"trading-service\",from=\"shared:127.0.0.1:" + NO_MDS_PORT
                        + "\",reason=\"shared_stale\",to=\"direct\"} 1.0")
                .contains("trading_ticks_total{application=\"trading-service\",outcome=\"accepted\",source=\"direct\"}");

        // A new drop (1.2 % needed now) from 0.62: BUY rests at 0.60.
        book("0.61", "0.63");
        book("0.60", "0.61");
        await().atMost(AWAIT).until(() -> "BUYING".equals(token(http).path("strategy").path("state").asString()));
        assertThat(http.get("/actuator/health/readiness").status()).isEqualTo(200);

        // Exchange frozen and no shared feed: NONE, halted, the BUY cancelled, not ready.
        SIM.faults().freeze(true);
        book("0.59", "0.61");
        await().atMost(AWAIT).until(() -> "NONE".equals(status(http).path("mode").asString()));
        await().atMost(AWAIT).until(() -> http.get("/api/orders?open=true").json().isEmpty());
        assertThat(status(http).path("halted").asBoolean()).isTrue();
        Http.Response ready = http.get("/actuator/health/readiness");
        assertThat(ready.status()).isEqualTo(503);
        assertThat(ready.json().path("components").path("marketData").path("details").path("mode").asString())
                .isEqualTo("NONE");
        assertThat(http.get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(http.get("/api/orders").json().get(0).path("status").asString()).isEqualTo("CANCELLED");

        // Data returns: DIRECT again, trading resumes.
        SIM.faults().freeze(false);
        book("0.60", "0.62");
        await().atMost(AWAIT).until(() -> "DIRECT".equals(status(http).path("mode").asString()));
        await().atMost(AWAIT).until(() -> http.get("/actuator/health/readiness").status() == 200);
        assertThat(status(http).path("halted").asBoolean()).isFalse();
        await().atMost(AWAIT).until(() -> output.getOut().contains("summary: mode DIRECT (direct), 0 of 1 replica(s) healthy, 1 token(s)"));
    }
}
