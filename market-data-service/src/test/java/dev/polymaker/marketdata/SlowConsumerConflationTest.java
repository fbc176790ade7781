package dev.polymaker.marketdata;

import dev.polymaker.marketdata.api.Destinations;
import dev.polymaker.marketdata.api.Tick;
import dev.polymaker.marketdata.support.Http;
import dev.polymaker.marketdata.support.StalledStompSocket;
import dev.polymaker.marketdata.support.StompTestClient;
import dev.polymaker.simulator.ExchangeSimulator;
import dev.polymaker.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A consumer that reads slower than ticks arrive gets the newest tick of each token, with the
 * superseded ones counted (the {@code conflated} header and {@code marketdata_ticks_conflated_total}),
 * not a backlog; a consumer that keeps up beside it is unaffected. Real sockets throughout: the
 * simulator upstream, a real STOMP client, and a hand-rolled one that pauses reading.
 */
@SpringBootTest(classes = MarketDataApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMetrics
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SlowConsumerConflationTest {

    static final Duration AWAIT = Duration.ofSeconds(20);
    static final ExchangeSimulator SIM = ExchangeSimulator.start(SimulatorConfig.builder().host("127.0.0.1")
            .httpPort(0).wsPort(0).markets(4).seed(7).eventsPerSecond(0).build());

    final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("marketdata.upstream.url", () -> SIM.marketUrl().toString());
        registry.add("marketdata.upstream.rest-url", () -> SIM.restUrl().toString());
        registry.add("marketdata.gamma.enabled", () -> "false");
        registry.add("marketdata.stomp.send-time-limit", () -> "30s");
    }

    /** Small server socket send buffers, so the paused reader's writes block after a few ticks. */
    @TestConfiguration
    static class SmallSocketBuffers {
        @Bean
        TomcatConnectorCustomizer smallSendBuffers() {
            return connector -> connector.setProperty("socket.txBufSize", "8192");
        }
    }

    @AfterAll
    static void stopSimulator() {
        SIM.close();
    }

    @Test
    void aSlowReaderGetsTheNewestTickOfEachTokenWithTheSupersededOnesCountedAndAFastOneIsUnaffected() throws Exception {
        List<String> tokens = SIM.tokenIds();
        String[] destinations = tokens.stream().map(Destinations::ticks).toArray(String[]::new);
        try (StompTestClient fast = StompTestClient.connect(port);
             StalledStompSocket slow = StalledStompSocket.open(port, null, destinations)) {
            Map<String, List<Tick>> fastTicks = new HashMap<>();
            tokens.forEach(t -> fastTicks.put(t, fast.subscribe(Destinations.ticks(t), Tick.class)));
            await().atMost(AWAIT).until(() -> fastTicks.values().stream().noneMatch(List::isEmpty));
            double conflatedBefore = metric("marketdata_ticks_conflated_total");

            // The slow one does not read while the exchange moves: its writes block, newer ticks replace waiting ones.
            await().atMost(AWAIT).pollInterval(Duration.ofMillis(20)).until(() -> {
                SIM.step(200);
                return metric("marketdata_ticks_conflated_total") - conflatedBefore >= 500;
            });
            await().atMost(AWAIT).untilAsserted(() -> tokens.forEach(t ->
                    LiveFeedTest.assertMatches(fastTicks.get(t).get(fastTicks.get(t).size() - 1), SIM.book(t))));

            List<String> frames = slow.readFramesUntilQuiet(Duration.ofSeconds(2));
            Map<String, List<Tick>> slowTicks = new HashMap<>();
            Map<String, Long> slowConflated = new HashMap<>();
            for (String frame : frames) {
                if (!frame.startsWith("MESSAGE")) {
                    continue;
                }
                String headers = frame.substring(0, frame.indexOf("\n\n"));
                Tick tick = json.readValue(frame.substring(frame.indexOf("\n\n") + 2), Tick.class);
                slowTicks.computeIfAbsent(tick.tokenId(), t -> new ArrayList<>()).add(tick);
                headers.lines().filter(h -> h.startsWith("conflated:")).forEach(h -> slowConflated
                        .merge(tick.tokenId(), Long.parseLong(h.substring("conflated:".length())), Long::sum));
            }
            long slowTotal = 0;
            long slowSkipped = 0;
            for (String token : tokens) {
                List<Tick> ticks = slowTicks.get(token);
                assertThat(ticks).as("ticks of %s to the slow reader", token).isNotEmpty();
                LiveFeedTest.assertMatches(ticks.get(ticks.size() - 1), SIM.book(token)); // the newest, at the end
                LiveFeedTest.assertContiguous(ticks, slowConflated.getOrDefault(token, 0L));
                slowTotal += ticks.size();
                slowSkipped += slowConflated.getOrDefault(token, 0L);
            }
            // How many of the published ticks the slow reader still got depends on the machine's timing; what
            // must hold is above (the newest of each token, every seq jump named) and that conflation happened.
            assertThat(slowSkipped).as("ticks superseded for the slow reader (%d delivered)", slowTotal)
                    .isGreaterThanOrEqualTo(100);

            for (String token : tokens) {
                List<Tick> ticks = fastTicks.get(token);
                LiveFeedTest.assertContiguous(ticks, fast.conflated.getOrDefault(Destinations.ticks(token), 0L));
            }
            assertThat(fast.connected()).isTrue();
            assertThat(metric("marketdata_stomp_slow_consumers_total")).as("nobody was cut off").isZero();
        }
    }

    private double metric(String name) {
        String text = Http.get(port, "/actuator/prometheus").body();
        return text.lines().filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
