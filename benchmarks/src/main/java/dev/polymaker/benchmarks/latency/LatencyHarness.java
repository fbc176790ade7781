package dev.polymaker.benchmarks.latency;

import dev.polymaker.benchmarks.service.Poll;
import dev.polymaker.benchmarks.service.ServiceProcess;
import dev.polymaker.benchmarks.service.ShippedJvmFlags;
import dev.polymaker.benchmarks.upstream.MicrosecondClock;
import dev.polymaker.simulator.ExchangeSimulator;
import dev.polymaker.simulator.FrameMode;
import dev.polymaker.simulator.SimulatorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tick latency of market-data-service against a raw broadcast, in one run (issue 10). Simulators
 * with the same markets and a microsecond wire clock: one feeds a real market-data-service process,
 * to which K STOMP consumers in this process subscribe every token; another broadcasts the same
 * frames straight to K plain WebSocket clients (the baseline: one hop, nothing parsed); with
 * {@code --hop=true} (the default) a third feeds a {@link HopForwarder} process that passes every
 * frame on unparsed to K plain clients (the floor of any relay: two hops, nothing else). Only one side
 * is driven at a time, alternating, so all see the same machine. Per K: a fixed-rate latency phase (p50/p99/p99.9 µs), then a ramp to the highest clean
 * rate (no loss, no seq gap, p99 within the limit), both sides interleaved step by step; CPU per
 * event of each process from /proc. Optionally a phase with one extra consumer that stops reading.
 * Results and how to run it: docs/performance.md.
 */
public final class LatencyHarness {

    private static final Logger log = LoggerFactory.getLogger(LatencyHarness.class);
    private static final String MAIN_CLASS = "dev.polymaker.marketdata.MarketDataApplication";

    private final Options options;
    private final MicrosecondClock clock = new MicrosecondClock();

    LatencyHarness(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        List<Window> windows = new LatencyHarness(options).run();
        String report = LatencyReport.markdown(options, windows);
        log.info("\n{}", report);
        if (options.out != null) {
            Files.writeString(options.out, report);
            log.info("report written to {}", options.out);
        }
    }

    List<Window> run() throws Exception {
        List<Window> windows = new ArrayList<>();
        SimulatorConfig config = SimulatorConfig.builder().markets(options.markets).levelsPerSide(5).seed(42)
                .frameMode(FrameMode.SINGLE).clock(clock).build();
        try (ExchangeSimulator mdsSim = ExchangeSimulator.start(config);
             ExchangeSimulator rawSim = ExchangeSimulator.start(config);
             TopMover mdsLoad = new TopMover(mdsSim);
             TopMover rawLoad = new TopMover(rawSim);
             ExchangeSimulator hopSim = ExchangeSimulator.start(config);
             TopMover hopLoad = new TopMover(hopSim);
             HopProcess hop = options.hop ? HopProcess.start(options.baseJvmArgs(), hopSim.marketUrl(),
                     hopSim.tokenIds()) : null;
             ServiceProcess mds = ServiceProcess.start(options.launch(), options.jvmArgs(), mdsSim.marketUrl(),
                     mdsSim.restUrl(), mdsSim.tokenIds())) {
            log.info("market-data-service pid {} (log {}), JVM flags {}", mds.pid(), mds.log(), options.jvmArgs());
            if (hop != null) {
                log.info("hop forwarder pid {} (log {}), JVM flags {}", hop.pid(), hop.log(), options.baseJvmArgs());
            }
            mds.awaitLive(mdsSim.tokenIds().size(), Duration.ofSeconds(120));
            Side mdsSide = new Side("mds", mdsLoad, mds, mds.pid());
            Side rawSide = new Side("raw", rawLoad, null, 0);
            Side hopSide = hop == null ? null : new Side("hop", hopLoad, null, hop.pid());
            List<Side> sides = hop == null ? List.of(rawSide, mdsSide) : List.of(rawSide, hopSide, mdsSide);
            for (int k : options.consumers) {
                List<StompTickConsumer> stomp = new ArrayList<>();
                List<RawFrameConsumer> raw = new ArrayList<>();
                List<RawFrameConsumer> hopped = new ArrayList<>();
                try {
                    for (int i = 0; i < k; i++) {
                        StompTickConsumer consumer = new StompTickConsumer(clock);
                        stomp.add(consumer);
                        consumer.connect(mds.stompUrl(), mdsSim.tokenIds());
                        RawFrameConsumer baseline = new RawFrameConsumer(clock);
                        raw.add(baseline);
                        baseline.connect(rawSim.marketUrl(), rawSim.tokenIds());
                        if (hop != null) {
                            RawFrameConsumer floor = new RawFrameConsumer(clock);
                            hopped.add(floor);
                            floor.connect(hop.url(), hopSim.tokenIds());
                        }
                    }
                    mdsSide.consumers = List.copyOf(stomp);
                    rawSide.consumers = List.copyOf(raw);
                    if (hopSide != null) {
                        hopSide.consumers = List.copyOf(hopped);
                    }
                    for (int r = 0; r < options.runs; r++) {
                        List<Side> order = r % 2 == 0 ? sides : reversed(sides);
                        for (Side side : order) {
                            windows.add(logged(measure(side, "latency", options.rate, options.warmupSeconds,
                                    options.seconds)));
                        }
                    }
                    List<Side> climbing = new ArrayList<>(sides); // each side stops at its first unclean step
                    for (double rate : options.ramp) {
                        if (climbing.isEmpty()) {
                            break;
                        }
                        for (Side side : List.copyOf(climbing)) {
                            Window w = logged(measure(side, "ramp", rate, options.rampWarmupSeconds,
                                    options.rampSeconds));
                            windows.add(w);
                            if (!w.clean()) {
                                climbing.remove(side);
                            }
                        }
                    }
                    if (options.stalled && k == options.stalledAt) {
                        StompTickConsumer stopped = new StompTickConsumer(clock);
                        try {
                            stopped.connect(mds.stompUrl(), mdsSim.tokenIds());
                            stopped.stopReading();
                            for (int r = 0; r < options.runs; r++) {
                                windows.add(logged(measure(mdsSide, "stalled", options.rate, options.warmupSeconds,
                                        options.seconds)));
                            }
                        } finally {
                            stopped.close();
                        }
                    }
                } finally {
                    stomp.forEach(StompTickConsumer::close);
                    raw.forEach(RawFrameConsumer::close);
                    hopped.forEach(RawFrameConsumer::close);
                }
            }
            log.info("market-data-service RSS at the end: {} MB", ProcessCpu.rssMegabytes(mds.pid()));
        }
        return windows;
    }

    private static Window logged(Window w) {
        log.info(String.format(Locale.ROOT, "K=%-2d %-3s %-7s rate %6.0f offered %7.0f/s delivered %7.0f/s/consumer "
                        + "p50 %6d us p99 %7d us p99.9 %7d us lost %d gaps %d conflated %d dropped %d "
                        + "cpu mds %.1f us/event %.2f us/delivery, harness %.1f us/event%s%s",
                w.consumers(), w.side(), w.phase(), w.rate(), w.offeredPerSecond(), w.deliveredPerConsumerPerSecond(),
                w.p50Micros(), w.p99Micros(), w.p999Micros(), w.lost(), w.gaps(), w.conflated(), w.dropped(),
                w.mdsCpuMicrosPerEvent(), w.mdsCpuMicrosPerDelivery(), w.harnessCpuMicrosPerEvent(),
                w.clean() ? " CLEAN" : " not clean", w.problem() == null ? "" : " PROBLEM: " + w.problem()));
        return w;
    }

    private Window measure(Side side, String phase, double rate, int warmupSeconds, int seconds) throws Exception {
        List<? extends LatencyConsumer> consumers = side.consumers;
        long self = ProcessHandle.current().pid();
        Map<String, Double> counters0 = side.service == null ? Map.of() : side.service.counters();
        long received0 = sum(consumers, LatencyConsumer::received);
        long conflated0 = sum(consumers, LatencyConsumer::conflated);
        long gaps0 = sum(consumers, LatencyConsumer::gaps);
        long eventsStart = side.load.events();
        side.load.start(rate);
        Thread.sleep(warmupSeconds * 1000L); // the windows are wall time under load: nothing to wait for but the clock
        consumers.forEach(LatencyConsumer::latencySinceLastCall);
        long events0 = side.load.events();
        long deliveredWindow0 = sum(consumers, LatencyConsumer::received);
        long mdsCpu0 = side.pid == 0 ? 0 : ProcessCpu.nanos(side.pid);
        long selfCpu0 = ProcessCpu.nanos(self);
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        long events1 = side.load.events();
        long deliveredWindow1 = sum(consumers, LatencyConsumer::received);
        long mdsCpu1 = side.pid == 0 ? 0 : ProcessCpu.nanos(side.pid);
        long selfCpu1 = ProcessCpu.nanos(self);
        double elapsed = (System.nanoTime() - start) / 1e9;
        Histogram latency = new Histogram(3);
        consumers.forEach(c -> latency.add(c.latencySinceLastCall()));
        side.load.stop();
        // Drain: whatever is still queued must arrive (or be counted) before loss is judged.
        long[] last = {-1};
        Poll.until(Duration.ofSeconds(5), Duration.ofMillis(300), () -> {
            long now = sum(consumers, LatencyConsumer::received) + sum(consumers, LatencyConsumer::conflated);
            boolean settled = now == last[0];
            last[0] = now;
            return settled;
        });
        long events = side.load.events() - eventsStart;
        long received = sum(consumers, LatencyConsumer::received) - received0;
        long conflated = sum(consumers, LatencyConsumer::conflated) - conflated0;
        long gaps = sum(consumers, LatencyConsumer::gaps) - gaps0;
        String problem = consumers.stream().map(LatencyConsumer::problem).filter(p -> p != null).findFirst()
                .orElse(null);
        long expected;
        long dropped = 0;
        double ticksPerEvent = 1;
        if (side.service != null) {
            Map<String, Double> counters1 = side.service.counters();
            long published = Math.round(counters1.get("published") - counters0.get("published"));
            dropped = Math.round(counters1.get("dropped") - counters0.get("dropped"));
            long slow = Math.round(counters1.get("slow") - counters0.get("slow"));
            if (slow > 0 && problem == null) {
                problem = slow + " consumer(s) cut off as slow";
            }
            expected = published * consumers.size();
            ticksPerEvent = events == 0 ? 0 : (double) published / events;
        } else {
            expected = events * consumers.size();
        }
        long lost = Math.max(0, expected - received - conflated) + dropped * consumers.size();
        long windowEvents = events1 - events0;
        double offered = windowEvents / elapsed;
        long deliveries = deliveredWindow1 - deliveredWindow0;
        boolean clean = lost == 0 && gaps == 0 && problem == null
                && latency.getValueAtPercentile(99) <= options.p99LimitMicros && offered >= 0.95 * rate;
        return new Window(side.name, phase, consumers.size(), rate, offered,
                deliveries / elapsed / consumers.size(), latency.getValueAtPercentile(50),
                latency.getValueAtPercentile(99), latency.getValueAtPercentile(99.9), latency.getMaxValue(),
                latency.getTotalCount(), lost, gaps, conflated, dropped, ticksPerEvent,
                windowEvents == 0 ? 0 : (mdsCpu1 - mdsCpu0) / 1e3 / windowEvents,
                deliveries == 0 ? 0 : (mdsCpu1 - mdsCpu0) / 1e3 / deliveries,
                windowEvents == 0 ? 0 : (selfCpu1 - selfCpu0) / 1e3 / windowEvents, problem, clean);
    }

    private static long sum(List<? extends LatencyConsumer> consumers, java.util.function.ToLongFunction<LatencyConsumer> f) {
        long total = 0;
        for (LatencyConsumer c : consumers) {
            total += f.applyAsLong(c);
        }
        return total;
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        java.util.Collections.reverse(copy);
        return copy;
    }

    /**
     * One side of the comparison: its load generator, its consumers, the service (for its counters; null
     * for the others) and the process between exchange and consumers whose CPU is measured (0: none).
     */
    private static final class Side {
        final String name;
        final TopMover load;
        final ServiceProcess service;
        final long pid;
        List<? extends LatencyConsumer> consumers = List.of();

        Side(String name, TopMover load, ServiceProcess service, long pid) {
            this.name = name;
            this.load = load;
            this.service = service;
            this.pid = pid;
        }
    }

    /** Command-line options, {@code --name=value}. */
    static final class Options {
        Path mdsJar = Path.of("market-data-service/target/market-data-service-0.1.0-SNAPSHOT-exec.jar");
        String mdsClasspath;
        /** --mds-jvm: flags added to the base ones. */
        String mdsJvm = "";
        /** --mds-base-jvm: {@code shipped} ({@link ShippedJvmFlags}), or flags instead of them (an A/B run). */
        String mdsBaseJvm = ShippedJvmFlags.SHIPPED;
        List<Integer> consumers = List.of(1, 4, 16);
        double rate = 2000;
        List<Double> ramp = List.of(1000.0, 2000.0, 3000.0, 5000.0, 7500.0, 10000.0, 15000.0, 20000.0, 30000.0,
                50000.0, 75000.0);
        int markets = 100;
        int runs = 2;
        int warmupSeconds = 3;
        int seconds = 5;
        int rampWarmupSeconds = 1;
        int rampSeconds = 3;
        long p99LimitMicros = 10_000;
        boolean stalled = true;
        int stalledAt = 4;
        boolean hop = true;
        Path out;

        /** The shipped flags (or those of --mds-base-jvm), then --mds-jvm's. */
        List<String> jvmArgs() {
            return ShippedJvmFlags.forOptions(mdsBaseJvm, mdsJvm);
        }

        /** The shipped flags (or those of --mds-base-jvm): the hop forwarder runs with these too. */
        List<String> baseJvmArgs() {
            return ShippedJvmFlags.forOptions(mdsBaseJvm, "");
        }

        List<String> launch() {
            return mdsClasspath != null ? List.of("-cp", mdsClasspath, MAIN_CLASS)
                    : List.of("-jar", mdsJar.toString());
        }

        static Options parse(String[] args) {
            Options o = new Options();
            Map<String, String> values = new HashMap<>();
            for (String arg : args) {
                if (!arg.startsWith("--") || !arg.contains("=")) {
                    throw new IllegalArgumentException("expected --name=value, got " + arg);
                }
                values.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            }
            for (Map.Entry<String, String> e : values.entrySet()) {
                String v = e.getValue();
                switch (e.getKey()) {
                    case "mds-jar" -> o.mdsJar = Path.of(v);
                    case "mds-classpath" -> o.mdsClasspath = v;
                    case "mds-jvm" -> o.mdsJvm = v;
                    case "mds-base-jvm" -> o.mdsBaseJvm = v;
                    case "consumers" -> o.consumers = Arrays.stream(v.split(",")).map(s -> Integer.parseInt(s.strip()))
                            .toList();
                    case "rate" -> o.rate = Double.parseDouble(v);
                    case "ramp" -> o.ramp = v.isBlank() || "none".equals(v) ? List.of()
                            : Arrays.stream(v.split(",")).map(s -> Double.parseDouble(s.strip())).toList();
                    case "markets" -> o.markets = Integer.parseInt(v);
                    case "runs" -> o.runs = Integer.parseInt(v);
                    case "warmup" -> o.warmupSeconds = Integer.parseInt(v);
                    case "seconds" -> o.seconds = Integer.parseInt(v);
                    case "ramp-warmup" -> o.rampWarmupSeconds = Integer.parseInt(v);
                    case "ramp-seconds" -> o.rampSeconds = Integer.parseInt(v);
                    case "p99-limit-us" -> o.p99LimitMicros = Long.parseLong(v);
                    case "stalled" -> o.stalled = Boolean.parseBoolean(v);
                    case "stalled-at" -> o.stalledAt = Integer.parseInt(v);
                    case "hop" -> o.hop = Boolean.parseBoolean(v);
                    case "out" -> o.out = Path.of(v);
                    default -> throw new IllegalArgumentException("unknown option --" + e.getKey() + " (known: mds-jar, "
                            + "mds-classpath, mds-base-jvm, mds-jvm, consumers, rate, ramp, markets, runs, warmup, seconds, "
                            + "ramp-warmup, ramp-seconds, p99-limit-us, stalled, stalled-at, hop, out)");
                }
            }
            if (o.mdsClasspath == null && !Files.isRegularFile(o.mdsJar)) {
                throw new IllegalArgumentException("no market-data-service jar at " + o.mdsJar.toAbsolutePath()
                        + ": build it with ./mvnw -B -o -pl market-data-service -am package -DskipTests");
            }
            if (o.markets * 2 > 200) {
                throw new IllegalArgumentException("--markets at most 100: the raw baseline uses one socket");
            }
            return o;
        }
    }
}
