package dev.polymaker.marketdata.upstream;

import dev.polymaker.marketdata.demand.DemandSource;
import dev.polymaker.marketdata.demand.TokenDemand;
import dev.polymaker.marketdata.metrics.MarketDataMetrics;
import dev.polymaker.marketdata.sequencing.Epoch;
import dev.polymaker.marketdata.sequencing.TickSequencer;
import dev.polymaker.polymarket.upstream.UpstreamConfig;
import dev.polymaker.polymarket.upstream.UpstreamPool;
import dev.polymaker.simulator.ClientFrame;
import dev.polymaker.simulator.ConnectionInfo;
import dev.polymaker.simulator.ExchangeSimulator;
import dev.polymaker.simulator.SimulatorConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Demand changes reach the exchange coalesced: 5,000 one-token subscriptions (what 5,000 STOMP
 * SUBSCRIBE frames do) become at most 40 subscribe frames of up to 200 ids, and a handful of log
 * lines, counted at the exchange simulator.
 */
@ExtendWith(OutputCaptureExtension.class)
class UpstreamSubscriptionsTest {

    @Test
    void fiveThousandOneTokenSubscriptionsGoUpstreamInAtMostFortyFrames(CapturedOutput output) {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(1);
        scheduler.initialize();
        try (ExchangeSimulator sim = ExchangeSimulator.start(SimulatorConfig.builder().host("127.0.0.1")
                .httpPort(0).wsPort(0).markets(2500).levelsPerSide(2).seed(5).eventsPerSecond(0).build())) {
            Clock clock = Clock.systemUTC();
            TickSequencer sequencer = new TickSequencer(Epoch.start("test", clock), clock, tick -> { });
            UpstreamConfig config = new UpstreamConfig(sim.marketUrl(), sim.restUrl(), Duration.ofSeconds(10),
                    Duration.ofSeconds(30), Duration.ofSeconds(30), 200, Duration.ofMillis(100), Duration.ofSeconds(1),
                    Duration.ofMillis(10), Duration.ofSeconds(30), 3, 3);
            UpstreamEvents events = new UpstreamEvents(sequencer, new MarketDataMetrics(new SimpleMeterRegistry()),
                    sim.marketUrl().toString());
            try (PoolMarketFeed feed = new PoolMarketFeed(new UpstreamPool(config, events, clock))) {
                feed.start();
                TokenDemand demand = new TokenDemand(clock, Duration.ofMinutes(2), 10_000,
                        new UpstreamSubscriptions(feed, sequencer, scheduler, Duration.ofMillis(100), 200));
                List<String> tokens = sim.tokenIds();
                assertThat(tokens).hasSize(5000);
                tokens.forEach(token -> demand.acquire(DemandSource.STOMP, token));

                await().atMost(Duration.ofSeconds(60)).until(() -> sim.connections().stream()
                        .mapToInt(c -> c.subscribedTokens().size()).sum() == 5000);
                long frames = sim.connections().stream().map(ConnectionInfo::received).flatMap(List::stream)
                        .map(ClientFrame::text).filter(text -> text.contains("assets_ids")).count();
                assertThat(frames).as("subscribe frames the exchange received").isBetween(25L, 40L);
                assertThat(output.getAll().lines().filter(l -> l.contains("subscribing ") && l.contains("upstream:")))
                        .as("summary log lines").hasSizeLessThanOrEqualTo(40);
                await().atMost(Duration.ofSeconds(60)).until(() -> tokens.stream()
                        .allMatch(t -> sequencer.latest(t).isPresent()));
            }
        } finally {
            scheduler.shutdown();
        }
    }
}
