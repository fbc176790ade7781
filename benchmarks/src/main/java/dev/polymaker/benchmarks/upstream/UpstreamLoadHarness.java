package dev.polymaker.benchmarks.upstream;

import dev.polymaker.simulator.ExchangeSimulator;
import dev.polymaker.simulator.SimulatorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * End-to-end upstream load: the exchange simulator's random walk at a fixed rate, over a real
 * loopback WebSocket, into {@link PoolClient} (the upstream pool) and, in the same run and
 * alternating with it, into {@link RawSocketClient} (a bare socket that only counts frames).
 * Reports delivered events/s and exchange-time latency percentiles of each, and pool/raw ratios
 * over the pairs of runs. Bounded: every run is warm-up + window seconds, then everything stops.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.polymaker.benchmarks.upstream.UpstreamLoadHarness
 * --rates=5000,20000,max --runs=3 --warmup=3 --seconds=10 --markets=50 --levels=10 --out=results.md}
 */
public final class UpstreamLoadHarness {

    private static final Logger log = LoggerFactory.getLogger(UpstreamLoadHarness.class);

    /** A generator rate no machine here reaches: the generator runs flat out. */
    static final double FLAT_OUT = 1_000_000;

    /** One measured window of one client. */
    record Run(String client, double rate, double offeredPerSecond, double eventsPerSecond, long p50Micros,
               long p99Micros, long p999Micros, long maxMicros, long samples, String problem) {
    }

    private final Options options;
    private final MicrosecondClock clock = new MicrosecondClock();

    UpstreamLoadHarness(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        List<Run> runs = new UpstreamLoadHarness(options).runAll();
        String report = Report.markdown(options, runs);
        log.info("\n{}", report);
        if (options.out != null) {
            Files.writeString(options.out, report);
            log.info("report written to {}", options.out);
        }
    }

    List<Run> runAll() throws Exception {
        List<Run> runs = new ArrayList<>();
        for (double rate : options.rates) {
            for (int i = 1; i <= options.runs; i++) {
                // Alternate so slow drift in the machine's load hits both clients alike.
                List<Supplier<FeedClient>> order = i % 2 == 1
                        ? List.of(() -> new RawSocketClient(clock), () -> new PoolClient(clock))
                        : List.of(() -> new PoolClient(clock), () -> new RawSocketClient(clock));
                for (Supplier<FeedClient> client : order) {
                    Run run = runOnce(client.get(), rate);
                    log.info(String.format(Locale.ROOT, "rate %s run %d %-13s offered %8.0f/s delivered %8.0f/s "
                                    + "p50 %6d us p99 %7d us max %8d us (%d samples)%s", Report.label(rate), i, run.client(),
                            run.offeredPerSecond(), run.eventsPerSecond(), run.p50Micros(), run.p99Micros(),
                            run.maxMicros(), run.samples(), run.problem() == null ? "" : " PROBLEM: " + run.problem()));
                    runs.add(run);
                }
            }
        }
        return runs;
    }

    private Run runOnce(FeedClient client, double rate) throws Exception {
        SimulatorConfig config = SimulatorConfig.builder().markets(options.markets).levelsPerSide(options.levels)
                .seed(options.seed).clock(clock).build();
        try (ExchangeSimulator sim = ExchangeSimulator.start(config); client) {
            client.connect(sim.marketUrl(), sim.restUrl(), sim.tokenIds());
            sim.startGenerator(rate);
            Thread.sleep(options.warmupSeconds * 1000L);
            client.latencySinceLastCall();
            long events0 = client.events();
            long sent0 = sim.framesSent();
            long start = System.nanoTime();
            Thread.sleep(options.seconds * 1000L);
            long events1 = client.events();
            long sent1 = sim.framesSent();
            double elapsed = (System.nanoTime() - start) / 1e9;
            Histogram latency = client.latencySinceLastCall();
            String problem = client.problem();
            sim.stopGenerator();
            return new Run(client.name(), rate, (sent1 - sent0) / elapsed, (events1 - events0) / elapsed,
                    latency.getValueAtPercentile(50), latency.getValueAtPercentile(99),
                    latency.getValueAtPercentile(99.9), latency.getMaxValue(), latency.getTotalCount(), problem);
        }
    }

    /** Command-line options, {@code --name=value}. */
    static final class Options {
        List<Double> rates = List.of(5_000.0, 20_000.0, FLAT_OUT);
        int runs = 3;
        int warmupSeconds = 3;
        int seconds = 10;
        int markets = 50;
        int levels = 10;
        long seed = 42;
        Path out;

        static Options parse(String[] args) {
            Options options = new Options();
            Map<String, String> values = new HashMap<>();
            for (String arg : args) {
                if (!arg.startsWith("--") || !arg.contains("=")) {
                    throw new IllegalArgumentException("expected --name=value, got " + arg);
                }
                values.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            }
            for (Map.Entry<String, String> entry : values.entrySet()) {
                String value = entry.getValue();
                switch (entry.getKey()) {
                    case "rates" -> {
                        List<Double> rates = new ArrayList<>();
                        for (String rate : value.split(",")) {
                            rates.add(rate.strip().equals("max") ? FLAT_OUT
                                    : Math.min(FLAT_OUT, positive(Double.parseDouble(rate.strip()), "rates")));
                        }
                        options.rates = List.copyOf(rates);
                    }
                    case "runs" -> options.runs = (int) positive(Integer.parseInt(value), "runs");
                    case "warmup" -> options.warmupSeconds = (int) positive(Integer.parseInt(value), "warmup");
                    case "seconds" -> options.seconds = (int) positive(Integer.parseInt(value), "seconds");
                    case "markets" -> options.markets = (int) positive(Integer.parseInt(value), "markets");
                    case "levels" -> options.levels = (int) positive(Integer.parseInt(value), "levels");
                    case "seed" -> options.seed = Long.parseLong(value);
                    case "out" -> options.out = Path.of(value);
                    default -> throw new IllegalArgumentException("unknown option --" + entry.getKey()
                            + " (known: rates, runs, warmup, seconds, markets, levels, seed, out)");
                }
            }
            if (options.markets * 2 > 200) {
                throw new IllegalArgumentException("at most 100 markets: both clients must use one socket "
                        + "(the pool puts at most 200 tokens on a socket)");
            }
            return options;
        }

        private static double positive(double value, String name) {
            if (!(value > 0)) {
                throw new IllegalArgumentException("--" + name + " must be > 0, got " + value);
            }
            return value;
        }
    }
}
