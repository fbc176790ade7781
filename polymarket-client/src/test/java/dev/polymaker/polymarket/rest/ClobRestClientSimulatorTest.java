package dev.polymaker.polymarket.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polymaker.polymarket.book.PriceLevel;
import dev.polymaker.simulator.ExchangeSimulator;
import dev.polymaker.simulator.SimBook;
import dev.polymaker.simulator.SimMarket;
import dev.polymaker.simulator.SimulatorConfig;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The REST client against the simulator's CLOB routes, which reject more than 500 tokens per /books call. */
class ClobRestClientSimulatorTest {

    private static ExchangeSimulator sim;
    private static ClobRestClient client;

    @BeforeAll
    static void start() {
        sim = ExchangeSimulator.start(SimulatorConfig.builder().httpPort(0).wsPort(0).markets(300).seed(42)
                .eventsPerSecond(0).negRiskMarkets(1).fineTickMarkets(1).build());
        client = new ClobRestClient(HttpClient.newHttpClient(), sim.restUrl(), Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void bookMatchesTheExchangeIncludingTickSizeAndNegRisk() {
        SimMarket first = sim.markets().get(0);
        SimMarket last = sim.markets().get(sim.markets().size() - 1);
        for (String token : List.of(first.yesTokenId(), first.noTokenId(), last.yesTokenId())) {
            SimBook theirs = sim.book(token);
            RestBook ours = client.book(token);
            assertThat(ours.assetId()).isEqualTo(token);
            assertThat(ours.market()).isEqualTo(theirs.market());
            assertThat(ours.hash()).isEqualTo(theirs.hash());
            assertThat(ours.timestamp()).isEqualTo(theirs.timestamp());
            assertThat(ours.bestBid()).isEqualByComparingTo(theirs.bestBid());
            assertThat(ours.bestAsk()).isEqualByComparingTo(theirs.bestAsk());
            // Wire order: bids ascending, asks descending; the snapshot is best first.
            assertThat(ours.bids()).extracting(PriceLevel::price).isSortedAccordingTo(java.math.BigDecimal::compareTo);
            assertThat(ours.snapshot().bids().get(0).price()).isEqualByComparingTo(theirs.bestBid());
            assertThat(ours.tickSize()).isEqualByComparingTo(theirs.tickSize());
            assertThat(ours.negRisk()).isEqualTo(theirs.negRisk());
            assertThat(ours.minOrderSize()).isEqualByComparingTo(theirs.minOrderSize());
        }
        assertThat(client.book(first.yesTokenId()).negRisk()).isTrue();
        assertThat(client.book(last.yesTokenId()).tickSize()).isEqualByComparingTo("0.001");
    }

    @Test
    void booksSplitsSixHundredTokensIntoCallsTheServerAccepts() {
        List<String> tokens = sim.tokenIds();
        assertThat(tokens).hasSize(600);
        List<RestBook> books = client.books(tokens);
        assertThat(books).extracting(RestBook::assetId).containsExactlyInAnyOrderElementsOf(tokens);
    }

    @Test
    void unknownTokenIsNotFound() {
        assertThatThrownBy(() -> client.book("123456789")).isInstanceOfSatisfying(ClobRestException.class,
                e -> assertThat(e.kind()).isEqualTo(ClobRestException.Kind.NOT_FOUND));
    }
}
