package dev.polymaker.marketdata.upstream;

import dev.polymaker.support.testing.MutableClock;
import dev.polymaker.marketdata.api.Tick;
import dev.polymaker.marketdata.api.TickState;
import dev.polymaker.marketdata.sequencing.Epoch;
import dev.polymaker.marketdata.sequencing.TickSequencer;
import dev.polymaker.polymarket.book.BookSnapshot;
import dev.polymaker.polymarket.book.PriceLevel;
import dev.polymaker.polymarket.upstream.PoolStatus;
import dev.polymaker.polymarket.upstream.TokenState;
import dev.polymaker.polymarket.upstream.TokenStatus;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DroppedEventRecoveryTest {

    final List<Tick> published = new ArrayList<>();
    final TickSequencer sequencer = new TickSequencer(new Epoch("mds-t-1"), new MutableClock(1), published::add);
    final FakeFeed feed = new FakeFeed();
    final DroppedEventRecovery recovery = new DroppedEventRecovery(feed, sequencer);

    @Test
    void aTokenWhoseLiveEventAndBookWereDroppedIsPublishedFromThePoolsView() {
        sequencer.track("7");
        sequencer.onTokenState("7", TokenState.PENDING);
        PoolStatus status = new PoolStatus(List.of(), Map.of("7", new TokenStatus("7", TokenState.LIVE, 1, 1, 1, "book")), 1);

        recovery.check(status);
        assertThat(published).isEmpty(); // nothing dropped: nothing to repair

        feed.dropped = 2;
        recovery.check(status);
        assertThat(published).singleElement().satisfies(t -> {
            assertThat(t.state()).isEqualTo(TickState.LIVE);
            assertThat(t.bestBid()).isEqualByComparingTo("0.4");
            assertThat(t.bestAsk()).isEqualByComparingTo("0.6");
            assertThat(t.seq()).isEqualTo(1);
        });
        recovery.check(status);
        assertThat(published).hasSize(1);
    }

    @Test
    void asItsOwnTaskItRepairsFromAFreshPoolStatusOnlyAfterADrop() {
        sequencer.track("7");
        sequencer.onTokenState("7", TokenState.PENDING);
        feed.status = new PoolStatus(List.of(), Map.of("7", new TokenStatus("7", TokenState.LIVE, 1, 1, 1, "book")), 1);

        recovery.run();
        assertThat(published).isEmpty();

        feed.dropped = 1;
        recovery.run();
        assertThat(published).singleElement().satisfies(t -> assertThat(t.state()).isEqualTo(TickState.LIVE));
        recovery.run();
        assertThat(published).hasSize(1);
    }

    static final class FakeFeed implements MarketFeed {
        long dropped;
        PoolStatus status = new PoolStatus(List.of(), Map.of(), 0);

        @Override
        public void start() {
        }

        @Override
        public void addTokens(Collection<String> tokenIds) {
        }

        @Override
        public void removeTokens(Collection<String> tokenIds) {
        }

        @Override
        public Set<String> tokens() {
            return Set.of("7");
        }

        @Override
        public PoolStatus status() {
            return status;
        }

        @Override
        public Optional<BookSnapshot> book(String tokenId) {
            return Optional.of(new BookSnapshot(tokenId, "0xm", List.of(new PriceLevel(new BigDecimal("0.4"), BigDecimal.TEN)),
                    List.of(new PriceLevel(new BigDecimal("0.6"), BigDecimal.ONE)), new BigDecimal("0.01"), null, "h", 5));
        }

        @Override
        public Optional<TokenStatus> tokenStatus(String tokenId) {
            return Optional.empty();
        }

        @Override
        public long droppedEvents() {
            return dropped;
        }

        @Override
        public void close() {
        }
    }
}
