package dev.polymaker.trading.feed;

import dev.polymaker.marketdata.api.Tick;
import dev.polymaker.marketdata.api.TickState;
import dev.polymaker.testsupport.RecordingFeedConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The router across replica switches: which replica's ticks are fed, in what order, and what health shows. */
class TickRouterTest {

    private static final String TOKEN = "1";

    private final RecordingFeedConsumer consumer = new RecordingFeedConsumer();
    private final List<String> outcomes = new ArrayList<>();
    private TickRouter router;

    @BeforeEach
    void setUp() {
        router = new TickRouter(consumer, (source, verdict) -> outcomes.add(source.tag() + "/" + verdict.tag()),
                Duration.ofSeconds(2), "a:8080", Clock.fixed(Instant.ofEpochMilli(0), ZoneOffset.UTC));
        router.add(TOKEN);
    }

    private static Tick tick(String epoch, long seq, long exchangeTime, String bid) {
        return new Tick(TOKEN, "m", epoch, seq, TickState.LIVE, "price_change", new BigDecimal(bid),
                new BigDecimal("0.60"), null, new BigDecimal("0.01"), exchangeTime, exchangeTime + 1, exchangeTime + 2);
    }

    private static FeedTransition replicaSwitch(String from, String to, long time) {
        return new FeedTransition(FeedMode.SHARED, from, FeedMode.SHARED, to, FeedSwitchReason.REPLICA_STALE, "", time);
    }

    @Test
    void onlyTheFollowedReplicaIsFedAndTheStandbyIsRemembered() {
        router.onSharedTick("a:8080", tick("mds-a", 1, 1000, "0.50"), 1002);
        router.onSharedTick("b:8080", tick("mds-b", 1, 1000, "0.50"), 1002);
        router.onSharedTick("b:8080", tick("mds-b", 2, 1100, "0.49"), 1102);
        assertThat(consumer.ticks).extracting(Tick::epoch).containsExactly("mds-a");
        // The standby's ticks are counted apart: they are kept for a switch, not fed.
        assertThat(outcomes).containsExactly("shared/accepted", "shared/standby", "shared/standby");
        assertThat(router.views(1200).get(TOKEN).source()).isEqualTo("shared:a:8080");
        assertThat(router.activeTag()).isEqualTo("shared:a:8080");
    }

    @Test
    void aReplicaSwitchFeedsTheStandbysLatestAtOnceWhenItIsNewer() {
        router.onSharedTick("a:8080", tick("mds-a", 1, 1000, "0.50"), 1002);
        router.onSharedTick("b:8080", tick("mds-b", 7, 1100, "0.49"), 1102);
        // Judged by when it arrived (1102), not by when the switch happens: it is not late.
        router.onModeChange(replicaSwitch("a:8080", "b:8080", 9000), 9000);
        assertThat(consumer.ticks).extracting(Tick::epoch).containsExactly("mds-a", "mds-b");
        assertThat(consumer.last().bestBid()).isEqualByComparingTo("0.49");
        TokenFeedView view = router.views(9000).get(TOKEN);
        assertThat(view.source()).isEqualTo("shared:b:8080");
        assertThat(view.reason()).isEqualTo("LIVE on shared:b:8080");
        // A's later ticks are no longer fed.
        router.onSharedTick("a:8080", tick("mds-a", 2, 9100, "0.40"), 9102);
        assertThat(consumer.ticks).hasSize(2);
    }

    @Test
    void aStandbyBehindTheFedStateIsNotFedUntilItCatchesUp() {
        router.onSharedTick("b:8080", tick("mds-b", 3, 1000, "0.50"), 1002);
        router.onSharedTick("a:8080", tick("mds-a", 1, 1050, "0.48"), 1052);
        router.onModeChange(replicaSwitch("a:8080", "b:8080", 1060), 1060);
        assertThat(consumer.ticks).extracting(Tick::epoch).containsExactly("mds-a");
        assertThat(outcomes).endsWith("shared/stale");
        assertThat(router.views(1060).get(TOKEN).tradable()).isTrue();
        router.onSharedTick("b:8080", tick("mds-b", 4, 1040, "0.49"), 1062);
        assertThat(consumer.ticks).hasSize(1);
        router.onSharedTick("b:8080", tick("mds-b", 5, 1070, "0.47"), 1072);
        assertThat(consumer.ticks).extracting(Tick::epoch).containsExactly("mds-a", "mds-b");
        FeedTestTicks.assertNeverOlderAfterNewer(consumer.ticks);
    }

    @Test
    void aStandbyTokenNotLiveMakesTheSwitchUntradable() {
        router.onSharedTick("a:8080", tick("mds-a", 1, 1000, "0.50"), 1002);
        router.onSharedTick("b:8080", new Tick(TOKEN, "m", "mds-b", 2, TickState.STALE, "state", null, null, null,
                null, 900, 901, 902), 1002);
        assertThat(router.sharedTokensProblem("b:8080")).contains("1 STALE").contains("b:8080");
        assertThat(router.sharedTokensProblem("a:8080")).isNull();
        router.onModeChange(replicaSwitch("a:8080", "b:8080", 1100), 1100);
        assertThat(consumer.tradable.get(consumer.tradable.size() - 1)).isEqualTo("1 false STALE on shared:b:8080");
    }

    @Test
    void aLateTickNeverMakesAnUntradableTokenTradable() {
        router.onSharedTick("a:8080", tick("mds-a", 1, 1000, "0.50"), 1002);
        router.onSharedTick("a:8080", new Tick(TOKEN, "m", "mds-a", 2, TickState.STALE, "state", null, null, null,
                null, 1000, 1001, 5000), 5001);
        assertThat(router.views(5001).get(TOKEN).tradable()).isFalse();
        // LIVE again, but what it carries left the exchange socket 60 s ago (the book from before the outage,
        // or a saturated feed): counted late, not fed, and the token stays untradable.
        router.onSharedTick("a:8080", new Tick(TOKEN, "m", "mds-a", 3, TickState.LIVE, "state",
                new BigDecimal("0.50"), new BigDecimal("0.60"), null, new BigDecimal("0.01"), 1000, 1001, 61_000),
                61_002);
        assertThat(outcomes).endsWith("shared/late");
        assertThat(consumer.ticks).hasSize(1);
        TokenFeedView view = router.views(61_002).get(TOKEN);
        assertThat(view.tradable()).isFalse();
        assertThat(view.reason()).contains("LIVE on shared:a:8080").contains("older than 2000 ms");
        assertThat(consumer.tradable).containsExactly("1 true LIVE on shared:a:8080", "1 false STALE on shared:a:8080");
        // The first fresh tick is fed and makes it tradable again.
        router.onSharedTick("a:8080", tick("mds-a", 4, 61_100, "0.45"), 61_102);
        assertThat(consumer.ticks).hasSize(2);
        assertThat(consumer.last().bestBid()).isEqualByComparingTo("0.45");
        assertThat(router.views(61_102).get(TOKEN).tradable()).isTrue();
    }

    @Test
    void aLateTickLeavesATradableTokenTradableButIsNotFed() {
        router.onSharedTick("a:8080", tick("mds-a", 1, 1000, "0.50"), 1002);
        router.onSharedTick("a:8080", tick("mds-a", 2, 1100, "0.49"), 9000);
        assertThat(outcomes).containsExactly("shared/accepted", "shared/late");
        assertThat(consumer.ticks).hasSize(1);
        assertThat(router.views(9000).get(TOKEN).tradable()).isTrue();
    }

    @Test
    void inModeNoneHealthShowsTheNewestTickOfAnySourceNamedAfterIt() {
        router.onSharedTick("a:8080", tick("mds-a", 1, 1000, "0.50"), 1002);
        router.onSharedTick("b:8080", tick("mds-b", 1, 1000, "0.50"), 1500);
        router.onModeChange(new FeedTransition(FeedMode.SHARED, "a:8080", FeedMode.DIRECT, null,
                FeedSwitchReason.SHARED_STALE, "", 2000), 2000);
        router.onModeChange(new FeedTransition(FeedMode.DIRECT, null, FeedMode.NONE, null,
                FeedSwitchReason.NO_LIVE_SOURCE, "", 3000), 3000);
        TokenFeedView view = router.views(3000).get(TOKEN);
        assertThat(view.source()).isEqualTo("shared:b:8080");
        assertThat(view.tradable()).isFalse();
        assertThat(view.ageMs()).isEqualTo(1500);
    }
}
