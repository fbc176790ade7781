package dev.polymaker.benchmarks.latency;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The latency harness's results as markdown: every window, then the ratios per K (service / raw) and,
 * when the hop side ran, the relay floor per K (hop / raw, service / hop).
 */
final class LatencyReport {

    private LatencyReport() {
    }

    static String markdown(LatencyHarness.Options options, List<Window> windows) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "Tick latency, market-data-service vs raw broadcast: %d markets (%d tokens), one price_change per "
                        + "event moving one market's top (two ticks), every consumer subscribed to every token; latency "
                        + "phase %.0f events/s, %d run(s) per side of %d s after %d s warm-up; ramp steps of %d s; clean = "
                        + "no loss, no seq gap, p99 <= %d us, offered >= 95%% of the rate.%n%n",
                options.markets, options.markets * 2, options.rate, options.runs, options.seconds,
                options.warmupSeconds, options.rampSeconds, options.p99LimitMicros));
        out.append("| K | side | phase | rate | offered/s | delivered/s per consumer | p50 µs | p99 µs | p99.9 µs | max µs "
                + "| lost | gaps | conflated | ticks/event | MDS CPU µs/event | MDS CPU µs/delivered tick "
                + "| harness CPU µs/event | clean | problem |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Window w : windows) {
            out.append(String.format(Locale.ROOT, "| %d | %s | %s | %.0f | %.0f | %.0f | %d | %d | %d | %d | %d | %d | %d "
                            + "| %.2f | %.1f | %.2f | %.1f | %s | %s |%n", w.consumers(), w.side(), w.phase(), w.rate(),
                    w.offeredPerSecond(), w.deliveredPerConsumerPerSecond(), w.p50Micros(), w.p99Micros(),
                    w.p999Micros(), w.maxMicros(), w.lost(), w.gaps(), w.conflated(), w.ticksPerEvent(),
                    w.mdsCpuMicrosPerEvent(), w.mdsCpuMicrosPerDelivery(), w.harnessCpuMicrosPerEvent(),
                    w.clean() ? "yes" : "no", w.problem() == null ? "" : w.problem().replace('|', '/')
                            .replace('\n', ' ')));
        }
        out.append("\n**Ratios per K** (service / raw; latency phase: mean over the runs of each side)\n\n");
        out.append("| K | p50 MDS / raw (µs) | ratio | p99 MDS / raw (µs) | ratio | p99.9 MDS / raw (µs) "
                + "| highest clean rate MDS / raw (events/s per consumer) | ratio | MDS CPU µs/event "
                + "| MDS CPU µs/delivered tick | lost (MDS latency phase) | stalled consumer: others' p99 µs |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        Map<Integer, List<Window>> byK = new LinkedHashMap<>();
        windows.forEach(w -> byK.computeIfAbsent(w.consumers(), k -> new ArrayList<>()).add(w));
        byK.forEach((k, mine) -> {
            List<Window> mdsLat = select(mine, "mds", "latency");
            List<Window> rawLat = select(mine, "raw", "latency");
            List<Window> stalled = select(mine, "mds", "stalled");
            double mdsP50 = mean(mdsLat, Window::p50Micros);
            double rawP50 = mean(rawLat, Window::p50Micros);
            double mdsP99 = mean(mdsLat, Window::p99Micros);
            double rawP99 = mean(rawLat, Window::p99Micros);
            double mdsMax = highestClean(mine, "mds");
            double rawMax = highestClean(mine, "raw");
            out.append(String.format(Locale.ROOT, "| %d | %.0f / %.0f | **%.2f** | %.0f / %.0f | **%.2f** | %.0f / %.0f "
                            + "| %.0f / %.0f | **%.2f** | %.1f | %.2f | %d | %s |%n", k, mdsP50, rawP50, mdsP50 / rawP50,
                    mdsP99, rawP99, mdsP99 / rawP99, mean(mdsLat, Window::p999Micros), mean(rawLat, Window::p999Micros),
                    mdsMax, rawMax, rawMax == 0 ? Double.NaN : mdsMax / rawMax,
                    mean(mdsLat, Window::mdsCpuMicrosPerEvent), mean(mdsLat, Window::mdsCpuMicrosPerDelivery),
                    mdsLat.stream().mapToLong(Window::lost).sum(),
                    stalled.isEmpty() ? "-" : String.format(Locale.ROOT, "%.0f (%.2f x without)",
                            mean(stalled, Window::p99Micros), mean(stalled, Window::p99Micros) / mdsP99)));
        });
        if (windows.stream().anyMatch(w -> w.side().equals("hop"))) {
            out.append("\n**The relay floor per K** (hop: a process that passes every frame on unparsed, the same read "
                    + "path as the service and the raw side's WebSocket server; latency phase: mean over the runs)\n\n");
            out.append("| K | p50 raw / hop / MDS (µs) | hop / raw | MDS / hop | p99 raw / hop / MDS (µs) | hop / raw "
                    + "| MDS / hop | highest clean rate raw / hop / MDS | hop CPU µs/event |\n"
                    + "|---|---|---|---|---|---|---|---|---|\n");
            byK.forEach((k, mine) -> {
                double rawP50 = latency(mine, "raw", Window::p50Micros);
                double hopP50 = latency(mine, "hop", Window::p50Micros);
                double mdsP50 = latency(mine, "mds", Window::p50Micros);
                double rawP99 = latency(mine, "raw", Window::p99Micros);
                double hopP99 = latency(mine, "hop", Window::p99Micros);
                double mdsP99 = latency(mine, "mds", Window::p99Micros);
                out.append(String.format(Locale.ROOT, "| %d | %.0f / %.0f / %.0f | **%.2f** | **%.2f** "
                                + "| %.0f / %.0f / %.0f | **%.2f** | **%.2f** | %.0f / %.0f / %.0f | %.1f |%n", k,
                        rawP50, hopP50, mdsP50, hopP50 / rawP50, mdsP50 / hopP50, rawP99, hopP99, mdsP99,
                        hopP99 / rawP99, mdsP99 / hopP99, highestClean(mine, "raw"), highestClean(mine, "hop"),
                        highestClean(mine, "mds"), latency(mine, "hop", Window::mdsCpuMicrosPerEvent)));
            });
        }
        return out.toString();
    }

    private static List<Window> select(List<Window> windows, String side, String phase) {
        return windows.stream().filter(w -> w.side().equals(side) && w.phase().equals(phase)).toList();
    }

    /** The mean of one side's latency-phase windows. */
    private static double latency(List<Window> windows, String side, ToDoubleFunction<Window> value) {
        return mean(select(windows, side, "latency"), value);
    }

    private static double mean(List<Window> windows, ToDoubleFunction<Window> value) {
        return windows.stream().mapToDouble(value).average().orElse(Double.NaN);
    }

    /** The highest ramp rate that was clean with every lower step clean too (the ramp stops at the first failure). */
    static double highestClean(List<Window> windows, String side) {
        double best = 0;
        for (Window w : select(windows, side, "ramp")) {
            if (!w.clean()) {
                break;
            }
            best = w.rate();
        }
        return best;
    }
}
