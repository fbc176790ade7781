package dev.polymaker.benchmarks.book;

import dev.polymaker.benchmarks.frames.RecordedFrames;
import dev.polymaker.polymarket.book.BookSide;
import dev.polymaker.polymarket.book.OrderBook;
import dev.polymaker.polymarket.book.PriceLevel;
import dev.polymaker.polymarket.book.TopOfBook;
import dev.polymaker.polymarket.market.BookEvent;
import dev.polymaker.polymarket.market.MarketFrameParser;
import dev.polymaker.polymarket.market.ParseResult;
import dev.polymaker.polymarket.market.PriceChange;
import dev.polymaker.polymarket.market.PriceChangeEvent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Applying one parsed {@code price_change} frame to a token's {@link OrderBook} the way the
 * upstream pool does (skip the complement token's entries, set each level, record hash and time,
 * read the top of book once per frame) against the floor: {@code TreeMap} put/remove of the same
 * levels. Both replay the same recorded frames in the same order, so their books stay identical.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Threads(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
public class BookApplyBenchmark {

    @Param("20")
    public int levelsPerSide;

    private String tokenId;
    private PriceChangeEvent[] changes;
    private OrderBook book;
    private TopOfBook lastTop;
    private TreeMap<BigDecimal, BigDecimal> baselineBids;
    private TreeMap<BigDecimal, BigDecimal> baselineAsks;
    private int next;

    @Setup(Level.Trial)
    public void record() {
        RecordedFrames frames = RecordedFrames.record(levelsPerSide, 4096, 42);
        tokenId = frames.yesTokenId();
        MarketFrameParser parser = new MarketFrameParser();
        List<PriceChangeEvent> parsed = new ArrayList<>();
        for (String frame : frames.priceChanges()) {
            parsed.add((PriceChangeEvent) single(parser.parse(frame)));
        }
        int size = Integer.highestOneBit(parsed.size());
        changes = parsed.subList(0, size).toArray(new PriceChangeEvent[0]);

        BookEvent snapshot = (BookEvent) single(parser.parse(frames.yesBook()));
        book = new OrderBook(tokenId);
        book.replace(snapshot.market(), snapshot.bids(), snapshot.asks(), snapshot.tickSize(),
                snapshot.lastTradePrice(), snapshot.hash(), snapshot.timestamp());
        lastTop = book.top();
        baselineBids = new TreeMap<>();
        baselineAsks = new TreeMap<>();
        load(baselineBids, snapshot.bids());
        load(baselineAsks, snapshot.asks());
    }

    private static Object single(ParseResult result) {
        if (result instanceof ParseResult.Events events && events.events().size() == 1) {
            return events.events().get(0);
        }
        throw new IllegalStateException("expected one event, got " + result);
    }

    private static void load(TreeMap<BigDecimal, BigDecimal> side, List<PriceLevel> levels) {
        for (PriceLevel level : levels) {
            if (level.size().signum() > 0) {
                side.put(level.price(), level.size());
            }
        }
    }

    private PriceChangeEvent nextChange() {
        PriceChangeEvent change = changes[next];
        next = (next + 1) & (changes.length - 1);
        return change;
    }

    /** What MarketChannel does per price_change frame for a subscribed token (desync check aside). */
    @Benchmark
    public boolean priceChange_orderBook() {
        PriceChangeEvent change = nextChange();
        boolean touched = false;
        for (PriceChange entry : change.changes()) {
            if (!tokenId.equals(entry.assetId())) {
                continue;
            }
            book.set(entry.side(), entry.price(), entry.size());
            book.touch(entry.hash(), change.timestamp());
            touched = true;
        }
        if (!touched) {
            return false;
        }
        TopOfBook top = book.top();
        boolean moved = !top.equals(lastTop);
        lastTop = top;
        return moved;
    }

    /** The floor: the same level writes into two plain sorted maps, nothing else. */
    @Benchmark
    public int priceChange_treeMap() {
        PriceChangeEvent change = nextChange();
        int writes = 0;
        for (PriceChange entry : change.changes()) {
            if (!tokenId.equals(entry.assetId())) {
                continue;
            }
            TreeMap<BigDecimal, BigDecimal> side = entry.side() == BookSide.BID ? baselineBids : baselineAsks;
            if (entry.size().signum() > 0) {
                side.put(entry.price(), entry.size());
            } else {
                side.remove(entry.price());
            }
            writes++;
        }
        return writes;
    }
}
