package dev.polymaker.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

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
            await().atMost(Duration.ofSeconds(30)).until(() -> sim.eventsGenerated() >= 20_000);
            sim.stopGenerator();
            long generated = sim.eventsGenerated();
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
                assertThat(books.bestBid(token)).isEqualByComparingTo(book.bestBid());
                assertThat(books.bestAsk(token)).isEqualByComparingTo(book.bestAsk());
            }
        }
    }
}
