package dev.polymaker.simulator.book;

import dev.polymaker.simulator.SimBook;
import dev.polymaker.simulator.SimLevel;
import dev.polymaker.simulator.SimMarket;
import dev.polymaker.simulator.SimSide;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The order book of one binary market. Only the YES book is stored; the NO book is its mirror
 * (a YES bid at p is a NO ask at 1-p), so the two can never disagree. Not thread-safe: Exchange guards it.
 */
final class MarketBook {
    static final BigDecimal ONE = BigDecimal.ONE;

    private final SimMarket market;
    private final BigDecimal minOrderSize;
    private final TreeMap<BigDecimal, BigDecimal> yesBids = new TreeMap<>();
    private final TreeMap<BigDecimal, BigDecimal> yesAsks = new TreeMap<>();
    // Wire text of each level's size, kept with the level so hashing a book does not format BigDecimals again.
    private final HashMap<BigDecimal, String> yesBidSizeText = new HashMap<>();
    private final HashMap<BigDecimal, String> yesAskSizeText = new HashMap<>();
    private BigDecimal tickSize;
    private BigDecimal yesLastTrade;
    private BigDecimal noLastTrade;
    private long timestamp;
    private String yesHash = "";
    private String noHash = "";

    MarketBook(SimMarket market, BigDecimal minOrderSize) {
        this.market = market;
        this.minOrderSize = minOrderSize;
        this.tickSize = market.tickSize();
    }

    SimMarket market() {
        return market;
    }

    boolean isYes(String tokenId) {
        return market.yesTokenId().equals(tokenId);
    }

    BigDecimal tickSize() {
        return tickSize;
    }

    void tickSize(BigDecimal tick) {
        this.tickSize = tick;
    }

    long timestamp() {
        return timestamp;
    }

    NavigableMap<BigDecimal, BigDecimal> yesBids() {
        return yesBids;
    }

    NavigableMap<BigDecimal, BigDecimal> yesAsks() {
        return yesAsks;
    }

    /** Sets a level given in YES terms; size 0 removes it. */
    void putYes(SimSide side, BigDecimal price, BigDecimal size) {
        TreeMap<BigDecimal, BigDecimal> levels = side == SimSide.BUY ? yesBids : yesAsks;
        HashMap<BigDecimal, String> texts = side == SimSide.BUY ? yesBidSizeText : yesAskSizeText;
        BigDecimal key = normalize(price);
        if (size.signum() == 0) {
            levels.remove(key);
            texts.remove(key);
        } else {
            BigDecimal normalized = normalize(size);
            levels.put(key, normalized);
            texts.put(key, WireJson.number(normalized));
        }
    }

    void clear() {
        yesBids.clear();
        yesAsks.clear();
        yesBidSizeText.clear();
        yesAskSizeText.clear();
    }

    /** Translates a side and price of the given token into YES terms. */
    SimSide yesSide(String tokenId, SimSide side) {
        return isYes(tokenId) ? side : side.opposite();
    }

    BigDecimal yesPrice(String tokenId, BigDecimal price) {
        return isYes(tokenId) ? normalize(price) : normalize(ONE.subtract(price));
    }

    BigDecimal lastTrade(String tokenId) {
        return isYes(tokenId) ? yesLastTrade : noLastTrade;
    }

    /** Sets the token's last trade price; null = no trade yet. */
    void lastTrade(String tokenId, BigDecimal price) {
        BigDecimal value = price == null ? null : normalize(price);
        if (isYes(tokenId)) {
            yesLastTrade = value;
        } else {
            noLastTrade = value;
        }
    }

    BigDecimal bestBid(String tokenId) {
        if (isYes(tokenId)) {
            return yesBids.isEmpty() ? null : yesBids.lastKey();
        }
        return yesAsks.isEmpty() ? null : normalize(ONE.subtract(yesAsks.firstKey()));
    }

    BigDecimal bestAsk(String tokenId) {
        if (isYes(tokenId)) {
            return yesAsks.isEmpty() ? null : yesAsks.firstKey();
        }
        return yesBids.isEmpty() ? null : normalize(ONE.subtract(yesBids.lastKey()));
    }

    /** Bids of the token in wire order: ascending, best last. */
    List<SimLevel> wireBids(String tokenId) {
        return isYes(tokenId) ? levels(yesBids, false) : levels(yesAsks.descendingMap(), true);
    }

    /** Asks of the token in wire order: descending, best last. */
    List<SimLevel> wireAsks(String tokenId) {
        return isYes(tokenId) ? levels(yesAsks.descendingMap(), false) : levels(yesBids, true);
    }

    private static List<SimLevel> levels(Map<BigDecimal, BigDecimal> source, boolean mirror) {
        List<SimLevel> out = new ArrayList<>(source.size());
        for (Map.Entry<BigDecimal, BigDecimal> e : source.entrySet()) {
            BigDecimal price = mirror ? normalize(ONE.subtract(e.getKey())) : e.getKey();
            out.add(new SimLevel(price, e.getValue()));
        }
        return out;
    }

    String hash(String tokenId) {
        return isYes(tokenId) ? yesHash : noHash;
    }

    /** Marks the book as changed at the given time and recomputes both tokens' hashes. */
    void touch(long now) {
        timestamp = Math.max(now, timestamp);
        yesHash = BookHash.sha1Hex(restJson(market.yesTokenId(), ""));
        noHash = BookHash.sha1Hex(restJson(market.noTokenId(), ""));
    }

    /** Adopts a timestamp given from outside (replay), then rehashes. */
    void touchExactly(long exactTimestamp) {
        timestamp = exactTimestamp;
        yesHash = BookHash.sha1Hex(restJson(market.yesTokenId(), ""));
        noHash = BookHash.sha1Hex(restJson(market.noTokenId(), ""));
    }

    /**
     * The REST /book body, which is also the hash input (with hash "") of protocol doc section 2.9:
     * market, asset_id, timestamp, hash, bids, asks, min_order_size, tick_size, neg_risk, last_trade_price.
     */
    String restJson(String tokenId, String hash) {
        boolean yes = isYes(tokenId);
        BigDecimal last = lastTrade(tokenId);
        StringBuilder out = new StringBuilder(64 + 48 * (yesBids.size() + yesAsks.size()) + 300);
        out.append("{\"market\":\"").append(market.conditionId())
                .append("\",\"asset_id\":\"").append(tokenId)
                .append("\",\"timestamp\":\"").append(timestamp)
                .append("\",\"hash\":\"").append(hash)
                .append("\",\"bids\":");
        if (yes) {
            appendLevels(out, yesBids, yesBidSizeText, false);
        } else {
            appendLevels(out, yesAsks.descendingMap(), yesAskSizeText, true);
        }
        out.append(",\"asks\":");
        if (yes) {
            appendLevels(out, yesAsks.descendingMap(), yesAskSizeText, false);
        } else {
            appendLevels(out, yesBids, yesBidSizeText, true);
        }
        out.append(",\"min_order_size\":\"").append(WireJson.number(minOrderSize))
                .append("\",\"tick_size\":\"").append(WireJson.number(tickSize))
                .append("\",\"neg_risk\":").append(market.negRisk())
                .append(",\"last_trade_price\":\"").append(last == null ? "" : WireJson.number(last))
                .append("\"}");
        return out.toString();
    }

    private static void appendLevels(StringBuilder out, NavigableMap<BigDecimal, BigDecimal> levels,
                                     Map<BigDecimal, String> sizeText, boolean mirror) {
        out.append('[');
        boolean first = true;
        for (BigDecimal price : levels.keySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append("{\"price\":\"").append(mirror ? PriceText.mirror(price) : PriceText.of(price))
                    .append("\",\"size\":\"").append(sizeText.get(price)).append("\"}");
        }
        out.append(']');
    }

    String restJson(String tokenId) {
        return restJson(tokenId, hash(tokenId));
    }

    BookEvent bookEvent(String tokenId) {
        return new BookEvent(market.conditionId(), tokenId, timestamp, hash(tokenId), wireBids(tokenId),
                wireAsks(tokenId), tickSize, lastTrade(tokenId));
    }

    SimBook view(String tokenId) {
        List<SimLevel> bids = new ArrayList<>(wireBids(tokenId));
        List<SimLevel> asks = new ArrayList<>(wireAsks(tokenId));
        Collections.reverse(bids);
        Collections.reverse(asks);
        return new SimBook(tokenId, market.conditionId(), bids, asks, tickSize, minOrderSize, market.negRisk(),
                lastTrade(tokenId), hash(tokenId), timestamp);
    }

    /** Canonical form of a price or size: no trailing zeros and never a negative scale (30, not 3E+1). */
    static BigDecimal normalize(BigDecimal value) {
        if (value.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
