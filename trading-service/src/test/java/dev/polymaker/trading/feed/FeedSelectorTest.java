package dev.polymaker.trading.feed;

import dev.polymaker.support.testing.MutableClock;
import dev.polymaker.marketdata.api.UpstreamHealth;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class FeedSelectorTest {

    private static final Duration STALE = Duration.ofSeconds(5);
    private static final Duration RETURN = Duration.ofSeconds(30);

    private MutableClock clock;
    private FeedSelector selector;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(1_000_000);
        selector = new FeedSelector(STALE, RETURN, clock);
    }

    /** Healthy shared feed: a status every second for {@code seconds}. */
    private void healthyStatuses(int seconds) {
        for (int i = 0; i < seconds; i++) {
            selector.sharedStatus(UpstreamHealth.UP, null);
            assertThat(selector.evaluate()).isEmpty();
            clock.advance(Duration.ofSeconds(1));
        }
    }

    private FeedTransition switched() {
        Optional<FeedTransition> t = selector.evaluate();
        assertThat(t).isPresent();
        return t.get();
    }

    private void toDirect() {
        selector.sharedSession(true, null);
        healthyStatuses(3);
        selector.sharedSession(false, "connection lost");
        clock.advance(STALE);
        assertThat(switched().to()).isEqualTo(FeedMode.DIRECT);
        selector.directStarting(clock.millis() + 500);
    }

    @Test
    void startsSharedAndStaysWhileStatusesArriveInTime() {
        selector.sharedSession(true, null);
        healthyStatuses(60);
        assertThat(selector.mode()).isEqualTo(FeedMode.SHARED);
        assertThat(selector.wantsDirect()).isFalse();
    }

    @Test
    void degradedUpstreamStillCountsAsHealthy() {
        selector.sharedSession(true, null);
        for (int i = 0; i < 20; i++) {
            selector.sharedStatus(UpstreamHealth.DEGRADED, null);
            assertThat(selector.evaluate()).isEmpty();
            clock.advance(Duration.ofSeconds(1));
        }
    }

    @Test
    void noSharedFeedAtStartSwitchesToDirectAfterStaleAfter() {
        clock.advanceMillis(STALE.toMillis() - 1);
        assertThat(selector.evaluate()).isEmpty();
        clock.advanceMillis(1);
        FeedTransition t = switched();
        assertThat(t.from()).isEqualTo(FeedMode.SHARED);
        assertThat(t.to()).isEqualTo(FeedMode.DIRECT);
        assertThat(t.describe()).contains("no feed-status received yet");
        assertThat(selector.wantsDirect()).isTrue();
    }

    @Test
    void silentSharedFeedSwitchesToDirectStaleAfterTheLastStatus() {
        selector.sharedSession(true, null);
        healthyStatuses(3);
        clock.advanceMillis(STALE.toMillis() - 1001);
        assertThat(selector.evaluate()).isEmpty();
        clock.advanceMillis(1);
        FeedTransition t = switched();
        assertThat(t.to()).isEqualTo(FeedMode.DIRECT);
        assertThat(t.describe()).contains("no feed-status for 5000 ms");
    }

    @Test
    void outageShorterThanStaleAfterCausesNoSwitch() {
        selector.sharedSession(true, null);
        healthyStatuses(3);
        selector.sharedSession(false, "broker restarted");
        clock.advance(Duration.ofSeconds(3));
        assertThat(selector.evaluate()).isEmpty();
        selector.sharedSession(true, null);
        healthyStatuses(20);
        assertThat(selector.mode()).isEqualTo(FeedMode.SHARED);
    }

    @Test
    void upstreamDownReportedForStaleAfterSwitchesWithThatReason() {
        selector.sharedSession(true, null);
        healthyStatuses(2);
        for (int i = 0; i < 4; i++) {
            selector.sharedStatus(UpstreamHealth.DOWN, null);
            assertThat(selector.evaluate()).isEmpty();
            clock.advance(Duration.ofSeconds(1));
        }
        selector.sharedStatus(UpstreamHealth.DOWN, null);
        FeedTransition t = switched();
        assertThat(t.to()).isEqualTo(FeedMode.DIRECT);
        assertThat(t.describe()).contains("upstream DOWN");
    }

    @Test
    void ourTokensNotLiveOnSharedCountAsUnhealthy() {
        selector.sharedSession(true, null);
        healthyStatuses(1);
        for (int i = 0; i < 5; i++) {
            selector.sharedStatus(UpstreamHealth.UP, "token 42 STALE on the shared feed");
            clock.advance(Duration.ofSeconds(1));
        }
        FeedTransition t = switched();
        assertThat(t.to()).isEqualTo(FeedMode.DIRECT);
        assertThat(t.describe()).contains("token 42 STALE");
    }

    @Test
    void returnsToSharedOnlyAfterReturnAfterOfUnbrokenHealth() {
        toDirect();
        selector.directLive(true);
        selector.sharedSession(true, null);
        healthyStatuses(29);
        assertThat(selector.mode()).isEqualTo(FeedMode.DIRECT);
        selector.sharedStatus(UpstreamHealth.UP, null);
        clock.advance(Duration.ofSeconds(1));
        FeedTransition t = switched();
        assertThat(t.to()).isEqualTo(FeedMode.SHARED);
        assertThat(t.describe()).contains("healthy for 30000 ms");
        assertThat(t.reason()).isEqualTo(FeedSwitchReason.SHARED_RECOVERED);
        assertThat(selector.wantsDirect()).isFalse();
    }

    @Test
    void aBlipDuringTheReturnWindowRestartsIt() {
        toDirect();
        selector.directLive(true);
        selector.sharedSession(true, null);
        healthyStatuses(20);
        selector.sharedSession(false, "blip");
        clock.advance(Duration.ofSeconds(1));
        assertThat(selector.evaluate()).isEmpty();
        selector.sharedSession(true, null);
        healthyStatuses(29);
        assertThat(selector.mode()).isEqualTo(FeedMode.DIRECT);
        selector.sharedStatus(UpstreamHealth.UP, null);
        clock.advance(Duration.ofSeconds(1));
        assertThat(switched().to()).isEqualTo(FeedMode.SHARED);
    }

    @Test
    void flappingSharedFeedNeverLeavesDirect() {
        toDirect();
        selector.directLive(true);
        for (int cycle = 0; cycle < 10; cycle++) {
            selector.sharedSession(true, null);
            healthyStatuses(10);
            selector.sharedSession(false, "flap");
            clock.advance(Duration.ofSeconds(2));
            assertThat(selector.evaluate()).isEmpty();
        }
        assertThat(selector.mode()).isEqualTo(FeedMode.DIRECT);
    }

    @Test
    void directWithoutLiveDataGoesToNoneAfterConnectDelayPlusStaleAfter() {
        toDirect();
        clock.advanceMillis(500 + STALE.toMillis() - 1);
        assertThat(selector.evaluate()).isEmpty();
        clock.advanceMillis(1);
        FeedTransition t = switched();
        assertThat(t.to()).isEqualTo(FeedMode.NONE);
        assertThat(t.describe()).contains("direct feed has no live data").contains("STOMP session down");
        assertThat(selector.wantsDirect()).isTrue();
    }

    @Test
    void directLosingLiveDataGoesToNoneOnlyAfterStaleAfter() {
        toDirect();
        clock.advance(Duration.ofSeconds(1));
        selector.directLive(true);
        clock.advance(Duration.ofSeconds(10));
        selector.directLive(true);
        assertThat(selector.evaluate()).isEmpty();
        selector.directLive(false);
        clock.advanceMillis(STALE.toMillis() - 1);
        assertThat(selector.evaluate()).isEmpty();
        clock.advanceMillis(1);
        assertThat(switched().to()).isEqualTo(FeedMode.NONE);
    }

    @Test
    void noneRecoversToDirectWhenDirectDataReturns() {
        toDirect();
        clock.advance(Duration.ofSeconds(6));
        assertThat(switched().to()).isEqualTo(FeedMode.NONE);
        selector.directLive(true);
        FeedTransition t = switched();
        assertThat(t.to()).isEqualTo(FeedMode.DIRECT);
        assertThat(t.describe()).contains("direct feed has live data again");
    }

    @Test
    void noneRecoversToSharedWhenSharedReturnsFirst() {
        toDirect();
        clock.advance(Duration.ofSeconds(6));
        assertThat(switched().to()).isEqualTo(FeedMode.NONE);
        selector.sharedSession(true, null);
        selector.sharedStatus(UpstreamHealth.UP, null);
        FeedTransition t = switched();
        assertThat(t.to()).isEqualTo(FeedMode.SHARED);
        assertThat(selector.wantsDirect()).isFalse();
    }

    @Test
    void directFailingWhileSharedIsHealthyAgainGoesSharedNotNone() {
        toDirect();
        selector.sharedSession(true, null);
        healthyStatuses(6);
        FeedTransition t = selector.evaluate().orElseThrow();
        assertThat(t.to()).isEqualTo(FeedMode.SHARED);
        assertThat(t.reason()).isEqualTo(FeedSwitchReason.DIRECT_FAILED);
    }

    @Test
    void stoppedDirectPoolIsNotLive() {
        toDirect();
        selector.directStopped();
        selector.directLive(true);
        FeedTransition t = switched();
        assertThat(t.to()).isEqualTo(FeedMode.NONE);
        assertThat(t.describe()).contains("direct feed is not running");
    }

    @Test
    void statusesWithoutASessionDoNotCount() {
        selector.sharedSession(false, "never connected");
        selector.sharedStatus(UpstreamHealth.UP, null);
        clock.advance(STALE);
        assertThat(switched().to()).isEqualTo(FeedMode.DIRECT);
    }

    @Test
    void aSlowFirstConnectGetsStaleAfterFromTheConnectNotFromStart() {
        clock.advance(Duration.ofSeconds(4));
        selector.sharedSession(true, null);
        clock.advance(Duration.ofSeconds(4));
        assertThat(selector.evaluate()).isEmpty();
        selector.sharedStatus(UpstreamHealth.UP, null);
        clock.advance(Duration.ofSeconds(1));
        assertThat(selector.evaluate()).isEmpty();
        assertThat(selector.mode()).isEqualTo(FeedMode.SHARED);
    }

    @Test
    void onlyTheFirstConnectExtendsTheGrace() {
        selector.sharedSession(true, null);
        healthyStatuses(2);
        selector.sharedSession(false, "drop");
        clock.advance(Duration.ofSeconds(3));
        selector.sharedSession(true, null);
        clock.advance(Duration.ofSeconds(1));
        assertThat(switched().to()).isEqualTo(FeedMode.DIRECT);
    }

    @Test
    void rejectsNonPositiveDurations() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new FeedSelector(Duration.ZERO, RETURN, clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("staleAfter");
    }
}
