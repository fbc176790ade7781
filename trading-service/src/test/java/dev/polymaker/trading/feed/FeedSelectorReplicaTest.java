package dev.polymaker.trading.feed;

import dev.polymaker.marketdata.api.UpstreamHealth;
import dev.polymaker.support.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The replica rules of the selector (docs/architecture.md §3.7): another replica before DIRECT, no flapping. */
class FeedSelectorReplicaTest {

    private static final Duration STALE = Duration.ofSeconds(5);
    private static final Duration RETURN = Duration.ofSeconds(30);
    private static final String A = "mds-a:8080";
    private static final String B = "mds-b:8080";
    private static final String C = "mds-c:8080";

    private MutableClock clock;
    private FeedSelector selector;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(1_000_000);
        selector = new FeedSelector(List.of(A, B), STALE, RETURN, clock);
        selector.start();
    }

    /** {@code seconds} of one status a second from each of {@code healthy}, asserting no switch meanwhile. */
    private void seconds(int seconds, String... healthy) {
        for (int i = 0; i < seconds; i++) {
            for (String r : healthy) {
                selector.replicaStatus(r, UpstreamHealth.UP, null);
            }
            assertThat(selector.evaluate()).isEmpty();
            clock.advance(Duration.ofSeconds(1));
        }
    }

    private FeedTransition switched() {
        Optional<FeedTransition> t = selector.evaluate();
        assertThat(t).as("a switch").isPresent();
        return t.get();
    }

    private void bothUp() {
        selector.replicaSession(A, true, null);
        selector.replicaSession(B, true, null);
    }

    @Test
    void followsTheFirstReplicaAtStart() {
        bothUp();
        seconds(20, A, B);
        assertThat(selector.mode()).isEqualTo(FeedMode.SHARED);
        assertThat(selector.activeReplica()).isEqualTo(A);
        assertThat(selector.healthyReplicas()).isEqualTo(2);
        assertThat(selector.wantsDirect()).isFalse();
    }

    @Test
    void aStaleReplicaIsLeftForAHealthyOneAfterStaleAfterNeverForDirect() {
        bothUp();
        seconds(3, A, B);
        selector.replicaSession(A, false, "connection lost");
        // A's last healthy status was 1 s ago: staleAfter runs from there.
        seconds(3, B);
        assertThat(selector.mode()).isEqualTo(FeedMode.SHARED);
        assertThat(selector.activeReplica()).isEqualTo(A);
        clock.advanceMillis(999);
        selector.replicaStatus(B, UpstreamHealth.UP, null);
        assertThat(selector.evaluate()).isEmpty();
        clock.advanceMillis(1);
        FeedTransition t = switched();
        assertThat(t.fromTag()).isEqualTo("shared:" + A);
        assertThat(t.toTag()).isEqualTo("shared:" + B);
        assertThat(t.reason()).isEqualTo(FeedSwitchReason.REPLICA_STALE);
        assertThat(t.describe()).contains("STOMP session down: connection lost").contains(B + " healthy");
        assertThat(selector.wantsDirect()).isFalse();
        assertThat(selector.healthyReplicas()).isEqualTo(1);
    }

    @Test
    void theReturningReplicaDoesNotTakeOverFromAHealthyOne() {
        bothUp();
        seconds(3, A, B);
        selector.replicaSession(A, false, "killed");
        seconds(4, B);
        assertThat(switched().toReplica()).isEqualTo(B);
        selector.replicaSession(A, true, null);
        seconds(120, A, B);
        assertThat(selector.activeReplica()).isEqualTo(B);
        assertThat(selector.mode()).isEqualTo(FeedMode.SHARED);
    }

    @Test
    void aReplicaThatIsUpButUnhealthyIsNoCandidate() {
        bothUp();
        seconds(3, A, B);
        selector.replicaSession(A, false, "killed");
        for (int i = 0; i < 4; i++) {
            selector.replicaStatus(B, UpstreamHealth.UP, "token(s) not LIVE on " + B + ": [7 STALE]");
            assertThat(selector.evaluate()).isEmpty();
            clock.advance(Duration.ofSeconds(1));
        }
        FeedTransition t = switched();
        assertThat(t.to()).isEqualTo(FeedMode.DIRECT);
        assertThat(t.reason()).isEqualTo(FeedSwitchReason.SHARED_STALE);
        assertThat(t.describe()).contains(A + ": STOMP session down").contains(B + ": token(s) not LIVE");
    }

    @Test
    void bothDeadGoesDirectAndOneBackReturnsToItAfterReturnAfter() {
        bothUp();
        seconds(3, A, B);
        selector.replicaSession(A, false, "killed");
        selector.replicaSession(B, false, "killed");
        clock.advance(STALE);
        FeedTransition toDirect = switched();
        assertThat(toDirect.to()).isEqualTo(FeedMode.DIRECT);
        assertThat(toDirect.fromTag()).isEqualTo("shared:" + A);
        selector.directStarting(clock.millis());
        selector.directLive(true);
        selector.replicaSession(B, true, null);
        for (int i = 0; i < 30; i++) {
            selector.directLive(true);
            selector.replicaStatus(B, UpstreamHealth.UP, null);
            assertThat(selector.evaluate()).isEmpty();
            clock.advance(Duration.ofSeconds(1));
        }
        selector.replicaStatus(B, UpstreamHealth.UP, null);
        FeedTransition back = switched();
        assertThat(back.toTag()).isEqualTo("shared:" + B);
        assertThat(back.reason()).isEqualTo(FeedSwitchReason.SHARED_RECOVERED);
        assertThat(selector.activeReplica()).isEqualTo(B);
    }

    @Test
    void fromDirectTheReplicaHealthyLongestIsChosen() {
        selector = new FeedSelector(List.of(A, B, C), STALE, RETURN, clock);
        selector.start();
        clock.advance(STALE);
        assertThat(switched().to()).isEqualTo(FeedMode.DIRECT);
        selector.directStarting(clock.millis());
        selector.replicaSession(C, true, null);
        for (int i = 0; i < 10; i++) {
            selector.directLive(true);
            selector.replicaStatus(C, UpstreamHealth.UP, null);
            assertThat(selector.evaluate()).isEmpty();
            clock.advance(Duration.ofSeconds(1));
        }
        selector.replicaSession(A, true, null);
        for (int i = 0; i < 25; i++) {
            selector.directLive(true);
            selector.replicaStatus(A, UpstreamHealth.UP, null);
            selector.replicaStatus(C, UpstreamHealth.UP, null);
            selector.evaluate();
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(selector.mode()).isEqualTo(FeedMode.SHARED);
        assertThat(selector.activeReplica()).isEqualTo(C);
    }

    @Test
    void directFailingGoesToAnyHealthyReplicaAtOnceElseNone() {
        bothUp();
        selector.replicaSession(A, false, "killed");
        selector.replicaSession(B, false, "killed");
        clock.advance(STALE);
        assertThat(switched().to()).isEqualTo(FeedMode.DIRECT);
        selector.directStarting(clock.millis());
        clock.advance(STALE);
        FeedTransition none = switched();
        assertThat(none.to()).isEqualTo(FeedMode.NONE);
        assertThat(none.reason()).isEqualTo(FeedSwitchReason.NO_LIVE_SOURCE);
        selector.replicaSession(B, true, null);
        selector.replicaStatus(B, UpstreamHealth.UP, null);
        FeedTransition t = switched();
        assertThat(t.toTag()).isEqualTo("shared:" + B);
        assertThat(t.reason()).isEqualTo(FeedSwitchReason.SHARED_HEALTHY);
    }

    @Test
    void aDeadFirstReplicaAtStartIsLeftForTheSecondAfterStaleAfter() {
        selector.replicaSession(B, true, null);
        seconds(5, B);
        FeedTransition t = switched();
        assertThat(t.toTag()).isEqualTo("shared:" + B);
        assertThat(t.describe()).contains("no feed-status received yet");
    }

    @Test
    void replicaNamesMustBeUnique() {
        assertThatThrownBy(() -> new FeedSelector(List.of(A, A), STALE, RETURN, clock))
                .hasMessageContaining("duplicate replica name " + A);
        assertThatThrownBy(() -> new FeedSelector(List.of(), STALE, RETURN, clock))
                .hasMessageContaining("at least one replica");
    }
}
