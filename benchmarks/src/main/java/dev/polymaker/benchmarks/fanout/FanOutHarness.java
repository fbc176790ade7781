package dev.polymaker.benchmarks.fanout;

import dev.polymaker.benchmarks.service.ServiceProcess;
import dev.polymaker.benchmarks.service.ShippedJvmFlags;
import dev.polymaker.simulator.ExchangeSimulator;
import dev.polymaker.simulator.SimulatorConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * STOMP fan-out of market-data-service: the exchange simulator (in this JVM) feeds a real
 * market-data-service process (its jar, started here and stopped at the end), and N real STOMP
 * clients each subscribe to every token. The baseline is the service's own publication rate in
 * the same window ({@code marketdata_ticks_published_total}): delivered / (N x published) says
 * what share of the ticks reached every client. Bounded: warm-up + window per client count. The service
 * runs as it ships: the image's JVM flags ({@link ShippedJvmFlags}; {@code --mds-base-jvm=<flags>} replaces
 * them for an A/B run, {@code --mds-jvm=<flags>} adds some), started and awaited by {@link ServiceProcess}.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.polymaker.benchmarks.fanout.FanOutHarness
 * --mds-jar=market-data-service/target/market-data-service-0.1.0-SNAPSHOT-exec.jar --clients=1,10,50
 * --rate=2000 --markets=50 --warmup=3 --seconds=10 --runs=3 --out=fanout.md}
 */
public final class FanOutHarness {

    private static final Logger log = LoggerFactory.getLogger(FanOutHarness.class);

    record Run(String mode, double rate, int clients, double upstreamFramesPerSecond, double publishedPerSecond, double deliveredPerSecond,
               long p50Millis, long p99Millis, long maxMillis, long endToEndP50Millis, long endToEndP99Millis,
               long droppedTicks, long slowConsumers, double ticksPerBatch, long feedStatusGapMillis, String problem) {

        double deliveredShare() {
            return deliveredPerSecond / (clients * publishedPerSecond);
        }

        double perConsumerPerSecond() {
            return deliveredPerSecond / clients;
        }
    }

    private final Map<String, String> options;
    private final HttpClient http;
    private final ExecutorService io = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "fanout-io");
        thread.setDaemon(true);
        return thread;
    });

    private FanOutHarness(Map<String, String> options) {
        this.options = options;
        this.http = HttpClient.newBuilder().executor(io).connectTimeout(Duration.ofSeconds(5)).build();
    }

    public static void main(String[] args) throws Exception {
        new FanOutHarness(parse(args)).runAll();
    }

    /** {@code --name=value} arguments over the defaults; an unknown name is refused. */
    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>(Map.of("mds-jar",
                "market-data-service/target/market-data-service-0.1.0-SNAPSHOT-exec.jar", "clients", "1,10,50",
                "rate", "2000", "markets", "50", "warmup", "3", "seconds", "10", "runs", "3"));
        // Relay comparison (docs/performance.md §6): --modes=in-process,per-subscription,node-queue
        // --broker=127.0.0.1:61613 --rates=3500,40000 (generator steps/s; overrides --rate).
        options.put("modes", "in-process");
        options.put("broker", "127.0.0.1:61613");
        options.put("rates", "");
        // The service runs with the image's JVM flags (ShippedJvmFlags); --mds-base-jvm=<flags> replaces them,
        // --mds-jvm=<flags> adds some (e.g. a JFR recording); space-separated.
        options.put("mds-base-jvm", ShippedJvmFlags.SHIPPED);
        options.put("mds-jvm", "");
        // --mds-args=<service arguments> added to every mode's, space-separated (e.g. an A/B of a relay setting:
        // --mds-args=--marketdata.relay.batch-interval=0ms).
        options.put("mds-args", "");
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("expected --name=value, got " + arg);
            }
            String name = arg.substring(2, arg.indexOf('='));
            if (!options.containsKey(name) && !name.equals("out")) {
                throw new IllegalArgumentException("unknown option --" + name + " (known: " + options.keySet()
                        + ", out)");
            }
            options.put(name, arg.substring(arg.indexOf('=') + 1));
        }
        return options;
    }

    private int intOption(String name) {
        return Integer.parseInt(options.get(name));
    }

    private void runAll() throws Exception {
        Path jar = Path.of(options.get("mds-jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("no market-data-service jar at " + jar.toAbsolutePath()
                    + ": build it with ./mvnw -B -o -pl market-data-service -am package -DskipTests");
        }
        int markets = intOption("markets");
        List<Double> rates = new ArrayList<>();
        for (String r : (options.get("rates").isBlank() ? options.get("rate") : options.get("rates")).split(",")) {
            rates.add(Double.parseDouble(r.strip()));
        }
        List<String> modes = List.of(options.get("modes").split(","));
        List<Run> runs = new ArrayList<>();
        try (ExchangeSimulator sim = ExchangeSimulator.start(SimulatorConfig.builder().markets(markets).seed(42)
                .levelsPerSide(10).build())) {
            for (String mode : modes) {
                runMode(sim, jar, mode.strip(), rates, runs);
            }
        } finally {
            io.shutdownNow();
        }
        String report = modes.size() > 1 || !modes.contains("in-process") ? relayMarkdown(runs, markets)
                : markdown(runs, rates.get(0), markets);
        log.info("\n{}", report);
        if (options.get("out") != null) {
            Files.writeString(Path.of(options.get("out")), report);
        }
    }

    private void runMode(ExchangeSimulator sim, Path jar, String mode, List<Double> rates, List<Run> runs)
            throws Exception {
        List<String> serviceArgs = new ArrayList<>();
        if (!mode.equals("in-process")) {
            String broker = options.get("broker");
            serviceArgs.addAll(List.of("--marketdata.relay.enabled=true", "--marketdata.relay.topology=" + mode,
                    "--marketdata.relay.host=" + broker.substring(0, broker.lastIndexOf(':')),
                    "--marketdata.relay.port=" + broker.substring(broker.lastIndexOf(':') + 1),
                    "--marketdata.relay.namespace=bench-" + ProcessHandle.current().pid()));
        }
        serviceArgs.addAll(extraServiceArgs(options));
        List<String> jvm = jvmFlags(options);
        List<String> tokens = sim.tokenIds();
        try (ServiceProcess mds = ServiceProcess.start(List.of("-jar", jar.toString()), jvm, sim.marketUrl(),
                sim.restUrl(), tokens, Math.max(2000, tokens.size()), serviceArgs)) {
            log.info("market-data-service ({}) pid {} (log {}), JVM flags {}", mode, mds.pid(), mds.log(), jvm);
            mds.awaitLive(tokens.size(), Duration.ofSeconds(120));
            for (double rate : rates) {
                for (String count : options.get("clients").split(",")) {
                    for (int i = 0; i < intOption("runs"); i++) {
                        Run run = runOnce(sim, mds, mode, Integer.parseInt(count.strip()), rate);
                        log.info(String.format(Locale.ROOT, "%s, generator %.0f/s, %d client(s): upstream %.0f frames/s, "
                                        + "published %.0f ticks/s, delivered %.0f msgs/s (%.0f per client) = %.3f of "
                                        + "clients x published; publish->receive p50 %d ms p99 %d ms max %d ms; "
                                        + "dropped %d, slow consumers %d, longest feed-status gap %d ms%s", mode, rate,
                                run.clients(),
                                run.upstreamFramesPerSecond(), run.publishedPerSecond(), run.deliveredPerSecond(),
                                run.perConsumerPerSecond(), run.deliveredShare(), run.p50Millis(), run.p99Millis(),
                                run.maxMillis(), run.droppedTicks(), run.slowConsumers(), run.feedStatusGapMillis(),
                                run.problem() == null ? "" : " PROBLEM: " + run.problem()));
                        runs.add(run);
                    }
                }
            }
        }
    }

    /** The service's JVM options: the shipped ones unless --mds-base-jvm replaces them, then --mds-jvm's. */
    /** {@code --mds-args}: service arguments added to every mode's, space-separated; each must be {@code --key=value}. */
    static List<String> extraServiceArgs(Map<String, String> options) {
        List<String> out = new ArrayList<>();
        for (String arg : options.get("mds-args").strip().split("\\s+")) {
            if (arg.isEmpty()) {
                continue;
            }
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("--mds-args: expected --key=value service arguments, got " + arg);
            }
            out.add(arg);
        }
        return out;
    }

    static List<String> jvmFlags(Map<String, String> options) {
        return ShippedJvmFlags.forOptions(options.get("mds-base-jvm"), options.get("mds-jvm"));
    }

    private Run runOnce(ExchangeSimulator sim, ServiceProcess mds, String mode, int clientCount, double rate)
            throws Exception {
        URI stomp = mds.stompUrl();
        List<StompCountingClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < clientCount; i++) {
                StompCountingClient client = new StompCountingClient();
                clients.add(client);
                client.connect(http, stomp, sim.tokenIds());
            }
            sim.startGenerator(rate);
            Thread.sleep(intOption("warmup") * 1000L);
            clients.forEach(StompCountingClient::latencySinceLastCall);
            clients.forEach(StompCountingClient::endToEndSinceLastCall);
            clients.forEach(StompCountingClient::longestFeedStatusGapSinceLastCall);
            Map<String, Double> metrics0 = mds.counters();
            long delivered0 = delivered(clients);
            long sent0 = sim.framesSent();
            long start = System.nanoTime();
            Thread.sleep(intOption("seconds") * 1000L);
            long delivered1 = delivered(clients);
            long sent1 = sim.framesSent();
            double elapsed = (System.nanoTime() - start) / 1e9;
            Map<String, Double> metrics1 = mds.counters();
            sim.stopGenerator();
            Histogram latency = new Histogram(3);
            Histogram endToEnd = new Histogram(3);
            String problem = null;
            long feedStatusGap = 0;
            for (StompCountingClient client : clients) {
                latency.add(client.latencySinceLastCall());
                endToEnd.add(client.endToEndSinceLastCall());
                feedStatusGap = Math.max(feedStatusGap, client.longestFeedStatusGapSinceLastCall());
                problem = problem != null ? problem : client.problem();
            }
            return new Run(mode, rate, clientCount, (sent1 - sent0) / elapsed,
                    (metrics1.get("published") - metrics0.get("published")) / elapsed,
                    (delivered1 - delivered0) / elapsed, latency.getValueAtPercentile(50),
                    latency.getValueAtPercentile(99), latency.getMaxValue(), endToEnd.getValueAtPercentile(50),
                    endToEnd.getValueAtPercentile(99), Math.round(metrics1.get("dropped") - metrics0.get("dropped")),
                    Math.round(metrics1.get("slow") - metrics0.get("slow")),
                    ticksPerBatch(metrics1.get("published") - metrics0.get("published"),
                            metrics1.get("batches") - metrics0.get("batches")), feedStatusGap, problem);
        } finally {
            sim.stopGenerator();
            clients.forEach(StompCountingClient::close);
        }
    }

    /** Ticks per broker frame of the node-queue relay; NaN when it sent no batch (another mode). */
    static double ticksPerBatch(double published, double batches) {
        return batches > 0 ? published / batches : Double.NaN;
    }

    private static long delivered(List<StompCountingClient> clients) {
        return clients.stream().mapToLong(StompCountingClient::messages).sum();
    }

    static String markdown(List<Run> runs, double rate, int markets) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "STOMP fan-out: generator %.0f steps/s, "
                + "%d markets (%d tokens), every client subscribed to every token; mean ± sd over the runs of each "
                + "client count.%n%n", rate, markets, markets * 2));
        out.append("| clients | runs | upstream frames/s | ticks published/s | messages delivered/s (all clients) "
                + "| delivered / (clients x published) | publish->receive p50 / p99 (ms) "
                + "| exchange->receive p50 / p99 (ms) | dropped ticks | slow consumers | problems |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|\n");
        java.util.Map<Integer, List<Run>> byClients = new java.util.LinkedHashMap<>();
        runs.forEach(r -> byClients.computeIfAbsent(r.clients(), k -> new ArrayList<>()).add(r));
        byClients.forEach((clients, mine) -> {
            long problems = mine.stream().filter(r -> r.problem() != null).count();
            out.append(String.format(Locale.ROOT, "| %d | %d | %s | %s | %s | **%s** | %s / %s | %s / %s | %d | %d | %s |%n",
                    clients, mine.size(), stat(mine, Run::upstreamFramesPerSecond, "%.0f"),
                    stat(mine, Run::publishedPerSecond, "%.0f"), stat(mine, Run::deliveredPerSecond, "%.0f"),
                    stat(mine, Run::deliveredShare, "%.3f"), stat(mine, r -> r.p50Millis(), "%.0f"),
                    stat(mine, r -> r.p99Millis(), "%.0f"), stat(mine, r -> r.endToEndP50Millis(), "%.0f"),
                    stat(mine, r -> r.endToEndP99Millis(), "%.0f"),
                    mine.stream().mapToLong(Run::droppedTicks).sum(), mine.stream().mapToLong(Run::slowConsumers).sum(),
                    problems == 0 ? "none" : problems + " run(s): " + mine.stream().filter(r -> r.problem() != null)
                            .findFirst().map(Run::problem).orElse("")));
        });
        return out.toString();
    }

    /** Modes side by side per generator rate and client count, with each mode's ratio to the first relay mode and to in-process. */
    static String relayMarkdown(List<Run> runs, int markets) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "Relay fan-out: %d markets (%d tokens), every "
                + "client subscribed to every token; mean ± sd over the runs; modes measured one after another in one "
                + "harness run against one simulator.%n%n", markets, markets * 2));
        out.append("| generator steps/s | clients | mode | ticks published/s | delivered per client /s "
                + "| delivered / (clients x published) | publish->receive p50 / p99 (ms) | dropped "
                + "| ticks per broker frame (node-queue) | longest feed-status gap (ms) | problems |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|\n");
        java.util.Map<String, List<Run>> groups = new java.util.LinkedHashMap<>();
        runs.forEach(r -> groups.computeIfAbsent(r.rate() + "/" + r.clients() + "/" + r.mode(), k -> new ArrayList<>()).add(r));
        groups.forEach((key, mine) -> {
            Run first = mine.get(0);
            long problems = mine.stream().filter(r -> r.problem() != null).count();
            out.append(String.format(Locale.ROOT, "| %.0f | %d | %s | %s | **%s** | %s | %s / **%s** | %d | %s | %d | %s |%n",
                    first.rate(), first.clients(), first.mode(), stat(mine, Run::publishedPerSecond, "%.0f"),
                    stat(mine, Run::perConsumerPerSecond, "%.0f"), stat(mine, Run::deliveredShare, "%.3f"),
                    stat(mine, r -> r.p50Millis(), "%.0f"), stat(mine, r -> r.p99Millis(), "%.0f"),
                    mine.stream().mapToLong(Run::droppedTicks).sum(),
                    mine.stream().allMatch(r -> Double.isNaN(r.ticksPerBatch())) ? "-" : stat(mine, Run::ticksPerBatch, "%.1f"),
                    mine.stream().mapToLong(Run::feedStatusGapMillis).max().orElse(0),
                    problems == 0 ? "none" : problems + " run(s): "
                            + mine.stream().filter(r -> r.problem() != null).findFirst().map(Run::problem).orElse("")));
        });
        out.append("\nRatios (mean of a mode / mean of the reference, same generator rate and client count):\n\n"
                + "| generator steps/s | clients | mode | per-client rate vs per-subscription | p99 vs per-subscription "
                + "| per-client rate vs in-process | p99 vs in-process |\n|---|---|---|---|---|---|---|\n");
        groups.forEach((key, mine) -> {
            Run first = mine.get(0);
            List<Run> naive = groups.get(first.rate() + "/" + first.clients() + "/per-subscription");
            List<Run> local = groups.get(first.rate() + "/" + first.clients() + "/in-process");
            out.append(String.format(Locale.ROOT, "| %.0f | %d | %s | %s | %s | %s | %s |%n", first.rate(),
                    first.clients(), first.mode(), ratio(mine, naive, Run::perConsumerPerSecond),
                    ratio(mine, naive, r -> r.p99Millis()), ratio(mine, local, Run::perConsumerPerSecond),
                    ratio(mine, local, r -> r.p99Millis())));
        });
        return out.toString();
    }

    private static String ratio(List<Run> subject, List<Run> reference, java.util.function.ToDoubleFunction<Run> value) {
        if (reference == null) {
            return "-";
        }
        double ref = reference.stream().mapToDouble(value).average().orElse(Double.NaN);
        double sub = subject.stream().mapToDouble(value).average().orElse(Double.NaN);
        return ref == 0 ? (sub == 0 ? "1 (both 0)" : "ref 0") : String.format(Locale.ROOT, "%.2f", sub / ref);
    }

    private static String stat(List<Run> runs, java.util.function.ToDoubleFunction<Run> value, String pattern) {
        double[] values = runs.stream().mapToDouble(value).toArray();
        double mean = java.util.Arrays.stream(values).average().orElse(Double.NaN);
        if (values.length < 2) {
            return String.format(Locale.ROOT, pattern, mean);
        }
        double squares = java.util.Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum();
        return String.format(Locale.ROOT, pattern + " ± " + pattern, mean, Math.sqrt(squares / (values.length - 1)));
    }
}
