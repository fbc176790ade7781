package dev.polymaker.polymarket.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.polymaker.simulator.ExchangeSimulator;
import dev.polymaker.simulator.SimBook;
import dev.polymaker.simulator.SimSide;
import dev.polymaker.simulator.SimulatorConfig;
import dev.polymaker.simulator.clob.ClobVenue;
import dev.polymaker.simulator.clob.SimulatedClob;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The CLOB mounted on the full exchange simulator: orders trade against the same books the market channel shows. */
class SimulatedClobTest {

    static final WalletKey KEY = ClobClientSimulatorTest.KEY;
    static final ApiCredentials CREDS = ClobClientSimulatorTest.CREDS;

    ExchangeSimulator sim;
    ClobVenue venue;
    ClobClient client;
    OrderBuilder builder;

    @BeforeEach
    void start() throws Exception {
        sim = ExchangeSimulator.start(SimulatorConfig.builder().markets(2).negRiskMarkets(1).seed(7).build());
        venue = SimulatedClob.attach(sim, Duration.ofSeconds(15));
        String body = "{\"address\":\"" + KEY.address() + "\",\"apiKey\":\"" + CREDS.apiKey() + "\",\"secret\":\""
                + CREDS.secret() + "\",\"passphrase\":\"" + CREDS.passphrase() + "\"}";
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(sim.restUrl() + "/control/clob/credentials")).POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        client = new ClobClient(ClobClientConfig.defaults(sim.restUrl()).withRequestTimeout(Duration.ofSeconds(5)),
                KEY, CREDS, Clock.systemUTC());
        builder = new OrderBuilder(KEY, null, SignatureType.EOA, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        client.close();
        sim.close();
    }

    MarketRules rules(String token) {
        MarketRules rules = client.marketRules(token, ExchangeVersion.CTF_V2);
        assertThat(rules.minOrderSize()).isEqualByComparingTo("5");
        assertThat(rules.tickSize().value()).isEqualByComparingTo(sim.book(token).tickSize());
        return rules;
    }

    @Test
    void marketableOrderConsumesTheSimulatedBook() {
        String token = sim.markets().get(1).yesTokenId();
        SimBook before = sim.book(token);
        BigDecimal ask = before.bestAsk();
        BigDecimal size = before.asks().get(0).size().min(new BigDecimal("20")).setScale(2, java.math.RoundingMode.DOWN);
        assertThat(size).isGreaterThanOrEqualTo(new BigDecimal("5"));
        OrderPlacement placed = client.post(builder.limit(token, OrderSide.BUY, ask, size, rules(token),
                ClobOrderType.GTC, false, 0));
        assertThat(placed.status()).isIn("matched", "live");
        assertThat(client.trades(null, token, null)).isNotEmpty()
                .allSatisfy(t -> assertThat(t.price()).isEqualByComparingTo(ask));
        SimBook after = sim.book(token);
        BigDecimal left = after.asks().stream().filter(l -> l.price().compareTo(ask) == 0)
                .map(l -> l.size()).findFirst().orElse(BigDecimal.ZERO);
        assertThat(left).isEqualByComparingTo(before.asks().get(0).size().subtract(size));
    }

    @Test
    void restingOrderFillsWhenTheBookMovesThroughIt() {
        String token = sim.markets().get(1).yesTokenId();
        MarketRules rules = rules(token);
        BigDecimal bid = sim.book(token).bestBid();
        OrderPlacement placed = client.post(builder.limit(token, OrderSide.BUY, bid, new BigDecimal("10"), rules,
                ClobOrderType.GTC, true, 0));
        assertThat(placed.status()).isEqualTo("live");
        // A seller appears at our price: the resting order is hit.
        sim.setLevel(token, SimSide.SELL, bid, new BigDecimal("50"));
        await().atMost(Duration.ofSeconds(10)).until(() -> client.openOrders(null, null, token).isEmpty());
        assertThat(client.trades(null, token, null)).singleElement().satisfies(t -> {
            assertThat(t.traderSide()).isEqualTo("MAKER");
            assertThat(t.makerOrders().get(0).orderId()).isEqualTo(placed.orderId());
            assertThat(t.makerOrders().get(0).matchedAmount()).isEqualByComparingTo("10");
        });
    }

    @Test
    void negRiskMarketNeedsTheNegRiskExchangeDomain() {
        String token = sim.markets().get(0).yesTokenId();
        MarketRules rules = rules(token);
        assertThat(rules.negRisk()).isTrue();
        BigDecimal price = sim.book(token).bestBid();
        MarketRules wrong = new MarketRules(rules.tickSize(), null, false, ExchangeVersion.CTF_V2);
        assertThatThrownBy(() -> client.post(builder.limit(token, OrderSide.BUY, price, new BigDecimal("5"), wrong,
                ClobOrderType.GTC, true, 0))).isInstanceOfSatisfying(ClobException.Rejected.class,
                e -> assertThat(e.code()).isEqualTo(ClobErrorCode.INVALID_SIGNATURE));
        assertThat(client.post(builder.limit(token, OrderSide.BUY, price, new BigDecimal("5"), rules,
                ClobOrderType.GTC, true, 0)).status()).isEqualTo("live");
    }
}
