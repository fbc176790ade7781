package dev.polymaker.marketdata.upstream;

import dev.polymaker.support.testing.MutableClock;
import dev.polymaker.marketdata.api.UpstreamHealth;
import dev.polymaker.polymarket.upstream.PoolStatus;
import dev.polymaker.polymarket.upstream.SocketState;
import dev.polymaker.polymarket.upstream.SocketStatus;
import dev.polymaker.polymarket.upstream.TokenState;
import dev.polymaker.polymarket.upstream.TokenStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class UpstreamAssessorTest {

    final MutableClock clock = new MutableClock(100_000);
    final UpstreamAssessor assessor = new UpstreamAssessor(clock, Duration.ofSeconds(5));

    static SocketStatus socket(int id, SocketState state, long connectedSince, long lastData, String error) {
        return new SocketStatus(id, state, 1, connectedSince, lastData, lastData, 0, error);
    }

    static PoolStatus pool(List<SocketStatus> sockets, long tokenLastUpdate) {
        Map<String, TokenStatus> tokens = Map.of("1", new TokenStatus("1", TokenState.LIVE, 1, 0, tokenLastUpdate, "x"));
        return new PoolStatus(sockets, tokens, sockets.stream().mapToLong(SocketStatus::lastDataTime).max().orElse(0));
    }

    @Test
    void noTokensIsUpAndAllConnectedIsUp() {
        assertThat(assessor.assess(new PoolStatus(List.of(), Map.of(), 0), null).health()).isEqualTo(UpstreamHealth.UP);
        UpstreamVerdict up = assessor.assess(pool(List.of(socket(1, SocketState.CONNECTED, 90_000, 99_000, null)), 99_000), null);
        assertThat(up.health()).isEqualTo(UpstreamHealth.UP);
        assertThat(up.lastDataAgeMs()).isEqualTo(1_000);
    }

    @Test
    void neverConnectedIsDownAtOnceWithTheLastError() {
        UpstreamVerdict verdict = assessor.assess(pool(List.of(socket(1, SocketState.DOWN, 0, 0,
                "ConnectException: Connection refused")), 0), null);
        assertThat(verdict.health()).isEqualTo(UpstreamHealth.DOWN);
        assertThat(verdict.reason()).contains("never connected").contains("Connection refused");
    }

    @Test
    void allSocketsDownIsDegradedUntilDownAfterThenDown() {
        assessor.assess(pool(List.of(socket(1, SocketState.CONNECTED, 90_000, 99_000, null)), 99_000), null);
        PoolStatus down = pool(List.of(socket(1, SocketState.DOWN, 90_000, 99_000, "closed by server: 1006")), 99_000);
        assertThat(assessor.assess(down, null).health()).isEqualTo(UpstreamHealth.DEGRADED);
        clock.advance(Duration.ofSeconds(5));
        UpstreamVerdict verdict = assessor.assess(down, null);
        assertThat(verdict.health()).isEqualTo(UpstreamHealth.DOWN);
        assertThat(verdict.reason()).contains("no socket connected for 5000 ms").contains("1006");
    }

    @Test
    void someSocketsDownIsDegraded() {
        UpstreamVerdict verdict = assessor.assess(pool(List.of(socket(1, SocketState.CONNECTED, 90_000, 99_000, null),
                socket(2, SocketState.FROZEN, 90_000, 95_000, "frozen")), 99_000), null);
        assertThat(verdict.health()).isEqualTo(UpstreamHealth.DEGRADED);
        assertThat(verdict.socketsConnected()).isEqualTo(1);
    }

    @Test
    void reconnectedToAFrozenServerWithoutDataDoesNotCountAsConnected() {
        assessor.assess(pool(List.of(socket(1, SocketState.CONNECTED, 90_000, 99_000, null)), 99_000), null);
        PoolStatus reconnectedSilent = pool(List.of(socket(1, SocketState.CONNECTED, 99_500, 99_000, null)), 99_000);
        assessor.assess(reconnectedSilent, null);
        clock.advance(Duration.ofSeconds(6));
        assertThat(assessor.assess(reconnectedSilent, null).health()).isEqualTo(UpstreamHealth.DOWN);
        PoolStatus neverHadData = pool(List.of(socket(1, SocketState.CONNECTED, 99_500, 0, null)), 0);
        assertThat(assessor.assess(neverHadData, null).health()).isEqualTo(UpstreamHealth.UP);
    }

    @Test
    void startFailureIsDown() {
        assertThat(assessor.assess(new PoolStatus(List.of(), Map.of(), 0), "IllegalStateException: boom").reason())
                .isEqualTo("start-up failed: IllegalStateException: boom");
    }
}
