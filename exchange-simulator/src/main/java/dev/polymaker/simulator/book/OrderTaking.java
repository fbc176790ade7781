package dev.polymaker.simulator.book;

import dev.polymaker.simulator.SimFill;
import dev.polymaker.simulator.SimLevel;
import dev.polymaker.simulator.SimSide;
import dev.polymaker.simulator.book.BookEvents.LevelChange;
import dev.polymaker.simulator.book.BookEvents.TopPair;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Taker orders against a market's resting liquidity ({@link Exchange#take}, {@link Exchange#sweep}): what they
 * fill, how the book changes, and the frames that say so. Called under the {@link Exchange} lock with valid input.
 */
final class OrderTaking {

    private final Clock clock;
    private final BookEvents wire;

    OrderTaking(Clock clock, BookEvents wire) {
        this.clock = clock;
        this.wire = wire;
    }

    /** See {@link Exchange#take}. */
    List<SimFill> take(MarketBook book, String tokenId, SimSide takerSide, BigDecimal limitPrice, BigDecimal size,
                       Exchange.Publisher publisher) {
        List<SimFill> fills = new ArrayList<>();
        List<LevelChange> changes = new ArrayList<>();
        BigDecimal remaining = size;
        SimSide restingSide = takerSide.opposite();
        List<SimLevel> resting = restingSide == SimSide.SELL ? book.view(tokenId).asks() : book.view(tokenId).bids();
        for (SimLevel level : resting) {
            if (remaining.signum() <= 0) {
                break;
            }
            if (limitPrice != null) {
                int cmp = level.price().compareTo(limitPrice);
                if (takerSide == SimSide.BUY ? cmp > 0 : cmp < 0) {
                    break;
                }
            }
            BigDecimal taken = remaining.min(level.size());
            remaining = remaining.subtract(taken);
            fills.add(new SimFill(level.price(), MarketBook.normalize(taken)));
            changes.add(new LevelChange(book.yesSide(tokenId, restingSide), book.yesPrice(tokenId, level.price()),
                    level.size().subtract(taken)));
        }
        if (fills.isEmpty()) {
            return fills;
        }
        List<MarketEvent> events = new ArrayList<>();
        for (SimFill fill : fills) {
            book.lastTrade(tokenId, fill.price());
        }
        wire.applyLevels(book, changes, events);
        List<MarketEvent> withTrades = new ArrayList<>();
        for (SimFill fill : fills) {
            withTrades.add(wire.lastTrade(book, tokenId, fill.price(), fill.size(), takerSide));
        }
        withTrades.addAll(events);
        publisher.publish(withTrades);
        return fills;
    }

    /** See {@link Exchange#sweep}. */
    List<SimFill> sweep(MarketBook book, String tokenId, SimSide takerSide, BigDecimal limitPrice, BigDecimal size,
                        Exchange.Publisher publisher) {
        TopPair before = TopPair.of(book);
        SimSide restingSide = takerSide.opposite();
        List<SimLevel> resting = restingSide == SimSide.SELL ? book.view(tokenId).asks() : book.view(tokenId).bids();
        List<SimFill> fills = new ArrayList<>();
        List<LevelChange> consumed = new ArrayList<>();
        BigDecimal remaining = size;
        for (SimLevel level : resting) {
            int cmp = level.price().compareTo(limitPrice);
            if (remaining.signum() <= 0 || (takerSide == SimSide.BUY ? cmp > 0 : cmp < 0)) {
                break;
            }
            BigDecimal taken = remaining.min(level.size());
            remaining = remaining.subtract(taken);
            fills.add(new SimFill(level.price(), MarketBook.normalize(taken)));
            consumed.add(new LevelChange(book.yesSide(tokenId, restingSide), book.yesPrice(tokenId, level.price()),
                    level.size().subtract(taken)));
        }
        List<LevelChange> rest = List.of();
        if (remaining.signum() > 0) {
            BigDecimal already = (takerSide == SimSide.BUY ? book.view(tokenId).bids() : book.view(tokenId).asks())
                    .stream().filter(l -> l.price().compareTo(limitPrice) == 0).map(SimLevel::size)
                    .findFirst().orElse(BigDecimal.ZERO);
            rest = List.of(new LevelChange(book.yesSide(tokenId, takerSide), book.yesPrice(tokenId, limitPrice),
                    already.add(remaining)));
        }
        // The state after the whole order: every entry states this top.
        for (LevelChange change : consumed) {
            book.putYes(change.yesSide(), change.yesPrice(), change.size());
        }
        for (LevelChange change : rest) {
            book.putYes(change.yesSide(), change.yesPrice(), change.size());
        }
        for (SimFill fill : fills) {
            book.lastTrade(tokenId, fill.price());
        }
        book.touch(clock.millis());
        List<MarketEvent> events = new ArrayList<>();
        if (!rest.isEmpty()) {
            events.add(BookEvents.priceChange(book, rest));
        }
        for (SimFill fill : fills) {
            events.add(wire.lastTrade(book, tokenId, fill.price(), fill.size(), takerSide));
        }
        for (LevelChange change : consumed) {
            events.add(BookEvents.priceChange(book, List.of(change)));
        }
        BookEvents.addTopChanges(book, before, events);
        // One frame each, in this order, as the exchange sends them.
        for (MarketEvent event : events) {
            publisher.publish(List.of(event));
        }
        return fills;
    }
}
