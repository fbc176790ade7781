package dev.polymaker.simulator.book;

import dev.polymaker.simulator.SimMarket;
import dev.polymaker.simulator.SimSide;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Applies level changes to a market's book and words them as the exchange sends them: one
 * {@code price_change} with YES and NO entries, {@code best_bid_ask} when the top moved, and
 * {@code last_trade_price} with a transaction hash. Called under the {@link Exchange} lock.
 */
final class BookEvents {

    /** A level's new size, in YES terms. */
    record LevelChange(SimSide yesSide, BigDecimal yesPrice, BigDecimal size) {
    }

    /** The YES top of a book, to tell whether a change moved it. */
    record TopPair(BigDecimal yesBid, BigDecimal yesAsk) {
        static TopPair of(MarketBook book) {
            String yes = book.market().yesTokenId();
            return new TopPair(book.bestBid(yes), book.bestAsk(yes));
        }
    }

    private final Clock clock;
    private long tradeCounter;

    BookEvents(Clock clock) {
        this.clock = clock;
    }

    /** Applies level changes in YES terms and adds one price_change with YES and NO entries, plus best_bid_ask. */
    void applyLevels(MarketBook book, List<LevelChange> changes, List<MarketEvent> events) {
        TopPair before = TopPair.of(book);
        for (LevelChange change : changes) {
            book.putYes(change.yesSide(), change.yesPrice(), change.size());
        }
        book.touch(clock.millis());
        events.add(priceChange(book, changes));
        addTopChanges(book, before, events);
    }

    /** One price_change with YES and NO entries for changes already applied; every entry states the current tops. */
    static PriceChangeEvent priceChange(MarketBook book, List<LevelChange> changes) {
        SimMarket market = book.market();
        String yes = market.yesTokenId();
        String no = market.noTokenId();
        List<PriceChangeEvent.Entry> entries = new ArrayList<>(changes.size() * 2);
        for (LevelChange change : changes) {
            entries.add(new PriceChangeEvent.Entry(yes, change.yesPrice(), MarketBook.normalize(change.size()),
                    change.yesSide(), book.hash(yes), book.bestBid(yes), book.bestAsk(yes)));
        }
        for (LevelChange change : changes) {
            entries.add(new PriceChangeEvent.Entry(no, MarketBook.normalize(BigDecimal.ONE.subtract(change.yesPrice())),
                    MarketBook.normalize(change.size()), change.yesSide().opposite(), book.hash(no), book.bestBid(no),
                    book.bestAsk(no)));
        }
        return new PriceChangeEvent(market.conditionId(), book.timestamp(), entries);
    }

    static void addTopChanges(MarketBook book, TopPair before, List<MarketEvent> events) {
        TopPair after = TopPair.of(book);
        if (Objects.equals(before, after)) {
            return;
        }
        SimMarket market = book.market();
        for (String token : List.of(market.yesTokenId(), market.noTokenId())) {
            events.add(new BestBidAskEvent(market.conditionId(), token, book.bestBid(token), book.bestAsk(token),
                    book.timestamp()));
        }
    }

    LastTradeEvent lastTrade(MarketBook book, String tokenId, BigDecimal price, BigDecimal size, SimSide takerSide) {
        tradeCounter++;
        String txHash = "0x" + BookHash.sha1Hex(book.market().conditionId() + ":" + tradeCounter)
                + BookHash.sha1Hex(Long.toString(tradeCounter)).substring(0, 24);
        return new LastTradeEvent(book.market().conditionId(), tokenId, MarketBook.normalize(price),
                MarketBook.normalize(size), takerSide, book.timestamp(), txHash);
    }
}
