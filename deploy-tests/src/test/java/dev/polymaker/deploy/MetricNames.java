package dev.polymaker.deploy;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The metric names the alert rules and the Grafana dashboard may use, and a way to find them in PromQL. */
final class MetricNames {

    /** docs/architecture.md §4 "Metric names". */
    static final Set<String> DESIGN = Set.of(
            "marketdata_upstream_frames_total", "marketdata_upstream_sockets", "marketdata_upstream_reconnects_total",
            "marketdata_tokens", "marketdata_ticks_published_total", "marketdata_book_resyncs_total",
            "marketdata_tick_latency_seconds", "marketdata_stomp_sessions", "marketdata_book_disagreements_total",
            "marketdata_witness_failures_total", "marketdata_markets_resolved_total",
            "trading_feed_mode", "trading_feed_switches_total", "trading_feed_replicas", "trading_feed_replicas_healthy",
            "trading_ticks_total", "trading_tick_latency_seconds",
            "trading_orders_total", "trading_position", "trading_stop_losses_total",
            "trading_position_disagreements_total", "trading_position_read_failures_total");

    /** Exported by trading-service beyond docs/architecture.md: gauge of tokens owned (each has a strategy). */
    static final Set<String> EXPORTED = Set.of("trading_tokens");

    /**
     * Needed by the alerts and dashboard, not exported yet (reported to the lead):
     * trading_halted (gauge: 1 while halted by POST /api/halt, else 0), trading_realised_pnl
     * (gauge, USDC, the realisedPnl of /api/status), and polymaker_ready (gauge in both services:
     * 1 while /actuator/health/readiness is UP, else 0).
     */
    static final Set<String> REQUESTED = Set.of("trading_halted", "trading_realised_pnl", "polymaker_ready");

    /** Standard: Prometheus' own scrape health and Micrometer's uptime gauge. */
    static final Set<String> STANDARD = Set.of("up", "process_uptime_seconds");

    private static final Pattern NAME = Pattern.compile("\\b((?:marketdata|trading|polymaker|process)_[a-z0-9_]+|up)\\b\\s*(?=[{\\[)]|\\s|$|==|>|<|\\*)");

    private MetricNames() {
    }

    static Set<String> known() {
        Set<String> all = new TreeSet<>(DESIGN);
        all.addAll(EXPORTED);
        all.addAll(REQUESTED);
        all.addAll(STANDARD);
        return all;
    }

    /** Metric names in a PromQL expression, with histogram suffixes folded onto their base name. */
    static Set<String> in(String promql) {
        Set<String> names = new TreeSet<>();
        String withoutLabels = promql.replaceAll("\\{[^}]*}", "{}").replaceAll("\"[^\"]*\"", "\"\"");
        Matcher m = NAME.matcher(withoutLabels);
        while (m.find()) {
            names.add(m.group(1).replaceFirst("_(bucket|sum|count)$", ""));
        }
        return names;
    }
}
