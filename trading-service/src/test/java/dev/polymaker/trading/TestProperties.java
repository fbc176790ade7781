package dev.polymaker.trading;

import dev.polymaker.simulator.ExchangeSimulator;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Test-sized timings for the whole app: stale-after 1 s, return-after 2 s, fast reconnects. */
public final class TestProperties {

    private TestProperties() {
    }

    /** @param marketDataUrl {@code trading.market-data.url}, or null when the test sets {@code urls} itself */
    public static void fast(DynamicPropertyRegistry r, String marketDataUrl, ExchangeSimulator sim) {
        if (marketDataUrl != null) {
            r.add("trading.market-data.url", () -> marketDataUrl);
        }
        r.add("trading.market-data.heartbeat", () -> "1s");
        r.add("trading.market-data.initial-backoff", () -> "100ms");
        r.add("trading.market-data.max-backoff", () -> "300ms");
        r.add("trading.direct.url", () -> sim.marketUrl().toString());
        r.add("trading.direct.rest-url", () -> sim.restUrl().toString());
        r.add("trading.direct.connect-jitter", () -> "100ms");
        r.add("trading.direct.ping-interval", () -> "200ms");
        r.add("trading.direct.silence-timeout", () -> "800ms");
        r.add("trading.direct.first-book-timeout", () -> "600ms");
        r.add("trading.direct.initial-backoff", () -> "50ms");
        r.add("trading.direct.max-backoff", () -> "400ms");
        r.add("trading.feed.stale-after", () -> "1s");
        r.add("trading.feed.return-after", () -> "2s");
        r.add("trading.feed.check-interval", () -> "50ms");
        r.add("server.address", () -> "127.0.0.1");
    }
}
