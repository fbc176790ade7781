package dev.polymaker.polymarket.book;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polymaker.polymarket.market.BookEvent;
import dev.polymaker.polymarket.market.Frames;
import dev.polymaker.polymarket.market.MarketFrameParser;
import dev.polymaker.polymarket.market.ParseResult;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderBookTest {

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    private static PriceLevel level(String price, String size) {
        return new PriceLevel(d(price), d(size));
    }

    @Test
    void bestLevelsComeFromPricesNotFromArrayPosition() {
        BookEvent event = (BookEvent) ((ParseResult.Events) new MarketFrameParser().parse(Frames.load("book.json")))
                .events().get(0);
        OrderBook book = new OrderBook(event.assetId());
        book.replace(event.market(), event.bids(), event.asks(), event.tickSize(), event.lastTradePrice(),
                event.hash(), event.timestamp());
        // The wire lists bids ascending and asks descending: the best level is the LAST element.
        assertThat(book.bestBid()).isEqualByComparingTo("0.951");
        assertThat(book.bestAsk()).isEqualByComparingTo("0.952");
        BookSnapshot snapshot = book.snapshot();
        assertThat(snapshot.bids()).extracting(PriceLevel::price).containsExactly(d("0.951"), d("0.94"), d("0.001"));
        assertThat(snapshot.asks()).extracting(PriceLevel::price).containsExactly(d("0.952"), d("0.97"), d("0.999"));
        assertThat(snapshot.top()).isEqualTo(new TopOfBook(d("0.951"), d("0.952"), d("0.95"), d("0.001")));
        assertThat(snapshot.hash()).isEqualTo("fc903f…");
        assertThat(snapshot.exchangeTime()).isEqualTo(1785615724645L);
    }

    @Test
    void replaceDropsZeroSizeLevelsAndForgetsOldOnes() {
        OrderBook book = new OrderBook("1");
        book.replace("m", List.of(level("0.40", "10")), List.of(level("0.60", "10")), d("0.01"), d("0.5"), "a", 1);
        book.replace("m", List.of(level("0.30", "5"), level("0.35", "0")), List.of(level("0.70", "0")), null, null,
                "b", 2);
        assertThat(book.levels(BookSide.BID)).containsExactly(level("0.30", "5"));
        assertThat(book.levels(BookSide.ASK)).isEmpty();
        assertThat(book.bestAsk()).isNull();
        // A later snapshot without last_trade_price or tick_size keeps the known ones.
        assertThat(book.top().lastTradePrice()).isEqualByComparingTo("0.5");
        assertThat(book.top().tickSize()).isEqualByComparingTo("0.01");
    }

    @Test
    void setIsTheNewTotalAndZeroRemoves() {
        OrderBook book = new OrderBook("1");
        book.replace("m", List.of(level("0.40", "10")), List.of(level("0.60", "10")), null, null, null, 0);
        book.set(BookSide.BID, d("0.45"), d("3"));
        book.set(BookSide.BID, d("0.40"), d("4"));
        assertThat(book.bestBid()).isEqualByComparingTo("0.45");
        assertThat(book.levels(BookSide.BID)).containsExactly(level("0.45", "3"), level("0.40", "4"));
        book.set(BookSide.BID, d("0.450"), d("0"));
        assertThat(book.bestBid()).isEqualByComparingTo("0.40");
        book.set(BookSide.ASK, d("0.55"), d("1"));
        assertThat(book.bestAsk()).isEqualByComparingTo("0.55");
        book.set(BookSide.ASK, d("0.55"), d("0"));
        book.set(BookSide.ASK, d("0.60"), d("0"));
        assertThat(book.bestAsk()).isNull();
    }
}
