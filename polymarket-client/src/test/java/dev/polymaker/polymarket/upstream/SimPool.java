package dev.polymaker.polymarket.upstream;

import static org.awaitility.Awaitility.await;

import dev.polymaker.simulator.ExchangeSimulator;
import dev.polymaker.simulator.SimBook;
import dev.polymaker.simulator.SimulatorConfig;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.function.UnaryOperator;

/** A simulator plus a pool pointed at it, with test-sized timings; closes both. */
final class SimPool implements AutoCloseable {

    final ExchangeSimulator sim;
    final RecordingListener listener = new RecordingListener();
    final UpstreamConfig config;
    final UpstreamPool pool;

    SimPool(int markets, UnaryOperator<UpstreamConfig> tweak) {
        this(markets, tweak, UpstreamConfig.DEFAULT_FAILED_TOKEN_RETRY);
    }

    SimPool(int markets, UnaryOperator<UpstreamConfig> tweak, Duration failedTokenRetry) {
        sim = ExchangeSimulator.start(SimulatorConfig.builder().httpPort(0).wsPort(0).markets(markets).seed(42)
                .eventsPerSecond(0).build());
        config = tweak.apply(testConfig(sim));
        pool = new UpstreamPool(config, failedTokenRetry, listener, Clock.systemUTC());
    }

    static UpstreamConfig testConfig(ExchangeSimulator sim) {
        return new UpstreamConfig(sim.marketUrl(), sim.restUrl(), Duration.ofMillis(200), Duration.ofMillis(800),
                Duration.ofMillis(600), 200, Duration.ofMillis(50), Duration.ofMillis(400), Duration.ofMillis(10),
                Duration.ofSeconds(2), 3, 3);
    }

    static UpstreamConfig withMaxTokens(UpstreamConfig c, int max) {
        return new UpstreamConfig(c.url(), c.restUrl(), c.pingInterval(), c.silenceTimeout(), c.firstBookTimeout(),
                max, c.initialBackoff(), c.maxBackoff(), c.connectStagger(), c.backoffResetAfter(), c.desyncFrames(),
                c.firstBookRetries());
    }

    static UpstreamConfig withStagger(UpstreamConfig c, Duration stagger) {
        return new UpstreamConfig(c.url(), c.restUrl(), c.pingInterval(), c.silenceTimeout(), c.firstBookTimeout(),
                c.maxTokensPerSocket(), c.initialBackoff(), c.maxBackoff(), stagger, c.backoffResetAfter(),
                c.desyncFrames(), c.firstBookRetries());
    }

    static UpstreamConfig withRestUrl(UpstreamConfig c, java.net.URI restUrl) {
        return new UpstreamConfig(c.url(), restUrl, c.pingInterval(), c.silenceTimeout(), c.firstBookTimeout(),
                c.maxTokensPerSocket(), c.initialBackoff(), c.maxBackoff(), c.connectStagger(), c.backoffResetAfter(),
                c.desyncFrames(), c.firstBookRetries());
    }

    TokenState state(String tokenId) {
        return pool.tokenStatus(tokenId).map(TokenStatus::state).orElse(null);
    }

    void awaitAll(Collection<String> tokenIds, TokenState state) {
        await().atMost(Duration.ofSeconds(20)).until(() -> tokenIds.stream().allMatch(t -> state(t) == state));
    }

    /** True when our best bid and ask equal the exchange's for the token. */
    boolean agrees(String tokenId) {
        SimBook theirs = sim.book(tokenId);
        return pool.book(tokenId).map(ours -> same(ours.top().bestBid(), theirs.bestBid())
                && same(ours.top().bestAsk(), theirs.bestAsk())).orElse(false);
    }

    static boolean same(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    @Override
    public void close() {
        try {
            pool.close();
        } finally {
            Objects.requireNonNull(sim).close();
        }
    }
}
