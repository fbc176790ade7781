package dev.polymaker.benchmarks.upstream;

import dev.polymaker.benchmarks.upstream.UpstreamLoadHarness.Run;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** Turns the harness's runs into a Markdown section: per-client figures and pool/raw ratios with spread. */
final class Report {

    private Report() {
    }

    static String markdown(UpstreamLoadHarness.Options options, List<Run> runs) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Upstream load: %d markets (%d tokens, one socket), %d levels per side, "
                        + "%d run(s) per client and rate, %d s warm-up + %d s window each, clients alternating.%n%n",
                options.markets, options.markets * 2, options.levels, options.runs, options.warmupSeconds,
                options.seconds));
        out.append("| generator (steps/s) | client | frames sent/s | delivered events/s | p50 latency (us) "
                + "| p99 latency (us) | p99.9 (us) | problems |\n|---|---|---|---|---|---|---|---|\n");
        for (double rate : options.rates) {
            for (String client : List.of("raw-socket", "upstream-pool")) {
                List<Run> mine = select(runs, rate, client);
                out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s |%n", label(rate), client,
                        spread(mine, Run::offeredPerSecond), spread(mine, Run::eventsPerSecond),
                        spread(mine, r -> r.p50Micros()), spread(mine, r -> r.p99Micros()),
                        spread(mine, r -> r.p999Micros()), problems(mine)));
            }
        }
        out.append("\n| generator (steps/s) | throughput pool/raw | p50 latency pool/raw | p99 latency pool/raw "
                + "| p50 pool - raw (us) |\n|---|---|---|---|---|\n");
        for (double rate : options.rates) {
            List<Run> raw = select(runs, rate, "raw-socket");
            List<Run> pool = select(runs, rate, "upstream-pool");
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", label(rate),
                    ratio(pool, raw, Run::eventsPerSecond), ratio(pool, raw, r -> r.p50Micros()),
                    ratio(pool, raw, r -> r.p99Micros()), difference(pool, raw, r -> r.p50Micros())));
        }
        out.append("\nA step is one random-walk change: one price_change frame (entries for both tokens), plus two "
                + "best_bid_ask events when the top of book moved; one change in four goes out as one array frame holding "
                + "all its events, so frames sent/s is below events/s. The raw socket counts events by scanning "
                + "each frame for \"event_type\"; the pool counts the events its listener is told about. \"flat out\": the generator runs as fast as the "
                + "shared CPU lets it, so delivered events/s is the capacity of simulator + client together.\n");
        out.append("\nFigures are mean ± sample standard deviation over the runs; ratios are the mean ± standard "
                + "deviation of the per-pair ratios (run i of the pool against run i of the raw socket).\n");
        return out.toString();
    }

    /** Rates the generator cannot reach on the machine are shown as what they mean: flat out. */
    static String label(double rate) {
        return rate >= UpstreamLoadHarness.FLAT_OUT ? "flat out" : String.format(Locale.ROOT, "%.0f", rate);
    }

    private static List<Run> select(List<Run> runs, double rate, String client) {
        List<Run> out = new ArrayList<>();
        for (Run run : runs) {
            if (run.rate() == rate && run.client().equals(client)) {
                out.add(run);
            }
        }
        return out;
    }

    private static String problems(List<Run> runs) {
        long bad = runs.stream().filter(r -> r.problem() != null).count();
        if (bad == 0) {
            return "none";
        }
        return bad + " of " + runs.size() + ": " + runs.stream().filter(r -> r.problem() != null).findFirst()
                .map(Run::problem).orElse("");
    }

    private static String spread(List<Run> runs, ToDoubleFunction<Run> value) {
        double[] values = runs.stream().mapToDouble(value).toArray();
        return format(values, "%.0f");
    }

    private static String ratio(List<Run> top, List<Run> bottom, ToDoubleFunction<Run> value) {
        int n = Math.min(top.size(), bottom.size());
        double[] ratios = new double[n];
        for (int i = 0; i < n; i++) {
            ratios[i] = value.applyAsDouble(top.get(i)) / value.applyAsDouble(bottom.get(i));
        }
        return format(ratios, "%.2f");
    }

    private static String difference(List<Run> top, List<Run> bottom, ToDoubleFunction<Run> value) {
        int n = Math.min(top.size(), bottom.size());
        double[] differences = new double[n];
        for (int i = 0; i < n; i++) {
            differences[i] = value.applyAsDouble(top.get(i)) - value.applyAsDouble(bottom.get(i));
        }
        return format(differences, "%.0f");
    }

    private static String format(double[] values, String pattern) {
        if (values.length == 0) {
            return "n/a";
        }
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= values.length;
        if (values.length == 1) {
            return String.format(Locale.ROOT, pattern, mean);
        }
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(squares / (values.length - 1));
        return String.format(Locale.ROOT, pattern + " ± " + pattern, mean, sd);
    }
}
