package dev.polymaker.trading.feed;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The feed's meters, named after the contract (docs/architecture.md §4): {@code trading_feed_mode},
 * {@code trading_feed_switches_total{from,to,reason}}, {@code trading_feed_replicas},
 * {@code trading_feed_replicas_healthy}, {@code trading_ticks_total{source,outcome}} and
 * {@code trading_tick_latency_seconds}.
 */
public final class FeedMetrics {

    private final MeterRegistry meters;
    private final Timer latency;
    private final Map<String, Counter> ticks = new ConcurrentHashMap<>();

    public FeedMetrics(MeterRegistry meters) {
        this.meters = Objects.requireNonNull(meters, "meters");
        this.latency = Timer.builder("trading.tick.latency").description("shared feed tick published -> received")
                .publishPercentileHistogram().register(meters);
    }

    /** Registers the mode gauges: 1 for the current mode, 0 for the others. */
    void modeGauges(Supplier<FeedMode> mode) {
        for (FeedMode m : FeedMode.values()) {
            Gauge.builder("trading.feed.mode", () -> mode.get() == m ? 1 : 0).tag("mode", m.name())
                    .description("1 for the current feed mode").register(meters);
        }
    }

    /** The configured replica count, and how many the selector counts healthy now. */
    void replicaGauges(int configured, IntSupplier healthy) {
        Gauge.builder("trading.feed.replicas", () -> configured)
                .description("market-data-service replicas configured (trading.market-data.urls)").register(meters);
        Gauge.builder("trading.feed.replicas.healthy", healthy::getAsInt)
                .description("market-data-service replicas healthy now, as this instance's feed selector sees them")
                .register(meters);
    }

    /** One switch; label values name the source ({@code shared:<replica>}, {@code direct}, {@code none}). */
    void switched(FeedTransition t) {
        meters.counter("trading.feed.switches", "from", t.fromTag(), "to", t.toTag(), "reason", t.reason().tag())
                .increment();
    }

    void tick(TickSource source, TickGate.Verdict outcome) {
        ticks.computeIfAbsent(key(source, outcome), k -> meters.counter("trading.ticks",
                "source", source.tag(), "outcome", outcome.tag())).increment();
    }

    /** Time from market-data-service publishing a tick to its arrival here. */
    void latency(long publishedTime, long now) {
        if (publishedTime > 0) {
            latency.record(Duration.ofMillis(Math.max(0, now - publishedTime)));
        }
    }

    public long tickCount(TickSource source, TickGate.Verdict outcome) {
        Counter c = ticks.get(key(source, outcome));
        return c == null ? 0 : (long) c.count();
    }

    private static String key(TickSource source, TickGate.Verdict outcome) {
        return source.tag() + "/" + outcome.tag();
    }
}
