package dev.polymaker.polymarket.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polymaker.polymarket.order.ExchangeVersion;
import dev.polymaker.simulator.ExchangeSimulator;
import dev.polymaker.simulator.SimMarket;
import dev.polymaker.simulator.SimulatorConfig;
import dev.polymaker.simulator.http.RouteResponse;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GammaMarkets against the simulator's Gamma route, and the response shapes Gamma may send. */
class GammaMarketsTest {

    private static ExchangeSimulator sim;
    private static GammaMarkets gamma;

    @BeforeAll
    static void start() {
        // Market 0 is neg-risk CTF ("v1"), market 2 is protocol-V2.
        sim = ExchangeSimulator.start(SimulatorConfig.builder().httpPort(0).wsPort(0).markets(3).seed(7)
                .negRiskMarkets(1).v2Markets(1).build());
        gamma = new GammaMarkets(sim.restUrl(), Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() {
        gamma.close();
        sim.close();
    }

    @Test
    void v1MarketTokensSettleOnCtfExchangeV2() {
        SimMarket v1 = sim.markets().get(0);
        assertThat(v1.version()).isEqualTo("v1");
        for (String token : new String[] {v1.yesTokenId(), v1.noTokenId()}) {
            GammaMarket market = gamma.market(token);
            assertThat(market.exchangeVersion()).isEqualTo(ExchangeVersion.CTF_V2);
            assertThat(market.version()).isEqualTo("v1");
            assertThat(market.conditionId()).isEqualTo(v1.conditionId());
            assertThat(market.outcomeTokenIds()).containsExactly(v1.yesTokenId(), v1.noTokenId());
            assertThat(market.negRisk()).isTrue();
        }
        assertThat(gamma.exchangeVersion(sim.markets().get(1).noTokenId())).isEqualTo(ExchangeVersion.CTF_V2);
    }

    @Test
    void v2MarketTokensSettleOnExchangeV3() {
        SimMarket v2 = sim.markets().get(2);
        assertThat(v2.version()).isEqualTo("v2");
        GammaMarket market = gamma.market(v2.noTokenId());
        assertThat(market.exchangeVersion()).isEqualTo(ExchangeVersion.EXCHANGE_V3);
        assertThat(market.version()).isEqualTo("v2");
        assertThat(market.outcomeTokenIds()).containsExactly(v2.yesTokenId(), v2.noTokenId());
        assertThat(market.negRisk()).isFalse();
        assertThat(gamma.exchangeVersion(v2.yesTokenId())).isEqualTo(ExchangeVersion.EXCHANGE_V3);
    }

    @Test
    void unknownTokenIsAClearError() {
        assertThatThrownBy(() -> gamma.exchangeVersion("123456789"))
                .isInstanceOfSatisfying(GammaException.class,
                        e -> assertThat(e.kind()).isEqualTo(GammaException.Kind.UNKNOWN_TOKEN))
                .hasMessageContaining("token 123456789").hasMessageContaining("knows no market");
    }

    @Test
    void garbageBodiesAndHttpFailuresAreTypedErrors() {
        try (ExchangeSimulator broken = ExchangeSimulator.start(SimulatorConfig.builder().httpPort(0).wsPort(0)
                .markets(1).build());
             GammaMarkets client = new GammaMarkets(broken.restUrl(), Duration.ofSeconds(10))) {
            String token = broken.tokenIds().get(0);
            assertThat(client.exchangeVersion(token)).isEqualTo(ExchangeVersion.CTF_V2);

            broken.faults().failRest(503);
            assertThatThrownBy(() -> client.exchangeVersion(token)).isInstanceOfSatisfying(GammaException.class,
                    e -> {
                        assertThat(e.kind()).isEqualTo(GammaException.Kind.HTTP_ERROR);
                        assertThat(e.status()).isEqualTo(503);
                    });
            broken.faults().failRest(429);
            assertThatThrownBy(() -> client.exchangeVersion(token)).isInstanceOfSatisfying(GammaException.class,
                    e -> assertThat(e.kind()).isEqualTo(GammaException.Kind.RATE_LIMITED));
            broken.faults().failRest(0);

            broken.http().route("GET", "/markets/keyset",
                    r -> RouteResponse.text(200, "<html><body>Just a moment...</body></html>"));
            assertThatThrownBy(() -> client.exchangeVersion(token)).isInstanceOfSatisfying(GammaException.class,
                    e -> assertThat(e.kind()).isEqualTo(GammaException.Kind.BAD_RESPONSE))
                    .hasMessageContaining("not JSON").hasMessageContaining("Just a moment");
            broken.http().route("GET", "/markets/keyset", r -> RouteResponse.ok("{\"error\":\"maintenance\"}"));
            assertThatThrownBy(() -> client.exchangeVersion(token)).isInstanceOfSatisfying(GammaException.class,
                    e -> assertThat(e.kind()).isEqualTo(GammaException.Kind.BAD_RESPONSE))
                    .hasMessageContaining("markets or data array");
        }
    }

    @Test
    void noAnswerIsAnIoError() {
        try (GammaMarkets client = new GammaMarkets(URI.create("http://127.0.0.1:9"), Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> client.exchangeVersion("1")).isInstanceOfSatisfying(GammaException.class,
                    e -> assertThat(e.kind()).isEqualTo(GammaException.Kind.IO));
        }
    }

    @Test
    void acceptsABareArrayOrADataArray() {
        String v1 = "{\"conditionId\":\"0xc1\",\"version\":\"v1\",\"clobTokenIds\":\"[\\\"11\\\", \\\"12\\\"]\","
                + "\"negRisk\":false}";
        String v2 = "{\"conditionId\":\"0xc2\",\"version\":\"v2\",\"positionIds\":[\"21\",\"22\"],\"negRisk\":true}";
        assertThat(GammaMarkets.parse("[" + v1 + "," + v2 + "]", "22").exchangeVersion())
                .isEqualTo(ExchangeVersion.EXCHANGE_V3);
        assertThat(GammaMarkets.parse("{\"data\":[" + v1 + "]}", "12").conditionId()).isEqualTo("0xc1");
        assertThat(GammaMarkets.parse("{\"markets\":[" + v2 + "],\"next_cursor\":\"x\"}", "21").negRisk()).isTrue();
    }

    @Test
    void idsAreChosenByVersionAndAMissingVersionMeansCtf() {
        // A v2 market that still carries clobTokenIds: its trading ids are positionIds only.
        String both = "{\"conditionId\":\"0xc3\",\"version\":\"v2\",\"clobTokenIds\":\"[\\\"31\\\",\\\"32\\\"]\","
                + "\"positionIds\":[\"33\",\"34\"]}";
        assertThat(GammaMarkets.parse("[" + both + "]", "33").outcomeTokenIds()).containsExactly("33", "34");
        assertThatThrownBy(() -> GammaMarkets.parse("[" + both + "]", "31")).isInstanceOfSatisfying(
                GammaException.class, e -> assertThat(e.kind()).isEqualTo(GammaException.Kind.UNKNOWN_TOKEN));

        String legacy = "{\"conditionId\":\"0xc4\",\"clobTokenIds\":\"[\\\"41\\\",\\\"42\\\"]\"}";
        GammaMarket market = GammaMarkets.parse("[" + legacy + "]", "42");
        assertThat(market.version()).isNull();
        assertThat(market.exchangeVersion()).isEqualTo(ExchangeVersion.CTF_V2);
        assertThat(market.negRisk()).isNull();
    }

    @Test
    void unsupportedVersionsAndUnreadableIdsAreRefused() {
        String v9 = "{\"conditionId\":\"0xc5\",\"version\":\"v9\",\"clobTokenIds\":\"[\\\"51\\\"]\"}";
        assertThatThrownBy(() -> GammaMarkets.parse("[" + v9 + "]", "51")).isInstanceOfSatisfying(
                GammaException.class, e -> assertThat(e.kind()).isEqualTo(GammaException.Kind.UNSUPPORTED_VERSION))
                .hasMessageContaining("'v9'");
        String broken = "{\"conditionId\":\"0xc6\",\"version\":\"v1\",\"clobTokenIds\":\"[61, oops\"}";
        assertThatThrownBy(() -> GammaMarkets.parse("[" + broken + "]", "61")).isInstanceOfSatisfying(
                GammaException.class, e -> assertThat(e.kind()).isEqualTo(GammaException.Kind.BAD_RESPONSE))
                .hasMessageContaining("clobTokenIds");
    }
}
