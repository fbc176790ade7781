package dev.polymaker.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.polymaker.simulator.ExchangeSimulator;
import dev.polymaker.simulator.SimLevel;
import dev.polymaker.simulator.SimMarket;
import dev.polymaker.simulator.SimulatorConfig;
import dev.polymaker.testsupport.Http;
import dev.polymaker.testsupport.TestPorts;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A market resolves under a paper trader holding a position with its take-profit SELL resting:
 * the token is RESOLVED (final), the SELL is cancelled, no order is placed again whatever the
 * book does or the operator resumes, and /api/status reports the position as lost.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMetrics
class ResolvedMarketAppTest {

    private static final Duration AWAIT = Duration.ofSeconds(20);
    private static final String ADMIN = "test-admin-token";
    private static final ExchangeSimulator SIM = ExchangeSimulator.start(SimulatorConfig.builder().host("127.0.0.1")
            .httpPort(0).wsPort(0).markets(2).seed(7).eventsPerSecond(0).build());
    private static final SimMarket MARKET = SIM.markets().get(0);
    private static final String TOKEN = MARKET.yesTokenId();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        TestProperties.fast(r, "ws://127.0.0.1:" + TestPorts.unused() + "/ws", SIM);
        r.add("trading.tokens", () -> TOKEN);
        r.add("trading.admin.token", () -> ADMIN);
    }

    @AfterAll
    static void stopSim() {
        SIM.close();
    }

    private static void book(String bid, String ask) {
        SIM.setBook(TOKEN, List.of(new SimLevel(new BigDecimal(bid), new BigDecimal("100"))),
                List.of(new SimLevel(new BigDecimal(ask), new BigDecimal("100"))));
    }

    private JsonNode token(Http http) {
        return http.get("/api/status").json().path("tokens").path(TOKEN);
    }

    @Test
    void aResolvedMarketCancelsOurOrdersStopsTradingForGoodAndSettlesThePosition() {
        Http http = new Http(port);
        await().atMost(AWAIT).until(() -> token(http).path("tradable").asBoolean());
        // Buy 5 at 0.59 on a drop, filled; the take-profit SELL rests at 0.61.
        book("0.60", "0.62");
        await().atMost(AWAIT).until(() -> "0.61".equals(token(http).path("strategy").path("lastMid").asString()));
        book("0.59", "0.61");
        await().atMost(AWAIT).until(() -> "BUYING".equals(token(http).path("strategy").path("state").asString()));
        book("0.58", "0.59");
        await().atMost(AWAIT).until(() -> "SELLING".equals(token(http).path("strategy").path("state").asString()));
        assertThat(http.get("/api/orders?open=true").json()).hasSize(1);

        SIM.resolve(MARKET.conditionId(), MARKET.noTokenId());
        await().atMost(AWAIT).until(() -> "RESOLVED".equals(token(http).path("state").asString()));
        await().atMost(AWAIT).until(() -> http.get("/api/orders?open=true").json().isEmpty());
        JsonNode sell = null;
        for (JsonNode order : http.get("/api/orders").json().values()) {
            if ("SELL".equals(order.path("side").asString())) {
                sell = order;
            }
        }
        assertThat(sell).isNotNull();
        assertThat(sell.path("status").asString()).isEqualTo("CANCELLED");
        assertThat(token(http).path("tradable").asBoolean()).isFalse();
        JsonNode position = http.get("/api/status").json().path("positions").path(TOKEN);
        assertThat(position.path("resolution").asString()).isEqualTo("LOST");
        assertThat(position.path("resolvedPnl").decimalValue()).isEqualByComparingTo("-2.95");
        assertThat(position.path("size").decimalValue()).isEqualByComparingTo("5");

        // Final: a halt and resume by the operator, and a book that would trigger a BUY, place nothing.
        http.post("/api/halt", ADMIN);
        http.post("/api/resume", ADMIN);
        book("0.70", "0.72");
        book("0.60", "0.61");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> http.get("/api/orders").json().size() == 2);
        assertThat(http.get("/api/orders?open=true").json()).isEmpty();
        assertThat(token(http).path("state").asString()).isEqualTo("RESOLVED");
    }
}
