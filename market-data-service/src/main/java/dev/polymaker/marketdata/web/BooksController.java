package dev.polymaker.marketdata.web;

import dev.polymaker.marketdata.api.Destinations;
import dev.polymaker.marketdata.upstream.MarketFeed;
import dev.polymaker.polymarket.book.BookSnapshot;
import dev.polymaker.polymarket.book.PriceLevel;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.util.List;

/** The full local order book of one token, best levels first; prices and sizes as decimal strings. */
@RestController
@RequestMapping("/api/books")
public class BooksController {

    private final MarketFeed feed;

    public BooksController(MarketFeed feed) {
        this.feed = feed;
    }

    public record LevelView(String price, String size) {
    }

    public record BookView(String tokenId, String market, List<LevelView> bids, List<LevelView> asks, String tickSize,
                           String lastTradePrice, String hash, long exchangeTime) {
    }

    @GetMapping("/{tokenId}")
    public BookView book(@PathVariable String tokenId) {
        if (!Destinations.isValidTokenId(tokenId)) {
            throw ApiException.badTokenId(tokenId);
        }
        BookSnapshot book = feed.book(tokenId).orElseThrow(() -> feed.tokens().contains(tokenId)
                ? new ApiException(HttpStatus.NOT_FOUND, "no_book", "token " + tokenId + " has no book yet")
                : ApiException.unknownToken(tokenId));
        return new BookView(book.tokenId(), book.market(), levels(book.bids()), levels(book.asks()),
                text(book.tickSize()), text(book.lastTradePrice()), book.hash(), book.exchangeTime());
    }

    private static List<LevelView> levels(List<PriceLevel> levels) {
        return levels.stream().map(l -> new LevelView(text(l.price()), text(l.size()))).toList();
    }

    private static String text(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }
}
