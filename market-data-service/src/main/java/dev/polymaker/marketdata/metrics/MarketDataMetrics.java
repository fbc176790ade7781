package dev.polymaker.marketdata.metrics;

import dev.polymaker.marketdata.api.Tick;
import dev.polymaker.marketdata.api.TickEvent;
import dev.polymaker.polymarket.upstream.PoolStatus;
import dev.polymaker.polymarket.upstream.SocketState;
import dev.polymaker.polymarket.upstream.SocketStatus;
import dev.polymaker.polymarket.upstream.TokenState;
import dev.polymaker.polymarket.upstream.TokenStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;

/**
 * The service's meters (design.md §4 names; Micrometer adds {@code _total} to counters and the
 * base unit to timers in Prometheus form). Gauges read the latest pool status snapshot, never the
 * pool itself, so a scrape costs nothing upstream.
 */
public final class MarketDataMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> frames = new ConcurrentHashMap<>();
    private final Map<String, Counter> reconnects = new ConcurrentHashMap<>();
    private final Map<String, Counter> resyncs = new ConcurrentHashMap<>();
    private final Map<String, Counter> rejected = new ConcurrentHashMap<>();
    private final Map<String, Counter> witnessFailures = new ConcurrentHashMap<>();
    private final Map<String, Counter> resolutions = new ConcurrentHashMap<>();
    private final Counter bookDisagreements;
    private final Counter ticksPublished;
    private final Counter ticksDropped;
    private final Counter ticksConflated;
    private final Counter slowConsumers;
    private final Counter tokenFileErrors;
    private final Counter tokenFileEntriesSkipped;
    private final Map<String, Counter> relayLinkLosses = new ConcurrentHashMap<>();
    private final AtomicReference<AtomicInteger> relayConnectedGauge =
            new AtomicReference<>();
    private final Counter relayForeign;
    private final Counter relayStatusDropped;
    private final Counter relayBatches;
    private final Timer tickLatency;
    private volatile Map<SocketState, Integer> socketsByState = Map.of();
    private volatile Map<TokenState, Integer> tokensByState = Map.of();

    public MarketDataMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.ticksPublished = Counter.builder("marketdata.ticks.published")
                .description("Ticks published to STOMP subscribers").register(registry);
        this.ticksDropped = Counter.builder("marketdata.ticks.dropped")
                .description("Ticks not published: broker queue full, or the relay's broker link down").register(registry);
        this.relayStatusDropped = Counter.builder("marketdata.relay.feed.status.dropped")
                .description("Feed-status heart-beats not published through the relay: its broker link down, or its"
                        + " publishing queue full (the next one follows within the status interval)").register(registry);
        this.relayBatches = Counter.builder("marketdata.relay.batches.published")
                .description("Tick batches published through the node-queue relay, one broker SEND each"
                        + " (ticks published / batches = ticks per broker frame)").register(registry);
        this.relayForeign = Counter.builder("marketdata.relay.foreign.messages")
                .description("Messages on this instance's relay namespace from another epoch (not delivered)")
                .register(registry);
        this.ticksConflated = Counter.builder("marketdata.ticks.conflated")
                .description("Ticks not written to a subscriber because a newer tick of the same token replaced them"
                        + " while they waited (a consumer reading slower than the ticks arrive)").register(registry);
        this.slowConsumers = Counter.builder("marketdata.stomp.slow.consumers")
                .description("STOMP sessions disconnected because they could not keep up").register(registry);
        this.bookDisagreements = Counter.builder("marketdata.book.disagreements")
                .description("Frames after which a token's levels disagreed with the exchange's stated top, or the"
                        + " top was crossed or locked (not published)").register(registry);
        this.tokenFileErrors = Counter.builder("marketdata.token.file.errors")
                .description("Token file versions rejected (unreadable or malformed)").register(registry);
        this.tokenFileEntriesSkipped = Counter.builder("marketdata.token.file.entries.skipped")
                .description("Bad token file entries skipped in versions that were applied").register(registry);
        this.tickLatency = Timer.builder("marketdata.tick.latency")
                .description("Exchange event time to tick published")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
        for (SocketState state : SocketState.values()) {
            Gauge.builder("marketdata.upstream.sockets", () -> socketsByState.getOrDefault(state, 0))
                    .description("Upstream sockets by state").tag("state", state.name()).register(registry);
        }
        for (TokenState state : TokenState.values()) {
            Gauge.builder("marketdata.tokens", () -> tokensByState.getOrDefault(state, 0))
                    .description("Upstream tokens by sync state").tag("state", state.name()).register(registry);
        }
    }

    /** Registers the open-session gauge once the session watch exists. */
    public void bindSessions(IntSupplier stompSessions) {
        Gauge.builder("marketdata.stomp.sessions", stompSessions::getAsInt)
                .description("Open STOMP sessions").register(registry);
    }

    /** Refreshes the socket and token gauges from a pool status snapshot. */
    public void update(PoolStatus status) {
        Map<SocketState, Integer> sockets = new EnumMap<>(SocketState.class);
        for (SocketStatus socket : status.sockets()) {
            sockets.merge(socket.state(), 1, Integer::sum);
        }
        Map<TokenState, Integer> tokens = new EnumMap<>(TokenState.class);
        for (TokenStatus token : status.tokens().values()) {
            tokens.merge(token.state(), 1, Integer::sum);
        }
        socketsByState = sockets;
        tokensByState = tokens;
    }

    public void frame(String type) {
        count(frames, "marketdata.upstream.frames", "Upstream frames and events handled, by type", "type", type);
    }

    public void reconnect(String reason) {
        count(reconnects, "marketdata.upstream.reconnects", "Upstream socket reconnects, by reason", "reason", reason);
    }

    public void resync(String reason) {
        count(resyncs, "marketdata.book.resyncs", "Token books resubscribed, by reason", "reason", reason);
    }

    public void bookDisagreement() {
        bookDisagreements.increment();
    }

    public void witnessFailure(String reason) {
        count(witnessFailures, "marketdata.witness.failures",
                "REST witness calls for silent sockets that gave no verdict, by reason", "reason", reason);
    }

    public void resolution(String source) {
        count(resolutions, "marketdata.markets.resolved", "Markets resolved, by who reported it first", "source",
                source);
    }

    public void stompRejected(String reason) {
        count(rejected, "marketdata.stomp.rejected", "STOMP frames rejected by the inbound guard, by reason",
                "reason", reason);
    }

    public void tickPublished(Tick tick) {
        ticksPublished.increment();
        if (tick.event() != TickEvent.STATE && tick.exchangeTime() > 0) {
            long latency = tick.publishedTime() - tick.exchangeTime();
            if (latency >= 0) {
                tickLatency.record(latency, TimeUnit.MILLISECONDS);
            }
        }
    }

    public void tickDropped() {
        ticksDropped.increment();
    }

    /** {@code marketdata_relay_connected}: 1 while the node-queue relay's broker link is up (registered in relay mode only). */
    public void relayConnected(boolean connected) {
        if (relayConnectedGauge.compareAndSet(null, new AtomicInteger())) {
            Gauge.builder("marketdata.relay.connected", relayConnectedGauge.get(), AtomicInteger::get)
                    .description("1 while the relay's link to the STOMP broker is up (namespace subscribed), else 0")
                    .register(registry);
        }
        relayConnectedGauge.get().set(connected ? 1 : 0);
    }

    public void relayLinkLoss(String reason) {
        count(relayLinkLosses, "marketdata.relay.link.losses", "relay broker link lost or not established, by reason",
                "reason", reason);
    }

    public void relayFeedStatusDropped() {
        relayStatusDropped.increment();
    }

    public void relayBatchPublished() {
        relayBatches.increment();
    }

    public void relayForeignMessage() {
        relayForeign.increment();
    }

    public void ticksConflated(long count) {
        ticksConflated.increment(count);
    }

    public long ticksConflatedTotal() {
        return (long) ticksConflated.count();
    }

    public void slowConsumer() {
        slowConsumers.increment();
    }

    public void tokenFileError() {
        tokenFileErrors.increment();
    }

    public void tokenFileEntriesSkipped(int entries) {
        tokenFileEntriesSkipped.increment(entries);
    }

    public long ticksPublishedTotal() {
        return (long) ticksPublished.count();
    }

    public long ticksDroppedTotal() {
        return (long) ticksDropped.count();
    }

    private void count(Map<String, Counter> counters, String name, String description, String tag, String value) {
        String key = value == null ? "unknown" : value;
        counters.computeIfAbsent(key, v -> Counter.builder(name).description(description).tag(tag, v)
                .register(registry)).increment();
    }
}
