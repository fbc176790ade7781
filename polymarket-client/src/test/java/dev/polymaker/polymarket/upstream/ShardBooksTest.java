package dev.polymaker.polymarket.upstream;

import dev.polymaker.support.ListenerQueue;
import java.time.Clock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.polymaker.polymarket.book.BookSide;
import dev.polymaker.polymarket.book.PriceLevel;
import dev.polymaker.polymarket.market.BookEvent;
import dev.polymaker.polymarket.market.Frames;
import dev.polymaker.polymarket.market.LastTradePriceEvent;
import dev.polymaker.polymarket.market.MarketEvent;
import dev.polymaker.polymarket.market.MarketFrameParser;
import dev.polymaker.polymarket.market.ParseResult;
import dev.polymaker.polymarket.market.PriceChange;
import dev.polymaker.polymarket.market.PriceChangeEvent;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Event application, complement filtering and desync detection, without sockets. */
class ShardBooksTest {

    private static final String YES = "111";
    private static final String NO = "222";

    private final RecordingListener listener = new RecordingListener();
    private final ListenerQueue<UpstreamListener> dispatcher = UpstreamPool.listenerQueue("test-dispatch", 1000, listener, Clock.systemUTC());
    private final ShardBooks books = new ShardBooks(1, 3, dispatcher);

    @AfterEach
    void close() {
        dispatcher.close();
    }

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    private void subscribe(String tokenId) {
        books.entries().put(tokenId, new TokenEntry(tokenId, 0, "test"));
    }

    private static BookEvent book(String tokenId) {
        // Wire order: bids ascending, asks descending.
        return new BookEvent("0xm", tokenId, 10, "h0",
                List.of(new PriceLevel(d("0.30"), d("5")), new PriceLevel(d("0.40"), d("10"))),
                List.of(new PriceLevel(d("0.70"), d("5")), new PriceLevel(d("0.60"), d("10"))), d("0.01"), null);
    }

    private static PriceChange change(String tokenId, BookSide side, String price, String size, String bestBid,
                                      String bestAsk) {
        return new PriceChange(tokenId, side, d(price), d(size), "h", bestBid == null ? null : d(bestBid),
                bestAsk == null ? null : d(bestAsk));
    }

    private ShardBooks.Applied frame(PriceChange... changes) {
        return books.apply(List.of(new PriceChangeEvent("0xm", 20, List.of(changes))), 5);
    }

    @Test
    void complementEntriesNeverBuildABook() {
        subscribe(YES);
        books.apply(List.of(book(YES)), 1);
        ShardBooks.Applied applied = frame(change(YES, BookSide.BID, "0.45", "1", "0.45", "0.60"),
                change(NO, BookSide.ASK, "0.55", "1", "0.40", "0.55"));
        assertThat(applied.data()).isTrue();
        assertThat(applied.desynced()).isEmpty();
        assertThat(books.entries()).containsOnlyKeys(YES);
        assertThat(books.entries().get(YES).book.bestBid()).isEqualByComparingTo("0.45");
        await().atMost(Duration.ofSeconds(5)).until(() -> listener.updates.size() == 2);
        assertThat(listener.updates).allMatch(u -> u.tokenId().equals(YES));
    }

    @Test
    void deltasBeforeTheFirstSnapshotAreIgnored() {
        subscribe(YES);
        frame(change(YES, BookSide.BID, "0.45", "1", "0.45", "0.60"));
        assertThat(books.entries().get(YES).book).isNull();
        assertThat(books.entries().get(YES).state).isEqualTo(TokenState.PENDING);
    }

    @Test
    void threeDisagreeingFramesInARowMakeATokenDesynced() {
        subscribe(YES);
        books.apply(List.of(book(YES)), 1);
        assertThat(books.entries().get(YES).state).isEqualTo(TokenState.LIVE);
        // The exchange says the best bid is 0.35; we think 0.40 (an update was lost).
        assertThat(frame(change(YES, BookSide.BID, "0.30", "6", "0.35", "0.60")).desynced()).isEmpty();
        assertThat(frame(change(YES, BookSide.BID, "0.30", "7", "0.35", "0.60")).desynced()).isEmpty();
        assertThat(frame(change(YES, BookSide.BID, "0.30", "8", "0.35", "0.60")).desynced()).containsExactly(YES);
        TokenEntry entry = books.entries().get(YES);
        assertThat(entry.state).isEqualTo(TokenState.DESYNCED);
        assertThat(entry.reason).contains("desync").contains("0.35");
        // A fresh snapshot repairs it.
        books.apply(List.of(book(YES)), 6);
        assertThat(entry.state).isEqualTo(TokenState.LIVE);
        assertThat(entry.mismatchFrames).isZero();
    }

    @Test
    void aDisagreementWhoseTopKeepsMovingWithoutEverAgreeingStillRunsOut() {
        subscribe(YES);
        books.apply(List.of(book(YES)), 1);
        // The exchange says 0.35 throughout; our bid moves every frame (new levels above it) but never agrees.
        int limit = 3 * ShardBooks.SWEEP_ALLOWANCE;
        for (int frame = 1; frame < limit; frame++) {
            String ours = new BigDecimal("0.40").add(new BigDecimal("0.01").multiply(BigDecimal.valueOf(frame)))
                    .toPlainString();
            assertThat(frame(change(YES, BookSide.BID, ours, "1", "0.35", "0.60")).desynced()).as("frame %d", frame)
                    .isEmpty();
        }
        assertThat(frame(change(YES, BookSide.BID, "0.55", "1", "0.35", "0.60")).desynced()).containsExactly(YES);
        assertThat(books.entries().get(YES).reason).contains("for " + limit + " frames");
    }

    @Test
    void anAgreeingFrameResetsTheCount() {
        subscribe(YES);
        books.apply(List.of(book(YES)), 1);
        frame(change(YES, BookSide.BID, "0.30", "6", "0.35", "0.60"));
        frame(change(YES, BookSide.BID, "0.30", "7", "0.35", "0.60"));
        frame(change(YES, BookSide.BID, "0.30", "8", "0.40", "0.60"));
        frame(change(YES, BookSide.BID, "0.30", "9", "0.35", "0.60"));
        assertThat(frame(change(YES, BookSide.BID, "0.30", "9", "0.35", "0.60")).desynced()).isEmpty();
        assertThat(books.entries().get(YES).state).isEqualTo(TokenState.LIVE);
    }

    @Test
    void zeroBidAndOneAskMeanEmptySides() {
        subscribe(YES);
        books.apply(List.of(new BookEvent("0xm", YES, 1, "h", List.of(), List.of(), d("0.01"), null)), 1);
        for (int i = 0; i < 5; i++) {
            // A level added and removed: the book stays empty on both sides, as "0"/"1" say.
            frame(change(YES, BookSide.BID, "0.20", "0", "0", "1"));
        }
        assertThat(books.entries().get(YES).state).isEqualTo(TokenState.LIVE);
    }

    @Test
    void bestLevelsAreCheckedAfterTheWholeFrameNotPerEntry() {
        subscribe(YES);
        books.apply(List.of(book(YES)), 1);
        for (int i = 0; i < 4; i++) {
            // First entry alone would leave best bid 0.40; the frame's final state is 0.45 after the second one.
            frame(change(YES, BookSide.BID, "0.30", "5", "0.45", "0.60"),
                    change(YES, BookSide.BID, "0.45", "2", "0.45", "0.60"));
        }
        assertThat(books.entries().get(YES).state).isEqualTo(TokenState.LIVE);
        assertThat(books.entries().get(YES).mismatchFrames).isZero();
    }

    @Test
    void reversedWireOrderGivesTheRealBestLevels() {
        subscribe("1702665280064693908659785483763653089404667446600906546425049041920614037878");
        ParseResult.Events events = (ParseResult.Events) new MarketFrameParser().parse(Frames.load("book.json"));
        books.apply(events.events(), 1);
        TokenEntry entry = books.entries().values().iterator().next();
        assertThat(entry.book.bestBid()).isEqualByComparingTo("0.951");
        assertThat(entry.book.bestAsk()).isEqualByComparingTo("0.952");
    }

    @Test
    void onlyTopChangesArePublishedAndTradesInvalidateTheHash() {
        subscribe(YES);
        books.apply(List.of(book(YES)), 1);
        frame(change(YES, BookSide.BID, "0.30", "6", "0.40", "0.60")); // deep level: top unchanged
        frame(change(YES, BookSide.ASK, "0.55", "1", "0.40", "0.55")); // new best ask
        List<MarketEvent> trade = List.of(new LastTradePriceEvent("0xm", YES, d("0.55"), d("1"), BookSide.BID, null,
                30, null));
        books.apply(trade, 7);
        assertThat(books.entries().get(YES).book.hash()).isNull();
        assertThat(books.entries().get(YES).book.exchangeTime()).isEqualTo(30);
        await().atMost(Duration.ofSeconds(5)).until(() -> listener.updates.size() == 3);
        assertThat(listener.updates).extracting(TokenUpdate::event)
                .containsExactly("book", "price_change", "last_trade_price");
        assertThat(listener.updates.get(1).top().bestAsk()).isEqualByComparingTo("0.55");
        assertThat(listener.updates.get(2).top().lastTradePrice()).isEqualByComparingTo("0.55");
    }
}
