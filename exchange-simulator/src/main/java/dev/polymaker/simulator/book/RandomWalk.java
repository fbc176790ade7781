package dev.polymaker.simulator.book;

import dev.polymaker.simulator.SimSide;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Random;

/**
 * Proposes one plausible book change at a time (resize, add, remove, improve the top, or a trade at the top),
 * in YES terms, keeping the book uncrossed, on its tick grid and within [minLevels, maxLevels] levels a side.
 */
final class RandomWalk {

    /** A level change in YES terms; when takerSide is set, the change is a trade of tradedSize at price. */
    record Move(SimSide side, BigDecimal price, BigDecimal newSize, SimSide takerSide, BigDecimal tradedSize) {
        boolean isTrade() {
            return takerSide != null;
        }
    }

    private final int minLevels;
    private final int maxLevels;

    RandomWalk(int minLevels, int maxLevels) {
        this.minLevels = minLevels;
        this.maxLevels = maxLevels;
    }

    /** Builds a fresh book around a random mid: levelsPerSide levels a side, one or two ticks apart. */
    static void seed(MarketBook book, Random random, int levelsPerSide) {
        BigDecimal tick = book.tickSize();
        int ticksPerUnit = BigDecimal.ONE.divide(tick).intValueExact();
        int mid = ticksPerUnit / 5 + random.nextInt(ticksPerUnit * 3 / 5);
        int bid = mid - 1;
        int ask = mid + 1;
        for (int i = 0; i < levelsPerSide && bid > 0; i++) {
            book.putYes(SimSide.BUY, tick.multiply(BigDecimal.valueOf(bid)), size(random));
            bid -= 1 + random.nextInt(2);
        }
        for (int i = 0; i < levelsPerSide && ask < ticksPerUnit; i++) {
            book.putYes(SimSide.SELL, tick.multiply(BigDecimal.valueOf(ask)), size(random));
            ask += 1 + random.nextInt(2);
        }
        BigDecimal last = tick.multiply(BigDecimal.valueOf(mid));
        book.lastTrade(book.market().yesTokenId(), last);
        book.lastTrade(book.market().noTokenId(), BigDecimal.ONE.subtract(last));
    }

    /** A random size between 5 and about 1500 with two decimals. */
    static BigDecimal size(Random random) {
        return BigDecimal.valueOf(500 + random.nextInt(150_000), 2);
    }

    /** The next move, or null when this roll found nothing to do (the caller rolls again). */
    Move propose(MarketBook book, Random random) {
        SimSide side = random.nextBoolean() ? SimSide.BUY : SimSide.SELL;
        NavigableMap<BigDecimal, BigDecimal> levels = side == SimSide.BUY ? book.yesBids() : book.yesAsks();
        int roll = random.nextInt(100);
        if (levels.isEmpty() || (roll < 20 && levels.size() < maxLevels)) {
            Move add = addLevel(book, side, random);
            if (add != null) {
                return add;
            }
        } else if (roll < 30 && levels.size() > minLevels) {
            BigDecimal price = randomKey(levels, random);
            return new Move(side, price, BigDecimal.ZERO, null, null);
        } else if (roll < 40) {
            Move improve = improveTop(book, side, random);
            if (improve != null) {
                return improve;
            }
        } else if (roll < 48 && levels.size() > minLevels) {
            BigDecimal best = side == SimSide.BUY ? levels.lastKey() : levels.firstKey();
            return new Move(side, best, BigDecimal.ZERO, null, null);
        } else if (roll < 56) {
            return trade(levels, side, random);
        }
        if (levels.isEmpty()) {
            return null;
        }
        return new Move(side, randomKey(levels, random), size(random), null, null);
    }

    private Move addLevel(MarketBook book, SimSide side, Random random) {
        BigDecimal tick = book.tickSize();
        NavigableMap<BigDecimal, BigDecimal> levels = side == SimSide.BUY ? book.yesBids() : book.yesAsks();
        if (levels.size() >= maxLevels) {
            return null;
        }
        BigDecimal start;
        if (!levels.isEmpty()) {
            start = side == SimSide.BUY ? levels.lastKey() : levels.firstKey();
        } else {
            NavigableMap<BigDecimal, BigDecimal> other = side == SimSide.BUY ? book.yesAsks() : book.yesBids();
            BigDecimal half = new BigDecimal("0.5");
            start = other.isEmpty() ? half : (side == SimSide.BUY ? other.firstKey() : other.lastKey());
        }
        int steps = 1 + random.nextInt(Math.max(1, levels.size() + 3));
        BigDecimal offset = tick.multiply(BigDecimal.valueOf(steps));
        BigDecimal price = side == SimSide.BUY ? start.subtract(offset) : start.add(offset);
        if (price.compareTo(tick) < 0 || price.compareTo(BigDecimal.ONE.subtract(tick)) > 0) {
            return null;
        }
        if (crosses(book, side, price)) {
            return null;
        }
        return new Move(side, MarketBook.normalize(price), size(random), null, null);
    }

    private Move improveTop(MarketBook book, SimSide side, Random random) {
        BigDecimal tick = book.tickSize();
        if (book.yesBids().isEmpty() || book.yesAsks().isEmpty()) {
            return null;
        }
        BigDecimal bid = book.yesBids().lastKey();
        BigDecimal ask = book.yesAsks().firstKey();
        if (ask.subtract(bid).compareTo(tick) <= 0) {
            return null;
        }
        BigDecimal price = side == SimSide.BUY ? bid.add(tick) : ask.subtract(tick);
        return new Move(side, MarketBook.normalize(price), size(random), null, null);
    }

    private static Move trade(NavigableMap<BigDecimal, BigDecimal> restingOnSide, SimSide restingSide, Random random) {
        BigDecimal price = restingSide == SimSide.BUY ? restingOnSide.lastKey() : restingOnSide.firstKey();
        BigDecimal resting = restingOnSide.get(price);
        BigDecimal taken = size(random).min(resting);
        BigDecimal left = resting.subtract(taken);
        if (left.compareTo(BigDecimal.ONE) < 0) {
            taken = resting;
            left = BigDecimal.ZERO;
        }
        return new Move(restingSide, price, left, restingSide.opposite(), taken);
    }

    private static boolean crosses(MarketBook book, SimSide side, BigDecimal price) {
        if (side == SimSide.BUY) {
            return !book.yesAsks().isEmpty() && price.compareTo(book.yesAsks().firstKey()) >= 0;
        }
        return !book.yesBids().isEmpty() && price.compareTo(book.yesBids().lastKey()) <= 0;
    }

    private static BigDecimal randomKey(NavigableMap<BigDecimal, BigDecimal> levels, Random random) {
        List<BigDecimal> keys = new ArrayList<>(levels.keySet());
        return keys.get(random.nextInt(keys.size()));
    }
}
