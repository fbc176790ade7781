package dev.polymaker.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The random walk at benchmark rates: every event reaches a subscriber whole, in order and consistent. */
class GeneratorThroughputTest {

    @Test
    void twentyThousandEventsASecondReachOneClientCompleteAndConsistent() {
        try (ExchangeSimulator sim = ExchangeSimulator.start(SimulatorConfig.builder().markets(20).seed(5)
                .fineTickMarkets(3).build());
             WsTestClient client = WsTestClient.connect(sim.marketUrl())) {
            client.subscribe(sim.tokenIds());
            ClientBooks books = new ClientBooks();
            client.nextEvents().forEach(books::apply);

            sim.startGenerator(20_000);
            // Scripted changes from this thread interleave with the generator's: both must reach the client whole.
            String scripted = sim.markets().get(0).yesTokenId();
            int scriptedChanges = 2_000;
            for (int i = 0; i < scriptedChanges; i++) {
                sim.setLevel(scripted, SimSide.BUY, new BigDecimal("0.0" + (1 + i % 5)), BigDecimal.valueOf(5 + i % 7));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> sim.eventsGenerated() >= 20_000);
            sim.stopGenerator();
            long generated = sim.eventsGenerated() + scriptedChanges;
            client.send("PING");
            while (true) {
                String frame = client.next();
                if (frame.equals("PONG")) {
                    break;
                }
                for (JsonNode event : WsTestClient.events(frame)) {
                    books.apply(event);
                }
            }

            assertThat(books.priceChanges).isEqualTo(generated);
            assertThat(books.mismatches).isZero();
            for (String token : sim.tokenIds()) {
                SimBook book = sim.book(token);
                // A side can be empty for a while (a trade took its last level): null on both sides then.
                assertThat(sameTop(books.bestBid(token), book.bestBid()))
                        .as("best bid of %s: client %s, exchange %s", token, books.bestBid(token), book.bestBid())
                        .isTrue();
                assertThat(sameTop(books.bestAsk(token), book.bestAsk()))
                        .as("best ask of %s: client %s, exchange %s", token, books.bestAsk(token), book.bestAsk())
                        .isTrue();
            }
        }
    }

    private static boolean sameTop(BigDecimal client, BigDecimal exchange) {
        return client == null ? exchange == null : exchange != null && client.compareTo(exchange) == 0;
    }
}
