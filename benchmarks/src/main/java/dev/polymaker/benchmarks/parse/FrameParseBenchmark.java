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
}
