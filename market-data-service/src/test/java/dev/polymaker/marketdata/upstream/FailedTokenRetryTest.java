package dev.polymaker.marketdata.upstream;

import dev.polymaker.marketdata.demand.DemandSource;
import dev.polymaker.marketdata.demand.TokenDemand;
import dev.polymaker.marketdata.support.MutableClock;
import dev.polymaker.marketdata.support.RecordingUpstream;
import dev.polymaker.polymarket.upstream.PoolStatus;
import dev.polymaker.polymarket.upstream.TokenState;
import dev.polymaker.polymarket.upstream.TokenStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class FailedTokenRetryTest {

    final MutableClock clock = new MutableClock(0);
    final RecordingUpstream upstream = new RecordingUpstream();
    final TokenDemand demand = new TokenDemand(clock, Duration.ZERO, 10, upstream);
    final FailedTokenRetry retry = new FailedTokenRetry(demand, clock, Duration.ofSeconds(30), Duration.ofSeconds(100));

    static PoolStatus failedSince(long since, String... ids) {
        Map<String, TokenStatus> tokens = new java.util.HashMap<>();
        for (String id : ids) {
            tokens.put(id, new TokenStatus(id, TokenState.FAILED, 1, since, 0, "no book"));
        }
        return new PoolStatus(List.of(), tokens, 0);
    }

    @Test
    void failedTokensAreResubscribedWithAGrowingDelayWhileStillDemanded() {
        demand.acquire(DemandSource.STOMP, "1");
        retry.check(failedSince(0, "1"));
        assertThat(upstream.resubscribed).isEmpty();

        clock.advance(Duration.ofSeconds(30));
        retry.check(failedSince(0, "1"));
        assertThat(upstream.resubscribed).containsExactly(Set.of("1"));

        clock.advance(Duration.ofSeconds(40)); // FAILED again at 30 s: next try 60 s later
        retry.check(failedSince(30_000, "1"));
        assertThat(upstream.resubscribed).hasSize(1);
        clock.advance(Duration.ofSeconds(20));
        retry.check(failedSince(30_000, "1"));
        assertThat(upstream.resubscribed).hasSize(2);
    }

    @Test
    void tokensNoLongerDemandedAreNotResubscribed() {
        clock.advance(Duration.ofMinutes(5));
        retry.check(failedSince(0, "2"));
        assertThat(upstream.resubscribed).isEmpty();
    }
}
