package dev.polymaker.trading;

import dev.polymaker.simulator.ExchangeSimulator;
import dev.polymaker.simulator.SimLevel;
import dev.polymaker.simulator.SimulatorConfig;
import dev.polymaker.testsupport.Http;
import dev.polymaker.testsupport.MarketDataServiceRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Acceptance over real sockets: the exchange simulator as Polymarket, the real
 * market-data-service as the shared feed, and this app. Shared while it runs, direct when it
 * stops, shared again after return-after, and NONE when the exchange freezes under both.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMetrics
class SharedFeedAcceptanceTest {

    private static final Duration AWAIT = Duration.ofSeconds(30);
    private static final ExchangeSimulator SIM = ExchangeSimulator.start(SimulatorConfig.builder().host("127.0.0.1")
            .httpPort(0).wsPort(0).markets(1).seed(11).eventsPerSecond(0).build());
    private static final String TOKEN = SIM.markets().get(0).yesTokenId();
    private static final MarketDataServiceRunner MDS = new MarketDataServiceRunner(SIM).start();
    /** The replica's name in health, status and metrics: host:port of its URL. */
    private static final String SHARED = "shared:127.0.0.1:" + MDS.stompUrl().getPort();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        TestProperties.fast(r, MDS.stompUrl().toString(), SIM);
        r.add("trading.tokens", () -> TOKEN);
        r.add("trading.admin.token", () -> "admin");
    }

    @AfterAll
    static void stop() {
        MDS.close();
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

    private static double metric(String prometheus, String name, String labels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name + "{" + labels + "}") + " ([0-9.E+-]+)$").matcher(prometheus);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private boolean bidIs(Http http, String bid) {
        JsonNode t = token(http);
        return t.path("bestBid").isNumber() && t.path("bestBid").decimalValue().compareTo(d(bid)) == 0;
    }

    @Test
    void sharedDirectSharedAndNone() {
        Http http = new Http(port);

        // 1. market-data-service up: SHARED, ticks flow through it.
        await().atMost(AWAIT).until(() -> "SHARED".equals(status(http).path("mode").asString())
                && token(http).path("tradable").asBoolean());
        book("0.50", "0.52");
        await().atMost(AWAIT).until(() -> bidIs(http, "0.50"));
        JsonNode t = token(http);
        assertThat(t.path("source").asString()).isEqualTo(SHARED);
        assertThat(t.path("epoch").asString()).doesNotStartWith("direct-");
        assertThat(status(http).path("directRunning").asBoolean()).isFalse();
        String prometheus = http.get("/actuator/prometheus").body();
        assertThat(metric(prometheus, "trading_ticks_total",
                "application=\"trading-service\",outcome=\"accepted\",source=\"shared\"")).isGreaterThan(0);

        // 2. market-data-service stops: DIRECT within stale-after + 2 s, ticks keep flowing from the exchange.
        String toDirectLabels = "application=\"trading-service\",from=\"" + SHARED + "\",reason=\"shared_stale\",to=\"direct\"";
        String toSharedLabels = "application=\"trading-service\",from=\"direct\",reason=\"shared_recovered\",to=\"" + SHARED + "\"";
        double toDirect = metric(prometheus, "trading_feed_switches_total", toDirectLabels);
        double toShared = metric(prometheus, "trading_feed_switches_total", toSharedLabels);
        long stopped = System.currentTimeMillis();
        MDS.stop();
        await().atMost(AWAIT).until(() -> "DIRECT".equals(status(http).path("mode").asString()));
        assertThat(System.currentTimeMillis() - stopped).isLessThanOrEqualTo(1_000 + 2_000);
        book("0.49", "0.52");
        await().atMost(AWAIT).until(() -> bidIs(http, "0.49") && "direct".equals(token(http).path("source").asString()));
        assertThat(token(http).path("epoch").asString()).startsWith("direct-");
        assertThat(status(http).path("directRunning").asBoolean()).isTrue();

        // 3. It comes back: SHARED only after return-after, then the direct pool is closed.
        MDS.start();
        long restarted = System.currentTimeMillis();
        await().atMost(AWAIT).until(() -> "SHARED".equals(status(http).path("mode").asString()));
        assertThat(System.currentTimeMillis() - restarted).isGreaterThanOrEqualTo(2_000);
        await().atMost(AWAIT).until(() -> !status(http).path("directRunning").asBoolean());
        book("0.48", "0.52");
        await().atMost(AWAIT).until(() -> bidIs(http, "0.48") && SHARED.equals(token(http).path("source").asString()));
        prometheus = http.get("/actuator/prometheus").body();
        assertThat(metric(prometheus, "trading_feed_switches_total", toDirectLabels)).isEqualTo(toDirect + 1);
        assertThat(metric(prometheus, "trading_feed_switches_total", toSharedLabels)).isEqualTo(toShared + 1);

        // 4. The mid fell from 0.51 to 0.50 (1.96 %): a BUY rests at 0.48. Then the exchange freezes
        //    under both paths: NONE, BUY cancelled, not ready.
        await().atMost(AWAIT).until(() -> "BUYING".equals(token(http).path("strategy").path("state").asString()));
        JsonNode buy = http.get("/api/orders?open=true").json();
        assertThat(buy).hasSize(1);
        assertThat(buy.get(0).path("price").decimalValue()).isEqualByComparingTo("0.48");
        SIM.faults().freeze(true);
        book("0.46", "0.49");
        await().atMost(AWAIT).until(() -> "NONE".equals(status(http).path("mode").asString()));
        await().atMost(AWAIT).until(() -> http.get("/api/orders?open=true").json().isEmpty());
        assertThat(http.get("/actuator/health/readiness").status()).isEqualTo(503);
        assertThat(status(http).path("halted").asBoolean()).isTrue();
        assertThat(http.get("/actuator/prometheus").body())
                .contains("polymaker_ready{application=\"trading-service\"} 0.0")
                .contains("trading_halted{application=\"trading-service\"} 1.0");

        // 5. Data returns: trading resumes on live data.
        SIM.faults().freeze(false);
        book("0.45", "0.49");
        await().atMost(AWAIT).until(() -> !"NONE".equals(status(http).path("mode").asString()));
        await().atMost(AWAIT).until(() -> http.get("/actuator/health/readiness").status() == 200);
        await().atMost(AWAIT).until(() -> bidIs(http, "0.45"));
        assertThat(status(http).path("halted").asBoolean()).isFalse();
        assertThat(http.get("/actuator/prometheus").body())
                .contains("polymaker_ready{application=\"trading-service\"} 1.0")
                .contains("trading_halted{application=\"trading-service\"} 0.0");
    }
}
