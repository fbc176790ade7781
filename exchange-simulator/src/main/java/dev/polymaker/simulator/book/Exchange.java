package dev.polymaker.simulator.book;

import dev.polymaker.simulator.SimBook;
import dev.polymaker.simulator.SimFill;
import dev.polymaker.simulator.SimLevel;
import dev.polymaker.simulator.SimMarket;
import dev.polymaker.simulator.SimSide;
import dev.polymaker.simulator.book.BookEvents.LevelChange;
import dev.polymaker.simulator.book.BookEvents.TopPair;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;

/**
 * The simulated exchange state: every market's book, changed by scripted calls, the random walk, trades and replay.
 * Every change and the publication of its events happen under one lock, so subscribers see events in state order
 * and a subscribe snapshot (taken under the same lock) is never followed by a delta it already contains.
 */
public final class Exchange {

    /** Receives the events of each change, in order, while the exchange lock is held. */
    public interface Publisher {
        void publish(List<MarketEvent> events);
    }

    private final Object lock = new Object();
    private final Map<String, MarketBook> booksByToken = new HashMap<>();
    private final Map<String, MarketBook> booksByMarket = new LinkedHashMap<>();
    private final List<SimMarket> markets;
    private final Clock clock;
    private final Random random;
    private final RandomWalk walk;
    private final List<MarketBook> bookList;
    private volatile Publisher publisher = events -> { };
    private final BookEvents wire;
    private final OrderTaking taking;
    private final MarketLifecycle lifecycle;

    public Exchange(List<SimMarket> markets, Clock clock, long seed, int levelsPerSide, BigDecimal minOrderSize) {
        this.markets = List.copyOf(markets);
        this.clock = clock;
        this.random = new Random(seed);
        this.walk = new RandomWalk(Math.max(1, levelsPerSide / 2), Math.max(levelsPerSide * 2, 2));
        List<MarketBook> list = new ArrayList<>();
        for (SimMarket market : markets) {
            MarketBook book = new MarketBook(market, minOrderSize);
            RandomWalk.seed(book, random, levelsPerSide);
            book.touch(clock.millis());
            booksByToken.put(market.yesTokenId(), book);
            booksByToken.put(market.noTokenId(), book);
            booksByMarket.put(market.conditionId(), book);
            list.add(book);
        }
        this.bookList = List.copyOf(list);
        this.wire = new BookEvents(clock);
        this.taking = new OrderTaking(clock, wire);
        this.lifecycle = new MarketLifecycle(clock, booksByMarket, bookList);
        if (!list.isEmpty()) {
            // The last market has not traded yet: the exchange then sends last_trade_price "" (protocol §9).
            MarketBook untraded = list.get(list.size() - 1);
            untraded.lastTrade(untraded.market().yesTokenId(), null);
            untraded.lastTrade(untraded.market().noTokenId(), null);
        }
    }

    public void publisher(Publisher publisher) {
        this.publisher = Objects.requireNonNull(publisher);
    }

    /** The lock under which state changes and event publication happen; hold it to read state and send consistently. */
    public Object lock() {
        return lock;
    }

    public List<SimMarket> markets() {
        return markets;
    }

    public boolean knows(String tokenId) {
        return booksByToken.containsKey(tokenId);
    }

    /** Whether the exchange serves a book for this token: known and its market not resolved. */
    public boolean trades(String tokenId) {
        synchronized (lock) {
            MarketBook book = booksByToken.get(tokenId);
            return book != null && !lifecycle.isResolved(book);
        }
    }

    /** The winning token of a resolved market, or empty while it trades. */
    public Optional<String> winner(String conditionId) {
        synchronized (lock) {
            return lifecycle.winner(conditionId);
        }
    }

    /**
     * Resolves a market: broadcasts {@code market_resolved} to every connection with custom features, and from
     * then on its tokens get {@code []} on subscribe and 404 on REST, the random walk leaves it alone, and Gamma
     * reports it closed with outcome prices "1"/"0".
     */
    public void resolve(String conditionId, String winningTokenId) {
        synchronized (lock) {
            lifecycle.resolve(conditionId, winningTokenId, true, publisher);
        }
    }

    /**
     * Resolves a market as {@link #resolve} does, but its {@code market_resolved} is never delivered
     * (known to happen on the real exchange for hours: polymarket-protocol.md §9, rs-clob-client#226).
     */
    public void resolveUnannounced(String conditionId, String winningTokenId) {
        synchronized (lock) {
            lifecycle.resolve(conditionId, winningTokenId, false, publisher);
        }
    }

    /** Broadcasts a {@code new_market} for a market listed elsewhere (not tradeable here); returns its condition id. */
    public String announceNewMarket(String question) {
        synchronized (lock) {
            return lifecycle.announceNewMarket(question, publisher);
        }
    }

    public Optional<SimMarket> marketOf(String tokenId) {
        MarketBook book = booksByToken.get(tokenId);
        return book == null ? Optional.empty() : Optional.of(book.market());
    }

    public SimBook book(String tokenId) {
        synchronized (lock) {
            return require(tokenId).view(tokenId);
        }
    }

    /** The REST /book JSON of the token, or empty when the token is unknown. */
    public Optional<String> restBook(String tokenId) {
        MarketBook book = booksByToken.get(tokenId);
        if (book == null) {
            return Optional.empty();
        }
        synchronized (lock) {
            return lifecycle.isResolved(book) ? Optional.empty()
                    : Optional.of(book.restJson(tokenId));
        }
    }

    public BigDecimal tickSize(String tokenId) {
        synchronized (lock) {
            return require(tokenId).tickSize();
        }
    }

    /** Book snapshots of the trading tokens among the given ones, in the given order; call with lock() held. */
    public List<BookEvent> snapshots(Collection<String> tokenIds) {
        synchronized (lock) {
            List<BookEvent> out = new ArrayList<>();
            for (String tokenId : tokenIds) {
                MarketBook book = booksByToken.get(tokenId);
                if (book != null && !lifecycle.isResolved(book)) {
                    out.add(book.bookEvent(tokenId));
                }
            }
            return out;
        }
    }

    /** Every token's current snapshot, YES then NO for each market. */
    public List<BookEvent> allSnapshots() {
        synchronized (lock) {
            List<BookEvent> out = new ArrayList<>();
            for (MarketBook book : bookList) {
                out.add(book.bookEvent(book.market().yesTokenId()));
                out.add(book.bookEvent(book.market().noTokenId()));
            }
            return out;
        }
    }

    public void setLevel(String tokenId, SimSide side, BigDecimal price, BigDecimal size) {
        Objects.requireNonNull(side, "side");
        BookRules.requireNonNegative(size, "size");
        synchronized (lock) {
            MarketBook book = require(tokenId);
            BookRules.requireOnGrid(book, tokenId, price);
            List<MarketEvent> events = new ArrayList<>(4);
            wire.applyLevels(book, List.of(new LevelChange(book.yesSide(tokenId, side), book.yesPrice(tokenId, price),
                    size)), events);
            publisher.publish(events);
        }
    }

    public void setBook(String tokenId, List<SimLevel> bids, List<SimLevel> asks) {
        synchronized (lock) {
            MarketBook book = require(tokenId);
            for (SimLevel level : bids) {
                BookRules.requireOnGrid(book, tokenId, level.price());
                BookRules.requireNonNegative(level.size(), "size");
            }
            for (SimLevel level : asks) {
                BookRules.requireOnGrid(book, tokenId, level.price());
                BookRules.requireNonNegative(level.size(), "size");
            }
            TopPair before = TopPair.of(book);
            book.clear();
            for (SimLevel level : bids) {
                book.putYes(book.yesSide(tokenId, SimSide.BUY), book.yesPrice(tokenId, level.price()), level.size());
            }
            for (SimLevel level : asks) {
                book.putYes(book.yesSide(tokenId, SimSide.SELL), book.yesPrice(tokenId, level.price()), level.size());
            }
            book.touch(clock.millis());
            List<MarketEvent> events = new ArrayList<>(4);
            events.add(book.bookEvent(book.market().yesTokenId()));
            events.add(book.bookEvent(book.market().noTokenId()));
            BookEvents.addTopChanges(book, before, events);
            publisher.publish(events);
        }
    }

    public void trade(String tokenId, BigDecimal price, BigDecimal size, SimSide takerSide) {
        Objects.requireNonNull(takerSide, "takerSide");
        BookRules.requireNonNegative(size, "size");
        synchronized (lock) {
            MarketBook book = require(tokenId);
            BookRules.requirePrice(tokenId, price);
            book.lastTrade(tokenId, price);
            book.touch(clock.millis());
            publisher.publish(List.of(wire.lastTrade(book, tokenId, price, size, takerSide)));
        }
    }

    /**
     * Takes resting liquidity of the token like a taker order: walks the opposite side from the best level while the
     * price is no worse than limitPrice (null = any), up to size. Emits one price_change for the levels touched and
     * a last_trade_price per level filled. Returns the fills, best first; empty when nothing crossed.
     */
    public List<SimFill> take(String tokenId, SimSide takerSide, BigDecimal limitPrice, BigDecimal size) {
        Objects.requireNonNull(takerSide, "takerSide");
        BookRules.requireNonNegative(size, "size");
        synchronized (lock) {
            return taking.take(require(tokenId), tokenId, takerSide, limitPrice, size, publisher);
        }
    }

    /**
     * A marketable limit order that sweeps the book, sent the way the exchange sends it (polymarket-protocol.md §9):
     * it takes the opposite side from the best level while the price is no worse than limitPrice, up to size, and
     * what is left rests at limitPrice. Frames, in order: the new resting level first (a book built from levels is
     * now crossed), a last_trade_price per level filled, then one price_change per consumed level (locked, then
     * sane); every entry carries the exchange's final best_bid/best_ask. Returns the fills.
     */
    public List<SimFill> sweep(String tokenId, SimSide takerSide, BigDecimal limitPrice, BigDecimal size) {
        Objects.requireNonNull(takerSide, "takerSide");
        BookRules.requireNonNegative(size, "size");
        synchronized (lock) {
            MarketBook book = require(tokenId);
            BookRules.requireOnGrid(book, tokenId, limitPrice);
            return taking.sweep(book, tokenId, takerSide, limitPrice, size, publisher);
        }
    }

    public void setTickSize(String tokenId, BigDecimal tick) {
        Objects.requireNonNull(tick, "tick");
        if (tick.signum() <= 0 || tick.compareTo(BigDecimal.ONE) >= 0) {
            throw new IllegalArgumentException("tick size " + tick + " must be in (0, 1)");
        }
        synchronized (lock) {
            MarketBook book = require(tokenId);
            BigDecimal old = book.tickSize();
            BigDecimal normalized = MarketBook.normalize(tick);
            book.tickSize(normalized);
            book.touch(clock.millis());
            List<MarketEvent> events = new ArrayList<>(2);
            String first = tokenId;
            String second = book.market().complementOf(tokenId);
            events.add(new TickSizeEvent(book.market().conditionId(), first, old, normalized, book.timestamp()));
            events.add(new TickSizeEvent(book.market().conditionId(), second, old, normalized, book.timestamp()));
            publisher.publish(events);
        }
    }

    /** Applies n random-walk moves now, each published before the next; deterministic for a given seed. */
    public void step(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("step count must be >= 0, got " + n);
        }
        if (bookList.isEmpty()) {
            return;
        }
        for (int i = 0; i < n; i++) {
            synchronized (lock) {
                stepOnce();
            }
        }
    }

    private void stepOnce() {
        for (int attempt = 0; attempt < 20; attempt++) {
            MarketBook book = bookList.get(random.nextInt(bookList.size()));
            RandomWalk.Move move = walk.propose(book, random);
            if (move == null || lifecycle.isResolved(book)) {
                continue;
            }
            List<MarketEvent> events = new ArrayList<>(4);
            String traded = null;
            BigDecimal tradePrice = null;
            if (move.isTrade()) {
                // A taker selling YES into a YES bid is a taker buying NO from the mirrored NO ask, so that
                // trade prints on NO. Only the traded token's last price moves, and it is sent: every state
                // change the hash and REST cover is on the wire.
                traded = move.takerSide() == SimSide.BUY ? book.market().yesTokenId() : book.market().noTokenId();
                tradePrice = book.yesPrice(traded, move.price());
                book.lastTrade(traded, tradePrice);
            }
            wire.applyLevels(book, List.of(new LevelChange(move.side(), move.price(), move.newSize())), events);
            if (traded != null) {
                events.add(0, wire.lastTrade(book, traded, tradePrice, move.tradedSize(),
                        book.yesSide(traded, move.takerSide())));
            }
            publisher.publish(events);
            return;
        }
    }

    /** Replay: adopts a book snapshot of a known token as-is, without publishing. */
    public void adoptBook(String tokenId, List<SimLevel> bids, List<SimLevel> asks, BigDecimal tickSize,
                          BigDecimal lastTradePrice, long timestamp) {
        synchronized (lock) {
            ReplayAdoption.book(require(tokenId), tokenId, bids, asks, tickSize, lastTradePrice, timestamp);
        }
    }

    /** Replay: adopts one level change of a known token as-is, without publishing. */
    public void adoptLevel(String tokenId, SimSide side, BigDecimal price, BigDecimal size, long timestamp) {
        synchronized (lock) {
            ReplayAdoption.level(require(tokenId), tokenId, side, price, size, timestamp);
        }
    }

    /** Replay: adopts a trade price or tick size change of a known token as-is, without publishing. */
    public void adoptTrade(String tokenId, BigDecimal price, long timestamp) {
        synchronized (lock) {
            ReplayAdoption.trade(require(tokenId), tokenId, price, timestamp);
        }
    }

    public void adoptTickSize(String tokenId, BigDecimal tick, long timestamp) {
        synchronized (lock) {
            ReplayAdoption.tickSize(require(tokenId), tick, timestamp);
        }
    }

    private MarketBook require(String tokenId) {
        Objects.requireNonNull(tokenId, "tokenId");
        MarketBook book = booksByToken.get(tokenId);
        if (book == null) {
            throw new IllegalArgumentException("unknown token id " + tokenId);
        }
        return book;
    }
}
