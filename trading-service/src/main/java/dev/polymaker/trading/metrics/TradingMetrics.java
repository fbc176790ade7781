package dev.polymaker.trading.metrics;

import dev.polymaker.marketdata.api.tokens.TokenFileWatcher;
import dev.polymaker.trading.feed.FeedMetrics;
import dev.polymaker.trading.orders.OrderStatus;
import dev.polymaker.trading.orders.Side;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Every meter of trading-service, named after the contract (docs/architecture.md §4); the feed's
 * own are in {@link FeedMetrics}, made here.
 */
public final class TradingMetrics {

    private final MeterRegistry meters;
    private final FeedMetrics feed;
    private final Map<String, Gauge> positions = new ConcurrentHashMap<>();
    private final Counter stopLosses;

    public TradingMetrics(MeterRegistry meters) {
        this.meters = Objects.requireNonNull(meters, "meters");
        this.feed = new FeedMetrics(meters);
        this.stopLosses = Counter.builder("trading.stop.losses")
                .description("stop-losses triggered (each exits one token's position with FAK SELLs)").register(meters);
    }

    public FeedMetrics feed() {
        return feed;
    }

    /** {@code trading_tokens}, {@code trading_halted} and {@code trading_realised_pnl}. */
    public void gauges(IntSupplier tokens, BooleanSupplier halted, Supplier<BigDecimal> realisedPnl) {
        // Supplier gauges hold their source strongly (an object gauge would let a lambda be collected).
        Gauge.builder("trading.tokens", tokens::getAsInt).description("tokens owned").register(meters);
        Gauge.builder("trading.halted", () -> halted.getAsBoolean() ? 1 : 0)
                .description("1 while trading is halted (by an operator or for lack of live data)").register(meters);
        Gauge.builder("trading.realised.pnl", () -> realisedPnl.get().doubleValue())
                .description("realised profit and loss over all tokens, USDC").register(meters);
    }

    /**
     * {@code trading_clob_rate_limit_remaining{bucket}} (the exchange's last {@code Poly-RateLimit-Remaining},
     * else our own bucket's tokens) and {@code trading_clob_rate_limit_warnings_total}.
     */
    public <T> void clobRateLimits(Map<String, java.util.function.DoubleSupplier> remaining, T source,
                                   java.util.function.ToDoubleFunction<T> warnings) {
        remaining.forEach((bucket, value) -> Gauge.builder("trading.clob.rate.limit.remaining", value::getAsDouble)
                .tag("bucket", bucket).description("order or cancel tokens left for this signing address")
                .register(meters));
        // A function counter holds its source weakly: pass one that lives as long as the client (its limits).
        io.micrometer.core.instrument.FunctionCounter.builder("trading.clob.rate.limit.warnings", source, warnings)
                .description("CLOB answers carrying Poly-RateLimit-Warning: true").register(meters);
    }

    /** {@code trading_orders_total{side,status}}. */
    public void order(Side side, OrderStatus status) {
        meters.counter("trading.orders", "side", side.name(), "status", status.name()).increment();
    }

    /** {@code trading_stop_losses_total}. */
    public void stopLoss() {
        stopLosses.increment();
    }

    /** {@code trading_position_disagreements_total}: ours vs the exchange's account, confirmed on two reads. */
    public void positionDisagreement() {
        meters.counter("trading.position.disagreements").increment();
    }

    /** {@code trading_position_read_failures_total}: the account's positions could not be read. */
    public void positionReadFailed() {
        meters.counter("trading.position.read.failures").increment();
    }

    public void strategyStarted() {
        meters.counter("trading.strategies.started").increment();
    }

    /** {@code trading_position{token}} while the token is ours. */
    public void position(String tokenId, Function<String, BigDecimal> size) {
        positions.computeIfAbsent(tokenId, id -> Gauge.builder("trading.position", () -> size.apply(id).doubleValue())
                .tag("token", id).description("shares held").register(meters));
    }

    public void positionGone(String tokenId) {
        Gauge g = positions.remove(tokenId);
        if (g != null) {
            meters.remove(g);
        }
    }

    /** {@code trading_token_file_errors_total} (refused versions) and {@code trading_token_file_reloads_total}. */
    public TokenFileWatcher.Events tokenFileEvents() {
        Counter errors = meters.counter("trading.token.file.errors");
        Counter reloads = meters.counter("trading.token.file.reloads");
        Counter skipped = meters.counter("trading.token.file.entries.skipped");
        return new TokenFileWatcher.Events() {
            @Override
            public void rejected() {
                errors.increment();
            }

            @Override
            public void loaded() {
                reloads.increment();
            }

            @Override
            public void skipped(int entries) {
                skipped.increment(entries);
            }
        };
    }
}
