package dev.polymaker.marketdata.sequencing;

import dev.polymaker.support.testing.MutableClock;
import dev.polymaker.marketdata.api.Tick;
import dev.polymaker.marketdata.api.TickState;
import dev.polymaker.polymarket.book.TopOfBook;
import dev.polymaker.polymarket.upstream.TokenState;
import dev.polymaker.polymarket.upstream.TokenUpdate;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TickSequencerTest {

    static final String T = "123";
    final MutableClock clock = new MutableClock(1_000_000);
    final List<Tick> published = new ArrayList<>();
    final TickSequencer sequencer = new TickSequencer(new Epoch("mds-test-1"), clock, published::add);

    static TopOfBook top(String bid, String ask) {
        return new TopOfBook(bid == null ? null : new BigDecimal(bid), ask == null ? null : new BigDecimal(ask),
                new BigDecimal("0.50"), new BigDecimal("0.01"));
    }

    void update(String event, TopOfBook top) {
        sequencer.onUpdate(new TokenUpdate(T, "0xm", top, event, 999_000, 999_500));
    }

    void goLive(TopOfBook top) {
        sequencer.track(T);
        sequencer.onTokenState(T, TokenState.PENDING);
        sequencer.onTokenState(T, TokenState.LIVE); // the pool reports LIVE before the book update
        update("book", top);
    }

    @Test
    void firstTickCarriesTheBookAsSeqOneAndLaterChangesCountUp() {
        goLive(top("0.48", "0.52"));
        update("price_change", top("0.49", "0.52"));
        clock.advance(Duration.ofMillis(5));
        update("last_trade_price", new TopOfBook(new BigDecimal("0.49"), new BigDecimal("0.52"), new BigDecimal("0.51"),
                new BigDecimal("0.01")));

        assertThat(published).extracting(Tick::seq).containsExactly(1L, 2L, 3L);
        Tick first = published.get(0);
        assertThat(first.state()).isEqualTo(TickState.LIVE);
        assertThat(first.event().wireName()).isEqualTo("book");
        assertThat(first.bestBid()).isEqualByComparingTo("0.48");
        assertThat(first.exchangeTime()).isEqualTo(999_000);
        assertThat(first.receivedTime()).isEqualTo(999_500);
        assertThat(first.publishedTime()).isEqualTo(1_000_000);
        assertThat(published.get(2).event().wireName()).isEqualTo("last_trade_price");
        assertThat(published.get(2).publishedTime()).isEqualTo(1_000_005);
        assertThat(published).extracting(Tick::epoch).containsOnly("mds-test-1");
    }

    @Test
    void unchangedTopOfBookPublishesNothingEvenWithDifferentScale() {
        goLive(top("0.48", "0.52"));
        update("price_change", top("0.480", "0.5200"));
        update("price_change", top("0.48", "0.52"));
        assertThat(published).hasSize(1);
    }

    @Test
    void updatesWhilePendingAreHeldAndReleasedWithTheStateChange() {
        sequencer.track(T);
        sequencer.onTokenState(T, TokenState.PENDING);
        update("book", top("0.40", "0.60"));
        assertThat(published).isEmpty();
        sequencer.onTokenState(T, TokenState.LIVE);
        assertThat(published).singleElement().satisfies(t -> {
            assertThat(t.seq()).isEqualTo(1);
            assertThat(t.state()).isEqualTo(TickState.LIVE);
            assertThat(t.event().wireName()).isEqualTo("book");
            assertThat(t.bestAsk()).isEqualByComparingTo("0.60");
        });
    }

    @Test
    void stateChangesPublishStateTicksAndFailedIsPublishedAsStale() {
        goLive(top("0.48", "0.52"));
        sequencer.onTokenState(T, TokenState.STALE);
        sequencer.onTokenState(T, TokenState.FAILED); // STALE already: nothing new to say
        sequencer.onTokenState(T, TokenState.LIVE);
        update("book", top("0.48", "0.52"));
        assertThat(published).extracting(Tick::seq).containsExactly(1L, 2L, 3L);
        assertThat(published).extracting(Tick::state).containsExactly(TickState.LIVE, TickState.STALE, TickState.LIVE);
        Tick stale = published.get(1);
        assertThat(stale.event()).isEqualTo(Tick.EVENT_STATE);
        assertThat(stale.bestBid()).isEqualByComparingTo("0.48"); // the book is kept, marked unusable
        assertThat(stale.exchangeTime()).isEqualTo(999_000); // the book's time, not the state change's
        assertThat(TickSequencer.map(TokenState.FAILED)).isEqualTo(TickState.STALE);
    }

    @Test
    void liveAgainAfterAnOutageIsPublishedWithTheNewBookStampedWhenItArrivedEvenWithTheSameTop() {
        goLive(top("0.48", "0.52"));
        sequencer.onTokenState(T, TokenState.STALE);
        // The pool reports LIVE as the new book arrives, just before that book's update: nothing yet, since
        // all the sequencer holds is the book from before the outage.
        sequencer.onTokenState(T, TokenState.LIVE);
        assertThat(published).extracting(Tick::state).containsExactly(TickState.LIVE, TickState.STALE);
        clock.advance(Duration.ofMinutes(1));
        sequencer.onUpdate(new TokenUpdate(T, "0xm", top("0.48", "0.52"), "book", 1_059_000, 1_059_500));
        assertThat(published).hasSize(3);
        assertThat(published.get(2)).satisfies(t -> {
            assertThat(t.state()).isEqualTo(TickState.LIVE);
            assertThat(t.seq()).isEqualTo(3);
            assertThat(t.bestBid()).isEqualByComparingTo("0.48");
            assertThat(t.receivedTime()).as("the new book's, not the old one's").isEqualTo(1_059_500);
            assertThat(t.exchangeTime()).isEqualTo(1_059_000);
        });
        // A moved top after the outage is published with it, once.
        sequencer.onTokenState(T, TokenState.DESYNCED);
        sequencer.onTokenState(T, TokenState.LIVE);
        update("book", top("0.40", "0.44"));
        assertThat(published).extracting(Tick::state).containsExactly(TickState.LIVE, TickState.STALE, TickState.LIVE,
                TickState.DESYNCED, TickState.LIVE);
        assertThat(published.get(4).bestBid()).isEqualByComparingTo("0.40");
    }

    @Test
    void aTokenTrackedAfterItsMarketResolvedCarriesTheWinner() {
        sequencer.onMarketResolved(java.util.List.of(T, "456"), "456");
        assertThat(sequencer.snapshot(T)).as("not tracked yet").isEmpty();
        sequencer.track(T);
        sequencer.onTokenState(T, TokenState.RESOLVED);
        assertThat(published).singleElement().satisfies(t -> {
            assertThat(t.state()).isEqualTo(TickState.RESOLVED);
            assertThat(t.winningTokenId()).isEqualTo("456");
        });
    }

    @Test
    void tokenThatNeverGotABookAndFailsIsAnnouncedStaleWithoutPrices() {
        sequencer.track(T);
        sequencer.onTokenState(T, TokenState.PENDING);
        sequencer.onTokenState(T, TokenState.FAILED);
        assertThat(published).singleElement().satisfies(t -> {
            assertThat(t.state()).isEqualTo(TickState.STALE);
            assertThat(t.bestBid()).isNull();
            assertThat(t.seq()).isEqualTo(1);
        });
    }

    @Test
    void snapshotIsTheLatestTickOrAPendingPlaceholderAndEmptyForUnknownTokens() {
        assertThat(sequencer.snapshot(T)).isEmpty();
        sequencer.track(T);
        assertThat(sequencer.snapshot(T)).get().satisfies(t -> {
            assertThat(t.state()).isEqualTo(TickState.PENDING);
            assertThat(t.seq()).isZero();
            assertThat(t.bestBid()).isNull();
        });
        sequencer.onTokenState(T, TokenState.LIVE);
        update("book", top("0.1", "0.2"));
        assertThat(sequencer.snapshot(T)).contains(published.get(0));
        assertThat(sequencer.latestTicks()).containsEntry(T, published.get(0));
    }

    @Test
    void seqNeverGoesBackWhenATokenLeavesAndReturnsInTheSameEpoch() {
        goLive(top("0.48", "0.52"));
        update("price_change", top("0.47", "0.52"));
        sequencer.forget(T);
        assertThat(sequencer.snapshot(T)).isEmpty();
        update("price_change", top("0.46", "0.52")); // late event for a released token: ignored
        assertThat(published).hasSize(2);
        assertThat(sequencer.ignoredUpdates()).isEqualTo(1);

        goLive(top("0.45", "0.52"));
        assertThat(published).extracting(Tick::seq).containsExactly(1L, 2L, 3L, 4L);
        assertThat(published).extracting(Tick::state)
                .containsExactly(TickState.LIVE, TickState.LIVE, TickState.PENDING, TickState.LIVE);
    }

    @Test
    void updatesForTokensNotSubscribedAreIgnored() {
        sequencer.onUpdate(new TokenUpdate("999", "0xm", top("0.1", "0.2"), "book", 1, 2));
        sequencer.onTokenState("999", TokenState.LIVE);
        assertThat(published).isEmpty();
    }
}
