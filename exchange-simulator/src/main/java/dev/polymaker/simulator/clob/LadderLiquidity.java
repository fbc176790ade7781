package dev.polymaker.simulator.clob;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory price ladders per token: liquidity for tests and for a CLOB run without market books. */
public final class LadderLiquidity implements Liquidity {

    private final Map<String, TreeMap<BigDecimal, BigDecimal>> bids = new ConcurrentHashMap<>();
    private final Map<String, TreeMap<BigDecimal, BigDecimal>> asks = new ConcurrentHashMap<>();

    /** Sets (size > 0) or removes (size 0) one level; side is "BUY" for bids, "SELL" for asks. */
    public synchronized void setLevel(String tokenId, String side, BigDecimal price, BigDecimal size) {
        TreeMap<BigDecimal, BigDecimal> book = ("BUY".equals(side) ? bids : asks).computeIfAbsent(tokenId,
                t -> new TreeMap<>());
        if (size.signum() == 0) {
            book.remove(price);
        } else {
            book.put(price, size);
        }
    }

    @Override
    public synchronized BigDecimal available(String tokenId, String takerSide, BigDecimal limitPrice) {
        BigDecimal total = BigDecimal.ZERO;
        for (Map.Entry<BigDecimal, BigDecimal> level : levels(tokenId, takerSide)) {
            if (!acceptable(takerSide, level.getKey(), limitPrice)) {
                break;
            }
            total = total.add(level.getValue());
        }
        return total;
    }

    @Override
    public synchronized List<Taken> take(String tokenId, String takerSide, BigDecimal limitPrice, BigDecimal size) {
        TreeMap<BigDecimal, BigDecimal> book = ("BUY".equals(takerSide) ? asks : bids).get(tokenId);
        List<Taken> out = new ArrayList<>();
        BigDecimal left = size;
        for (Map.Entry<BigDecimal, BigDecimal> level : levels(tokenId, takerSide)) {
            if (left.signum() <= 0 || !acceptable(takerSide, level.getKey(), limitPrice)) {
                break;
            }
            BigDecimal q = left.min(level.getValue());
            out.add(new Taken(level.getKey(), q));
            left = left.subtract(q);
            BigDecimal rest = level.getValue().subtract(q);
            if (rest.signum() == 0) {
                book.remove(level.getKey());
            } else {
                book.put(level.getKey(), rest);
            }
        }
        return out;
    }

    @Override
    public synchronized BigDecimal bestBid(String tokenId) {
        TreeMap<BigDecimal, BigDecimal> b = bids.get(tokenId);
        return b == null || b.isEmpty() ? null : b.lastKey();
    }

    @Override
    public synchronized BigDecimal bestAsk(String tokenId) {
        TreeMap<BigDecimal, BigDecimal> a = asks.get(tokenId);
        return a == null || a.isEmpty() ? null : a.firstKey();
    }

    /** The levels a taker meets, best first (a copy, so the caller may modify the book). */
    private List<Map.Entry<BigDecimal, BigDecimal>> levels(String tokenId, String takerSide) {
        boolean buy = "BUY".equals(takerSide);
        TreeMap<BigDecimal, BigDecimal> book = (buy ? asks : bids).get(tokenId);
        if (book == null) {
            return List.of();
        }
        List<Map.Entry<BigDecimal, BigDecimal>> out = new ArrayList<>(Map.copyOf(book).entrySet());
        out.sort(buy ? Map.Entry.comparingByKey() : Map.Entry.<BigDecimal, BigDecimal>comparingByKey(Comparator.reverseOrder()));
        return out;
    }

    private static boolean acceptable(String takerSide, BigDecimal levelPrice, BigDecimal limit) {
        return "BUY".equals(takerSide) ? levelPrice.compareTo(limit) <= 0 : levelPrice.compareTo(limit) >= 0;
    }
}
