package dev.polymaker.simulator.book;

import dev.polymaker.simulator.SimLevel;
import dev.polymaker.simulator.SimSide;
import java.math.BigDecimal;
import java.util.List;

/** Replay: recorded state adopted into a known token's book as-is, without publishing. Called under the {@link Exchange} lock. */
final class ReplayAdoption {

    private ReplayAdoption() {
    }

    static void book(MarketBook book, String tokenId, List<SimLevel> bids, List<SimLevel> asks, BigDecimal tickSize,
                     BigDecimal lastTradePrice, long timestamp) {
        book.clear();
        for (SimLevel level : bids) {
            book.putYes(book.yesSide(tokenId, SimSide.BUY), book.yesPrice(tokenId, level.price()), level.size());
        }
        for (SimLevel level : asks) {
            book.putYes(book.yesSide(tokenId, SimSide.SELL), book.yesPrice(tokenId, level.price()), level.size());
        }
        if (tickSize != null) {
            book.tickSize(tickSize);
        }
        if (lastTradePrice != null) {
            book.lastTrade(tokenId, lastTradePrice);
        }
        book.touchExactly(timestamp);
    }

    static void level(MarketBook book, String tokenId, SimSide side, BigDecimal price, BigDecimal size, long timestamp) {
        book.putYes(book.yesSide(tokenId, side), book.yesPrice(tokenId, price), size);
        book.touchExactly(timestamp);
    }

    static void trade(MarketBook book, String tokenId, BigDecimal price, long timestamp) {
        book.lastTrade(tokenId, price);
        book.touchExactly(timestamp);
    }

    static void tickSize(MarketBook book, BigDecimal tick, long timestamp) {
        book.tickSize(MarketBook.normalize(tick));
        book.touchExactly(timestamp);
    }
}
