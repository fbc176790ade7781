package dev.polymaker.trading.orders.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** When new orders are refused because the dead-man heartbeat is unhealthy. */
class HeartbeatGateTest {

    private final HeartbeatGate gate = new HeartbeatGate(Duration.ofSeconds(10));

    @Test
    void twoFailuresInARowCloseTheGateAndASuccessOpensIt() {
        gate.succeeded(0);
        gate.failed(5_000);
        assertThat(gate.refusal(5_000)).isEmpty();
        gate.failed(6_000);
        assertThat(gate.refusal(6_000)).get().asString().contains("2 failures in a row");
        assertThat(gate.succeeded(7_000)).as("a recovery").isTrue();
        assertThat(gate.refusal(7_000)).isEmpty();
        assertThat(gate.succeeded(8_000)).as("not a recovery").isFalse();
    }

    @Test
    void aSessionWithoutAGoodBeatPastTheDeadlineClosesTheGateEvenWithoutFailures() {
        gate.succeeded(0);
        assertThat(gate.refusal(10_000)).isEmpty();
        // The heartbeat thread stalled: no answer at all for longer than the exchange waits.
        assertThat(gate.refusal(10_001)).get().asString().contains("no good heartbeat for 10001 ms");
    }

    @Test
    void nothingRestingMeansNothingToLoseAndTheGateIsOpen() {
        gate.succeeded(0);
        gate.failed(1_000);
        gate.failed(2_000);
        gate.idle();
        assertThat(gate.refusal(60_000)).isEmpty();
    }
}
