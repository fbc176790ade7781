package dev.polymaker.marketdata;

import dev.polymaker.marketdata.api.Destinations;
import dev.polymaker.marketdata.api.Tick;
import dev.polymaker.marketdata.support.StompTestClient;
import dev.polymaker.simulator.ExchangeSimulator;
import dev.polymaker.simulator.SimulatorConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A clean stop while ticks flow to a subscriber is not an outage: publishing stops first, the
 * broker's stopping is logged at INFO, and nothing is logged at ERROR or counted as dropped.
 */
@ExtendWith(OutputCaptureExtension.class)
class CleanShutdownTest {

    @Test
    void stoppingWhileTicksFlowLogsNoBrokerOutageAndNoDroppedTicks(CapturedOutput output) {
        try (ExchangeSimulator sim = ExchangeSimulator.start(SimulatorConfig.builder().host("127.0.0.1")
                .httpPort(0).wsPort(0).markets(2).seed(3).eventsPerSecond(0).build())) {
            ConfigurableApplicationContext app = new SpringApplicationBuilder(MarketDataApplication.class).run(
                    "--server.port=0", "--server.address=127.0.0.1",
                    "--marketdata.upstream.url=" + sim.marketUrl(), "--marketdata.upstream.rest-url=" + sim.restUrl(),
                    "--marketdata.gamma.enabled=false",
                    "--marketdata.tokens=" + String.join(",", sim.tokenIds()));
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            try (StompTestClient client = StompTestClient.connect(port)) {
                List<Tick> ticks = client.subscribe(Destinations.ticks(sim.tokenIds().get(0)), Tick.class);
                sim.startGenerator(2000);
                await().atMost(Duration.ofSeconds(20)).until(() -> ticks.size() >= 20);
                app.close(); // while the generator still runs
            } finally {
                sim.stopGenerator();
                app.close();
            }
        }
        assertThat(output.getAll()).contains("shutting down: ticks are no longer published")
                .contains("STOMP broker (simple) stopped: the service is shutting down")
                .doesNotContain("STOMP broker (simple) unavailable")
                .doesNotContain("could not publish tick");
        assertThat(output.getAll().lines().filter(line -> line.contains(" ERROR ")))
                .as("ERROR lines").noneMatch(line -> line.contains("dev.polymaker.marketdata")
                        || line.contains("d.p.m."));
    }
}
