package dev.polymaker.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A client that stops reading is closed instead of growing the server queue forever. */
class SlowConsumerTest {

    @Test
    void aClientThatStopsReadingIsClosedInsteadOfQueueingForever() throws Exception {
        try (ExchangeSimulator sim = ExchangeSimulator.start(SimulatorConfig.builder().markets(2).seed(8)
                .maxQueuedFrames(200).build());
             RawWsClient stuck = new RawWsClient(sim.marketUrl(), 4096)) {
            stuck.sendText("{\"assets_ids\":" + WsTestClient.JSON.writeValueAsString(sim.tokenIds())
                    + ",\"type\":\"market\"}");
            await().atMost(Duration.ofSeconds(10)).until(() -> !sim.connections().isEmpty()
                    && sim.connections().get(0).subscribed());

            await().atMost(Duration.ofSeconds(30)).until(() -> {
                sim.step(2_000);
                return sim.connections().isEmpty();
            });
            assertThat(sim.connectionAttempts()).isEqualTo(1);
            assertThat(stuck.closedByServerWithin(10_000)).isTrue();
        }
    }
}
