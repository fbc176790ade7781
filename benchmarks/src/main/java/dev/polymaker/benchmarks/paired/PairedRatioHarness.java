package dev.polymaker.benchmarks.paired;

import dev.polymaker.benchmarks.book.BookApplyBenchmark;
import dev.polymaker.benchmarks.parse.FrameParseBenchmark;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.openjdk.jmh.infra.Blackhole;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JMH benchmarks' subjects and baselines again, but interleaved: short time slices of the
 * subject and of its baseline alternate (ABBA order), and each adjacent pair gives one ratio. On a
 * machine shared with other builds the load changes from second to second; JMH measures the
 * subject and the baseline tens of seconds apart, so a load change lands on one of them only.
 * Adjacent slices see nearly the same load, so the median of the pair ratios stays put. Slices
 * are timed in this thread's CPU time ({@link ThreadMXBean}), not wall time: with more runnable
 * threads than cores, wall time is mostly time spent waiting for a core. (CPU time leaves out
 * the GC threads' work, which favours the side that allocates more: the parser.) Same frames,
 * same methods, results consumed by a JMH {@link Blackhole}.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.polymaker.benchmarks.paired.PairedRatioHarness
 * [--pairs=300] [--slice-ms=20] [--warmup-s=3] [--only=bookArray] [--csv=paired.csv] [--out=paired.md]};
 * {@code --only} keeps the comparisons whose name contains the text (one per JVM keeps the JIT's
 * profiles of one comparison out of the next), {@code --csv} appends one line per comparison, and
 * {@code --summarise=paired.csv} prints the mean ± sd of the medians over every line of such a file.
 */
public final class PairedRatioHarness {

    private static final Logger log = LoggerFactory.getLogger(PairedRatioHarness.class);

    /** One subject/baseline comparison. Each op runs once per call and hands its result to the blackhole. */
    record Comparison(String name, Consumer<Blackhole> subject, Consumer<Blackhole> baseline) {
    }

    /** Median ratio with a distribution-free 95% confidence interval (order statistics of the pair ratios). */
    record Result(String name, int pairs, double median, double low, double high, double subjectNanos,
                  double baselineNanos) {
    }

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final int pairs;
    private final long sliceNanos;
    private final long warmupNanos;
    private final Blackhole blackhole = new Blackhole(
            "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");

    PairedRatioHarness(int pairs, long sliceMillis, long warmupSeconds) {
        this.pairs = pairs;
        this.sliceNanos = sliceMillis * 1_000_000;
        this.warmupNanos = warmupSeconds * 1_000_000_000;
    }

    public static void main(String[] args) throws Exception {
        int pairs = 300;
        long sliceMillis = 20;
        long warmupSeconds = 3;
        Path out = null;
        Path csv = null;
        String only = "";
        for (String arg : args) {
            String value = arg.substring(arg.indexOf('=') + 1);
            if (arg.startsWith("--pairs=")) {
                pairs = Integer.parseInt(value);
            } else if (arg.startsWith("--slice-ms=")) {
                sliceMillis = Long.parseLong(value);
            } else if (arg.startsWith("--warmup-s=")) {
                warmupSeconds = Long.parseLong(value);
            } else if (arg.startsWith("--out=")) {
                out = Path.of(value);
            } else if (arg.startsWith("--csv=")) {
                csv = Path.of(value);
            } else if (arg.startsWith("--only=")) {
                only = value;
            } else if (arg.startsWith("--summarise=")) {
                String summary = summarise(Files.readAllLines(Path.of(value)));
                log.info("\n{}", summary);
                return;
            } else {
                throw new IllegalArgumentException("unknown option " + arg
                        + " (known: --pairs=, --slice-ms=, --warmup-s=, --only=, --csv=, --out=, --summarise=)");
            }
        }
        PairedRatioHarness harness = new PairedRatioHarness(pairs, sliceMillis, warmupSeconds);
        if (!harness.threads.isCurrentThreadCpuTimeSupported()) {
            throw new IllegalStateException("this JVM cannot measure thread CPU time");
        }
        harness.threads.setThreadCpuTimeEnabled(true);
        List<Result> results = new ArrayList<>();
        for (Comparison comparison : comparisons(20)) {
            if (!comparison.name().contains(only)) {
                continue;
            }
            Result result = harness.measure(comparison);
            if (csv != null) {
                Files.writeString(csv, String.format(Locale.ROOT, "%s,%.4f,%.4f,%.4f%n", result.name(),
                        result.median(), result.low(), result.high()), java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND);
            }
            log.info(String.format(Locale.ROOT, "%s: median ratio %.2f (95%% CI %.2f-%.2f) over %d pairs",
                    result.name(), result.median(), result.low(), result.high(), result.pairs()));
            results.add(result);
        }
        String table = markdown(results, pairs, sliceMillis);
        log.info("\n{}", table);
        if (out != null) {
            Files.writeString(out, table);
            log.info("written to {}", out);
        }
    }

    /** The same pairs as the JMH benchmarks, on the same recorded frames. */
    static List<Comparison> comparisons(int levelsPerSide) {
        FrameParseBenchmark parse = new FrameParseBenchmark();
        parse.levelsPerSide = levelsPerSide;
        parse.record();
        BookApplyBenchmark apply = new BookApplyBenchmark();
        apply.levelsPerSide = levelsPerSide;
        apply.record();
        return List.of(
                new Comparison("FrameParseBenchmark.priceChange parser / readTree",
                        bh -> bh.consume(parse.priceChange_parser()), bh -> bh.consume(parse.priceChange_readTree())),
                new Comparison("FrameParseBenchmark.bookArray parser / readTree",
                        bh -> bh.consume(parse.bookArray_parser()), bh -> bh.consume(parse.bookArray_readTree())),
                new Comparison("BookApplyBenchmark.priceChange orderBook / treeMap",
                        bh -> bh.consume(apply.priceChange_orderBook()), bh -> bh.consume(apply.priceChange_treeMap())));
    }

    Result measure(Comparison comparison) {
        // Calibrate how many calls fill one slice, per side, after a warm-up of both.
        long warmEnd = System.nanoTime() + warmupNanos;
        while (System.nanoTime() < warmEnd) {
            run(comparison.subject(), 1_000);
            run(comparison.baseline(), 1_000);
        }
        int subjectCalls = callsPerSlice(comparison.subject());
        int baselineCalls = callsPerSlice(comparison.baseline());
        double[] ratios = new double[pairs];
        double subjectTotal = 0;
        double baselineTotal = 0;
        for (int i = 0; i < pairs; i++) {
            double subject;
            double baseline;
            if (i % 2 == 0) {
                subject = perCall(comparison.subject(), subjectCalls);
                baseline = perCall(comparison.baseline(), baselineCalls);
            } else {
                baseline = perCall(comparison.baseline(), baselineCalls);
                subject = perCall(comparison.subject(), subjectCalls);
            }
            ratios[i] = subject / baseline;
            subjectTotal += subject;
            baselineTotal += baseline;
        }
        return summarise(comparison.name(), ratios, subjectTotal / pairs, baselineTotal / pairs);
    }

    static Result summarise(String name, double[] ratios, double subjectNanos, double baselineNanos) {
        double[] sorted = ratios.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        // Ranks of a 95% interval for the median: n/2 -/+ 1.96 sqrt(n)/2 (normal approximation to the binomial).
        int spread = (int) Math.ceil(1.96 * Math.sqrt(n) / 2);
        int lowRank = Math.max(0, (n - 1) / 2 - spread);
        int highRank = Math.min(n - 1, n / 2 + spread);
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Result(name, n, median, sorted[lowRank], sorted[highRank], subjectNanos, baselineNanos);
    }

    private int callsPerSlice(Consumer<Blackhole> op) {
        int calls = 100;
        while (true) {
            long start = threads.getCurrentThreadCpuTime();
            run(op, calls);
            long took = threads.getCurrentThreadCpuTime() - start;
            if (took >= sliceNanos / 4 || calls >= 1 << 24) {
                return (int) Math.max(1, Math.min(1L << 24, calls * sliceNanos / Math.max(1, took)));
            }
            calls *= 4;
        }
    }

    /** CPU nanoseconds of this thread per call. */
    private double perCall(Consumer<Blackhole> op, int calls) {
        long start = threads.getCurrentThreadCpuTime();
        run(op, calls);
        return (threads.getCurrentThreadCpuTime() - start) / (double) calls;
    }

    private void run(Consumer<Blackhole> op, int calls) {
        for (int i = 0; i < calls; i++) {
            op.accept(blackhole);
        }
    }

    /** Lines of {@code name,median,low,high}: per name, every run's median and their mean ± sample sd. */
    static String summarise(List<String> lines) {
        java.util.Map<String, List<Double>> medians = new java.util.LinkedHashMap<>();
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split(",");
            medians.computeIfAbsent(fields[0], k -> new ArrayList<>()).add(Double.parseDouble(fields[1]));
        }
        StringBuilder out = new StringBuilder("| subject / baseline | median ratio of each run (own JVM) "
                + "| mean ± sd over runs |\n|---|---|---|\n");
        medians.forEach((name, values) -> {
            double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            double squares = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
            double sd = values.size() > 1 ? Math.sqrt(squares / (values.size() - 1)) : Double.NaN;
            StringBuilder each = new StringBuilder();
            values.forEach(v -> each.append(each.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", v)));
            out.append(String.format(Locale.ROOT, "| %s | %s | **%.2f ± %.2f** |%n", name, each, mean, sd));
        });
        return out.toString();
    }

    static String markdown(List<Result> results, int pairs, long sliceMillis) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "Interleaved: %d pairs of ~%d ms CPU-time slices per comparison, ABBA order.%n%n", pairs, sliceMillis));
        out.append("| subject / baseline | median ratio | 95% CI of the median | subject CPU ns/call (mean) "
                + "| baseline CPU ns/call (mean) |\n|---|---|---|---|---|\n");
        for (Result r : results) {
            out.append(String.format(Locale.ROOT, "| %s | **%.2f** | %.2f - %.2f | %.0f | %.0f |%n", r.name(),
                    r.median(), r.low(), r.high(), r.subjectNanos(), r.baselineNanos()));
        }
        return out.toString();
    }
}
