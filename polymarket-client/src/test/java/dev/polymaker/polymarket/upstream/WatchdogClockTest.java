package dev.polymaker.polymarket.upstream;

import dev.polymaker.support.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.polymaker.simulator.ExchangeSimulator;
import dev.polymaker.simulator.SimulatorConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The watchdogs run on the injected clock: moving it, not waiting, makes them fire. */
class WatchdogClockTest {

    @Test
    void firstBookTimeoutFollowsTheInjectedClock() {
        MutableClock clock = new MutableClock();
        RecordingListener listener = new RecordingListener();
        try (ExchangeSimulator sim = ExchangeSimulator.start(SimulatorConfig.builder().httpPort(0).wsPort(0).markets(1)
                .seed(7).eventsPerSecond(0).build())) {
            // Real-time parts (PING) are slow; the clock-driven first-book timeout is one minute.
            UpstreamConfig config = new UpstreamConfig(sim.marketUrl(), sim.restUrl(), Duration.ofMinutes(10),
                    Duration.ofMinutes(20), Duration.ofMinutes(1), 200, Duration.ofMillis(50), Duration.ofMillis(400),
                    Duration.ofMillis(10), Duration.ofSeconds(2), 3, 3);
            List<String> tokens = sim.tokenIds();
            String stalled = tokens.get(0);
            sim.faults().stallToken(stalled, true);
            try (UpstreamPool pool = new UpstreamPool(config, listener, clock)) {
                pool.addTokens(tokens);
                pool.start();
                await().atMost(Duration.ofSeconds(20)).until(() -> pool.tokenStatus(tokens.get(1)).orElseThrow().state()
                        == TokenState.LIVE);
                for (int retry = 1; retry <= 3; retry++) {
                    assertThat(pool.tokenStatus(stalled).orElseThrow().state()).isEqualTo(TokenState.PENDING);
                    clock.advance(Duration.ofSeconds(61));
                    int expected = retry;
                    await().atMost(Duration.ofSeconds(10)).until(() -> listener.resyncs.size() == expected);
                }
                clock.advance(Duration.ofSeconds(61));
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> pool.tokenStatus(stalled).orElseThrow().state() == TokenState.FAILED);
                TokenStatus failed = pool.tokenStatus(stalled).orElseThrow();
                assertThat(failed.stateSince()).isEqualTo(clock.millis());
                assertThat(listener.resyncs).hasSize(3);
                assertThat(listener.reconnects).isEmpty();
                assertThat(pool.tokenStatus(tokens.get(1)).orElseThrow().state()).isEqualTo(TokenState.LIVE);
            }
        }
    }

    @Test
    void noFrameForThreePingIntervalsClosesHardAndReconnects() {
        MutableClock clock = new MutableClock();
        RecordingListener listener = new RecordingListener();
        try (ExchangeSimulator sim = ExchangeSimulator.start(SimulatorConfig.builder().httpPort(0).wsPort(0).markets(1)
                .seed(7).eventsPerSecond(0).build())) {
            // PING every 10 min of real time, so no PONG arrives during the test; the clock says 31 min passed.
            UpstreamConfig config = new UpstreamConfig(sim.marketUrl(), sim.restUrl(), Duration.ofMinutes(10),
                    Duration.ofHours(1), Duration.ofHours(1), 200, Duration.ofMillis(50), Duration.ofMillis(400),
                    Duration.ofMillis(10), Duration.ofSeconds(2), 3, 3);
            List<String> tokens = sim.tokenIds();
            try (UpstreamPool pool = new UpstreamPool(config, listener, clock)) {
                pool.addTokens(tokens);
                pool.start();
                await().atMost(Duration.ofSeconds(20)).until(() -> tokens.stream()
                        .allMatch(t -> pool.tokenStatus(t).orElseThrow().state() == TokenState.LIVE));
                clock.advance(Duration.ofMinutes(29));
                await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5))
                        .until(() -> listener.reconnects.isEmpty());
                clock.advance(Duration.ofMinutes(2));
                await().atMost(Duration.ofSeconds(10)).until(() -> listener.reconnects.contains("silence"));
                assertThat(listener.statesOf(tokens.get(0))).extracting(RecordingListener.StateChange::state)
                        .contains(TokenState.STALE);
                await().atMost(Duration.ofSeconds(20)).until(() -> tokens.stream()
                        .allMatch(t -> pool.tokenStatus(t).orElseThrow().state() == TokenState.LIVE));
                assertThat(sim.connectionAttempts()).isEqualTo(2);
                assertThat(pool.status().sockets().get(0).lastError()).contains("no frame");
            }
        }
    }
}
