package dev.polymaker.marketdata.demand;

import dev.polymaker.support.testing.MutableClock;
import dev.polymaker.marketdata.support.RecordingUpstream;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TokenDemandTest {

    final MutableClock clock = new MutableClock(0);
    final RecordingUpstream upstream = new RecordingUpstream();
    final TokenDemand demand = new TokenDemand(clock, Duration.ofSeconds(120), 3, upstream);

    @Test
    void sourcesAreMergedAndReferenceCountedAndTheTokenLeavesOnlyAfterTheGracePeriod() {
        demand.acquire(DemandSource.STOMP, "1");
        demand.acquire(DemandSource.STOMP, "1");
        demand.acquire(DemandSource.ADMIN, "1");
        assertThat(upstream.added).containsExactly(Set.of("1"));
        assertThat(demand.view("1")).get().satisfies(v -> {
            assertThat(v.subscribers()).isEqualTo(2);
            assertThat(v.sources()).containsEntry(DemandSource.ADMIN, 1);
        });

        demand.release(DemandSource.STOMP, "1");
        demand.release(DemandSource.STOMP, "1");
        demand.releaseAll(DemandSource.ADMIN, "1");
        assertThat(demand.view("1")).get().satisfies(v -> assertThat(v.releaseAt()).isEqualTo(120_000));

        clock.advance(Duration.ofSeconds(119));
        assertThat(demand.sweep()).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(demand.sweep()).containsExactly("1");
        assertThat(upstream.removed).containsExactly(Set.of("1"));
        assertThat(demand.tokens()).isEmpty();
    }

    @Test
    void demandReturningDuringTheGracePeriodKeepsTheTokenWithoutResubscribing() {
        demand.acquire(DemandSource.STOMP, "1");
        demand.release(DemandSource.STOMP, "1");
        clock.advance(Duration.ofSeconds(60));
        demand.acquire(DemandSource.STOMP, "1");
        clock.advance(Duration.ofSeconds(120));
        assertThat(demand.sweep()).isEmpty();
        assertThat(upstream.added).hasSize(1);
        assertThat(upstream.removed).isEmpty();
    }

    @Test
    void releasingMoreThanWasAcquiredChangesNothing() {
        demand.acquire(DemandSource.CONFIG, "1");
        demand.release(DemandSource.STOMP, "1");
        demand.release(DemandSource.STOMP, "2");
        clock.advance(Duration.ofHours(1));
        assertThat(demand.sweep()).isEmpty();
        assertThat(demand.wants(DemandSource.CONFIG, "1")).isTrue();
    }

    @Test
    void tokenLimitReleasesGraceTokensEarlyThenRefuses() {
        demand.acquire(DemandSource.STOMP, "1");
        demand.acquire(DemandSource.STOMP, "2");
        demand.acquire(DemandSource.STOMP, "3");
        demand.release(DemandSource.STOMP, "2");

        assertThat(demand.acquire(DemandSource.STOMP, "4")).isEqualTo(Admission.ACCEPTED);
        assertThat(upstream.removed).containsExactly(Set.of("2"));
        assertThat(demand.acquire(DemandSource.STOMP, "5")).isEqualTo(Admission.TOO_MANY_TOKENS);
        assertThat(demand.acquire(DemandSource.ADMIN, "1")).isEqualTo(Admission.ACCEPTED); // already held
        assertThat(demand.tokens()).containsExactlyInAnyOrder("1", "3", "4");
    }

    @Test
    void replacingASetLikeSourceReleasesWhatItNoLongerListsAndIsRefusedAsAWholeOverTheLimit() {
        demand.replace(DemandSource.FILE, new LinkedHashSet<>(List.of("1", "2")));
        demand.acquire(DemandSource.STOMP, "2");
        demand.replace(DemandSource.FILE, Set.of("1", "3"));
        assertThat(demand.wants(DemandSource.FILE, "2")).isFalse();
        assertThat(demand.view("2").orElseThrow().releaseAt()).isZero(); // STOMP still wants it
        assertThat(demand.tokens()).containsExactlyInAnyOrder("1", "2", "3");

        assertThat(demand.replace(DemandSource.FILE, Set.of("1", "3", "4", "5"))).isEqualTo(Admission.TOO_MANY_TOKENS);
        assertThat(demand.wants(DemandSource.FILE, "3")).isTrue();
        assertThat(demand.tokens()).containsExactlyInAnyOrder("1", "2", "3");
    }
}
