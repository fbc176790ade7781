package dev.polymaker.polymarket.book;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One token's local order book. Levels live in sorted maps keyed by price, so the best level
 * never depends on the order the exchange listed them in (it sends them worst first). Not
 * thread-safe: the owner serialises access.
 */
public final class OrderBook {

    private final String tokenId;
    private final NavigableMap<BigDecimal, BigDecimal> bids = new TreeMap<>(Collections.reverseOrder());
    private final NavigableMap<BigDecimal, BigDecimal> asks = new TreeMap<>();
    private String market;
    private BigDecimal tickSize;
    private BigDecimal lastTradePrice;
    private String hash;
    private long exchangeTime;

    public OrderBook(String tokenId) {
        this.tokenId = Objects.requireNonNull(tokenId, "tokenId");
    }

    /**
     * Replaces the whole book, as a {@code book} snapshot does. Levels of size zero are dropped. A
     * {@code null} tick size or last trade price keeps the known one, because later snapshots
     * have been seen without {@code last_trade_price}.
     */
    public void replace(String market, List<PriceLevel> newBids, List<PriceLevel> newAsks, BigDecimal newTickSize,
                        BigDecimal newLastTradePrice, String newHash, long newExchangeTime) {
        bids.clear();
        asks.clear();
        load(bids, newBids);
        load(asks, newAsks);
        if (market != null) {
            this.market = market;
        }
        if (newTickSize != null) {
            this.tickSize = newTickSize;
        }
        if (newLastTradePrice != null) {
            this.lastTradePrice = newLastTradePrice;
        }
        this.hash = newHash;
        this.exchangeTime = newExchangeTime;
    }

    private static void load(Map<BigDecimal, BigDecimal> side, List<PriceLevel> levels) {
        for (PriceLevel level : levels) {
            if (level.size().signum() > 0) {
                side.put(level.price(), level.size());
            }
        }
    }

    /** Sets one level to its new total size; a size of zero removes the level. */
    public void set(BookSide side, BigDecimal price, BigDecimal size) {
        NavigableMap<BigDecimal, BigDecimal> levels = side == BookSide.BID ? bids : asks;
        if (size.signum() <= 0) {
            levels.remove(price);
        } else {
            levels.put(price, size);
        }
    }

    /** Records the hash and time of the latest change applied. */
    public void touch(String newHash, long newExchangeTime) {
        if (newHash != null) {
            this.hash = newHash;
        }
        if (newExchangeTime > 0) {
            this.exchangeTime = newExchangeTime;
        }
    }

    /**
     * Records a change whose new hash the exchange did not send (a trade or a tick change alters
     * the hashed content): the hash becomes unknown ({@code null}) until the next one arrives.
     */
    public void touchWithoutHash(long newExchangeTime) {
        this.hash = null;
        if (newExchangeTime > exchangeTime) {
            this.exchangeTime = newExchangeTime;
        }
    }

    public void setTickSize(BigDecimal tickSize) {
        this.tickSize = tickSize;
    }

    public void setLastTradePrice(BigDecimal lastTradePrice) {
        this.lastTradePrice = lastTradePrice;
    }

    public String tokenId() {
        return tokenId;
    }

    public String market() {
        return market;
    }

    public String hash() {
        return hash;
    }

    public long exchangeTime() {
        return exchangeTime;
    }

    public BigDecimal bestBid() {
        return bids.isEmpty() ? null : bids.firstKey();
    }

    public BigDecimal bestAsk() {
        return asks.isEmpty() ? null : asks.firstKey();
    }

    public TopOfBook top() {
        return new TopOfBook(bestBid(), bestAsk(), lastTradePrice, tickSize);
    }

    /** Levels of one side, best first. */
    public List<PriceLevel> levels(BookSide side) {
        NavigableMap<BigDecimal, BigDecimal> levels = side == BookSide.BID ? bids : asks;
        List<PriceLevel> out = new ArrayList<>(levels.size());
        levels.forEach((price, size) -> out.add(new PriceLevel(price, size)));
        return out;
    }

    public BookSnapshot snapshot() {
        return new BookSnapshot(tokenId, market, levels(BookSide.BID), levels(BookSide.ASK), tickSize,
                lastTradePrice, hash, exchangeTime);
    }
}
