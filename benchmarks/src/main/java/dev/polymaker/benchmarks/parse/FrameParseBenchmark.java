package dev.polymaker.benchmarks.parse;

import dev.polymaker.benchmarks.frames.RecordedFrames;
import dev.polymaker.polymarket.market.MarketFrameParser;
import dev.polymaker.polymarket.market.ParseResult;
import java.util.List;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link MarketFrameParser} on recorded frames against the floor cost of reading the same text
 * as JSON at all: plain Jackson {@code readTree}. The ratio parser/readTree is the price of
 * validation, BigDecimal conversion and building typed events.
 *
 * <p>Each benchmark pair is named {@code <frame>_<subject>}; {@code *_readTree} is the baseline.
 * {@code captured*}: the exchange's own 2026 shape (polymarket-protocol.md §2.2, §9), two entries
 * (a token and its complement) and one. Run with {@code -prof gc} for bytes allocated per frame
 * ({@code gc.alloc.rate.norm}, docs/performance.md §5, third round).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Threads(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
public class FrameParseBenchmark {

    /** Levels per side in the simulated book; real Polymarket books run from a handful to ~50. */
    @Param("20")
    public int levelsPerSide;

    private final MarketFrameParser parser = new MarketFrameParser();
    private final JsonMapper plain = JsonMapper.builder().build();
    /** polymarket-protocol.md §2.2: a capture from hbr-l/polypy, both tokens of the market. */
    static final String CAPTURED_TWO_ENTRIES = "{\"event_type\":\"price_change\","
            + "\"market\":\"0x2f1ab0ffaf465c4acd76b9a4a1f8980db26bfae7d248a6bb289350586028307e\","
            + "\"price_changes\":["
            + "{\"asset_id\":\"3329029450753225654467003002742946394863848082479209219558348197750220015613\","
            + "\"price\":\"0.08\",\"size\":\"0\",\"side\":\"BUY\",\"hash\":\"eb10ffd5c6ab383af860ca60a1ceb6e59b7a53ef\","
            + "\"best_bid\":\"0.66\",\"best_ask\":\"0.67\"},"
            + "{\"asset_id\":\"94022367472047775158269173293876979533288470167463650966689320774843018181757\","
            + "\"price\":\"0.92\",\"size\":\"0\",\"side\":\"SELL\",\"hash\":\"b9ee8c0d2cc9a436dc6e70692b6882b881434d7b\","
            + "\"best_bid\":\"0.33\",\"best_ask\":\"0.34\"}],"
            + "\"timestamp\":\"1761179949036\"}";

    /** The same with one entry (a change the exchange reported for one token only). */
    static final String CAPTURED_ONE_ENTRY = "{\"market\":\"0x2f1ab0ffaf465c4acd76b9a4a1f8980db26bfae7d248a6bb289350586028307e\","
            + "\"price_changes\":["
            + "{\"asset_id\":\"94022367472047775158269173293876979533288470167463650966689320774843018181757\","
            + "\"price\":\"0.92\",\"size\":\"125.5\",\"side\":\"SELL\",\"hash\":\"b9ee8c0d2cc9a436dc6e70692b6882b881434d7b\","
            + "\"best_bid\":\"0.33\",\"best_ask\":\"0.34\"}],"
            + "\"timestamp\":\"1761179949036\",\"event_type\":\"price_change\"}";

    private String bookArray;
    private String[] priceChanges;
    private int next;

    @Setup(Level.Trial)
    public void record() {
        RecordedFrames frames = RecordedFrames.record(levelsPerSide, 4096, 42);
        bookArray = frames.bookArray();
        List<String> changes = frames.priceChanges();
        // A power of two, so the cycle index is a mask; distinct frames defeat per-input branch training.
        int size = Integer.highestOneBit(changes.size());
        priceChanges = changes.subList(0, size).toArray(new String[0]);
        MarketFrameParser check = new MarketFrameParser();
        for (String frame : priceChanges) {
            requireEvents(check.parse(frame), frame);
        }
        requireEvents(check.parse(bookArray), bookArray);
        requireEvents(check.parse(CAPTURED_TWO_ENTRIES), CAPTURED_TWO_ENTRIES);
        requireEvents(check.parse(CAPTURED_ONE_ENTRY), CAPTURED_ONE_ENTRY);
    }

    private static void requireEvents(ParseResult result, String frame) {
        if (!(result instanceof ParseResult.Events events) || events.events().isEmpty()
                || !events.skipped().isEmpty()) {
            throw new IllegalStateException("recorded frame does not parse cleanly: " + result + " from " + frame);
        }
    }

    private String nextPriceChange() {
        String frame = priceChanges[next];
        next = (next + 1) & (priceChanges.length - 1);
        return frame;
    }

    @Benchmark
    public ParseResult priceChange_parser() {
        return parser.parse(nextPriceChange());
    }

    @Benchmark
    public JsonNode priceChange_readTree() {
        return plain.readTree(nextPriceChange());
    }

    @Benchmark
    public ParseResult bookArray_parser() {
        return parser.parse(bookArray);
    }

    @Benchmark
    public JsonNode bookArray_readTree() {
        return plain.readTree(bookArray);
    }

    @Benchmark
    public ParseResult capturedTwoEntries_parser() {
        return parser.parse(CAPTURED_TWO_ENTRIES);
    }

    @Benchmark
    public JsonNode capturedTwoEntries_readTree() {
        return plain.readTree(CAPTURED_TWO_ENTRIES);
    }

    @Benchmark
    public ParseResult capturedOneEntry_parser() {
        return parser.parse(CAPTURED_ONE_ENTRY);
    }

    @Benchmark
    public JsonNode capturedOneEntry_readTree() {
        return plain.readTree(CAPTURED_ONE_ENTRY);
    }
}
