package dev.polymaker.trading;

import dev.polymaker.simulator.ExchangeSimulator;
import dev.polymaker.simulator.SimLevel;
import dev.polymaker.simulator.SimulatorConfig;
import dev.polymaker.testsupport.Http;
import dev.polymaker.testsupport.TestPorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
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
 * The stop-loss of the whole app in paper mode on scripted exchange-simulator paths (direct feed over
 * real sockets), one token per path, each bought at 0.59 with its take-profit SELL resting at 0.61:
 * a fall through the threshold (0.56) exits the whole position with a FAK SELL; a dip that recovers
 * inside the confirmation does not; a wide-spread market needs its longer window. Test timings:
 * no grace, rounds at least 3 s apart, wide-spread window 6 s, timer every 200 ms.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMetrics
@ExtendWith(OutputCaptureExtension.class)
class StopLossAppTest {

    private static final Duration AWAIT = Duration.ofSeconds(20);
    private static final ExchangeSimulator SIM = ExchangeSimulator.start(SimulatorConfig.builder().host("127.0.0.1")
            .httpPort(0).wsPort(0).markets(3).seed(11).eventsPerSecond(0).build());
    private static final String FALL = SIM.markets().get(0).yesTokenId();
    private static final String DIP = SIM.markets().get(1).yesTokenId();
    private static final String WIDE = SIM.markets().get(2).yesTokenId();

    static {
        // The first book the app sees: mid 0.61, the window high each path drops from.
        for (String token : List.of(FALL, DIP, WIDE)) {
            book(token, "0.60", "0.62");
        }
    }

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        TestProperties.fast(r, "ws://127.0.0.1:" + TestPorts.unused() + "/ws", SIM);
        r.add("trading.tokens", () -> String.join(",", FALL, DIP, WIDE));
        r.add("trading.strategy.stop-loss.grace", () -> "0s");
        r.add("trading.strategy.stop-loss.confirm-interval", () -> "3s");
        r.add("trading.strategy.stop-loss.wide-spread-confirm-window", () -> "6s");
        r.add("trading.strategy.stop-loss.check-interval", () -> "200ms");
    }

    @AfterAll
    static void stopSim() {
        SIM.close();
    }

    private static void book(String token, String bid, String ask) {
        SIM.setBook(token, List.of(new SimLevel(new BigDecimal(bid), new BigDecimal("100"))),
                List.of(new SimLevel(new BigDecimal(ask), new BigDecimal("100"))));
    }

    private static JsonNode token(Http http, String token) {
        return http.get("/api/status").json().path("tokens").path(token);
    }

    private static String stopLoss(Http http, String token) {
        return token(http, token).path("strategy").path("stopLoss").path("label").asString();
    }

    private static String state(Http http, String token) {
        return token(http, token).path("strategy").path("state").asString();
    }

    /** Buys 5 at 0.59 on a drop from 0.61; the take-profit SELL rests at 0.61. */
    private static void holdFiveAt59(Http http, String token) {
        await().atMost(AWAIT).until(() -> "0.61".equals(token(http, token).path("strategy").path("lastMid").asString())
                && token(http, token).path("tradable").asBoolean());
        book(token, "0.59", "0.61");
        await().atMost(AWAIT).until(() -> "BUYING".equals(state(http, token)));
        book(token, "0.58", "0.59");
        await().atMost(AWAIT).until(() -> "SELLING".equals(state(http, token)));
        JsonNode t = token(http, token);
        assertThat(t.path("position").decimalValue()).isEqualByComparingTo("5");
        assertThat(t.path("averageCost").decimalValue()).isEqualByComparingTo("0.59");
        assertThat(t.path("unrealisedPnl").decimalValue()).isEqualByComparingTo("-0.05");
        assertThat(stopLoss(http, token)).isEqualTo("ARMED");
        assertThat(t.path("strategy").path("stopLoss").path("thresholdPrice").decimalValue())
                .isEqualByComparingTo("0.56");
    }

    private static List<JsonNode> orders(Http http, String token) {
        List<JsonNode> out = new java.util.ArrayList<>();
        http.get("/api/orders").json().forEach(o -> {
            if (token.equals(o.path("tokenId").asString())) {
                out.add(o);
            }
        });
        return out;
    }

    @Test
    void aFallThroughTheThresholdExitsTheWholePositionWithAFakSell(CapturedOutput output) {
        Http http = new Http(port);
        holdFiveAt59(http, FALL);

        book(FALL, "0.55", "0.56");
        await().atMost(AWAIT).until(() -> "CONFIRMING 1 of 2".equals(stopLoss(http, FALL)));
        await().atMost(AWAIT).until(() -> "FLAT".equals(state(http, FALL)));

        JsonNode t = token(http, FALL);
        assertThat(t.path("position").decimalValue()).isEqualByComparingTo("0");
        assertThat(t.path("realisedPnl").decimalValue()).isEqualByComparingTo("-0.20");
        JsonNode sl = t.path("strategy").path("stopLoss");
        assertThat(sl.path("state").asString()).isEqualTo("COOLDOWN");
        assertThat(sl.path("lastTriggerPrice").decimalValue()).isEqualByComparingTo("0.55");
        assertThat(sl.path("lastTrigger").path("rounds").asInt()).isEqualTo(2);
        assertThat(sl.path("lastTrigger").path("confirmedOverMs").asLong()).isGreaterThanOrEqualTo(3000);
        assertThat(sl.path("until").asLong()).isGreaterThan(System.currentTimeMillis() + 29 * 60_000);
        // The take-profit was cancelled first, then one FAK SELL took the bid.
        List<JsonNode> orders = orders(http, FALL);
        assertThat(orders).hasSize(3);
        assertThat(orders.get(0).path("type").asString()).isEqualTo("FAK");
        assertThat(orders.get(0).path("side").asString()).isEqualTo("SELL");
        assertThat(orders.get(0).path("status").asString()).isEqualTo("FILLED");
        assertThat(orders.get(0).path("price").decimalValue()).isEqualByComparingTo("0.55");
        assertThat(orders.get(1).path("type").asString()).isEqualTo("GTC");
        assertThat(orders.get(1).path("status").asString()).isEqualTo("CANCELLED");
        assertThat(t.path("strategy").path("lastActions").toString()).contains("STOP-LOSS at bid 0.55 <= 0.56");

        assertThat(output).contains("token " + FALL + ": STOP-LOSS triggered: cost 0.5900, bid 0.55 <= threshold 0.56");
        assertThat(http.get("/actuator/prometheus").body())
                .containsPattern("trading_stop_losses_total\\{application=\"trading-service\"} [1-9]");
        // A new drop buys nothing during the cooldown.
        book(FALL, "0.60", "0.62");
        book(FALL, "0.50", "0.52");
        await().during(Duration.ofSeconds(1)).atMost(AWAIT).until(() -> "FLAT".equals(state(http, FALL))
                && orders(http, FALL).size() == 3);
    }

    @Test
    void aBriefDipThatRecoversInsideTheConfirmationDoesNotSell() {
        Http http = new Http(port);
        holdFiveAt59(http, DIP);

        book(DIP, "0.55", "0.56");
        await().atMost(AWAIT).until(() -> "CONFIRMING 1 of 2".equals(stopLoss(http, DIP)));
        book(DIP, "0.58", "0.59");
        await().atMost(AWAIT).until(() -> "ARMED".equals(stopLoss(http, DIP)));
        // Longer than the confirmation would have taken: still held, take-profit still resting.
        await().during(Duration.ofSeconds(4)).atMost(AWAIT).until(() -> "SELLING".equals(state(http, DIP))
                && "ARMED".equals(stopLoss(http, DIP)));
        JsonNode t = token(http, DIP);
        assertThat(t.path("position").decimalValue()).isEqualByComparingTo("5");
        assertThat(t.path("strategy").path("stopLoss").path("triggers").asInt()).isZero();
        assertThat(orders(http, DIP)).hasSize(2).allSatisfy(o -> assertThat(o.path("type").asString()).isEqualTo("GTC"));
    }

    @Test
    void aWideSpreadMarketNeedsThreeRoundsOverItsLongerWindow() {
        Http http = new Http(port);
        holdFiveAt59(http, WIDE);

        // 0.53 / 0.57: spread 7.3 % of the mid, +3 ticks: threshold 0.53, three rounds over 6 s.
        book(WIDE, "0.53", "0.57");
        await().atMost(AWAIT).until(() -> "CONFIRMING 1 of 3".equals(stopLoss(http, WIDE)));
        assertThat(token(http, WIDE).path("strategy").path("stopLoss").path("thresholdPrice").decimalValue())
                .isEqualByComparingTo("0.53");
        // Two rounds would have fired in a tight market; here the position is still held.
        await().atMost(AWAIT).until(() -> {
            String label = stopLoss(http, WIDE);
            return label.equals("CONFIRMING 2 of 3") || !label.startsWith("CONFIRMING");
        });
        assertThat(stopLoss(http, WIDE)).isEqualTo("CONFIRMING 2 of 3");
        assertThat(token(http, WIDE).path("position").decimalValue()).isEqualByComparingTo("5");

        await().atMost(AWAIT).until(() -> "FLAT".equals(state(http, WIDE)));
        JsonNode sl = token(http, WIDE).path("strategy").path("stopLoss");
        assertThat(sl.path("lastTrigger").path("roundsRequired").asInt()).isEqualTo(3);
        assertThat(sl.path("lastTrigger").path("rounds").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(sl.path("lastTrigger").path("confirmedOverMs").asLong()).isGreaterThanOrEqualTo(6000);
        assertThat(sl.path("lastTrigger").path("threshold").path("spreadTicks").asInt()).isEqualTo(3);
        assertThat(orders(http, WIDE).get(0).path("price").decimalValue()).isEqualByComparingTo("0.53");
        assertThat(token(http, WIDE).path("realisedPnl").decimalValue()).isEqualByComparingTo("-0.30");
    }
}
