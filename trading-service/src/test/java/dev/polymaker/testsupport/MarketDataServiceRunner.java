package dev.polymaker.testsupport;

import dev.polymaker.marketdata.MarketDataApplication;
import dev.polymaker.simulator.ExchangeSimulator;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;

/**
 * The real market-data-service, started in this JVM against the exchange simulator with
 * test-sized timings, on a fixed loopback port so it can be stopped and started again.
 */
public final class MarketDataServiceRunner implements AutoCloseable {

    private final ExchangeSimulator sim;
    private final int port;
    private volatile ConfigurableApplicationContext context;

    public MarketDataServiceRunner(ExchangeSimulator sim) {
        this.sim = sim;
        this.port = TestPorts.unused();
    }

    public URI stompUrl() {
        return URI.create("ws://127.0.0.1:" + port + "/ws");
    }

    public synchronized MarketDataServiceRunner start() {
        if (context == null) {
            // Its own config name: the classpath's application.properties is trading-service's.
            context = new SpringApplicationBuilder(MarketDataApplication.class).run(
                    "--spring.config.name=market-data-service-test",
                    "--spring.application.name=market-data-service",
                    "--spring.main.banner-mode=off",
                    "--spring.jmx.enabled=false",
                    "--server.port=" + port,
                    "--server.address=127.0.0.1",
                    "--management.endpoints.web.exposure.include=health",
                    "--marketdata.upstream.url=" + sim.marketUrl(),
                    "--marketdata.upstream.rest-url=" + sim.restUrl(),
                    "--marketdata.upstream.ping-interval=200ms",
                    "--marketdata.upstream.silence-timeout=800ms",
                    "--marketdata.upstream.first-book-timeout=1s",
                    "--marketdata.upstream.reconnect.initial-backoff=50ms",
                    "--marketdata.upstream.reconnect.max-backoff=400ms",
                    "--marketdata.status-interval=200ms",
                    "--marketdata.demand.grace-period=2s",
                    "--marketdata.stomp.heartbeat=1s",
                    "--marketdata.health.down-after=500ms");
        }
        return this;
    }

    public synchronized void stop() {
        if (context != null) {
            context.close();
            context = null;
        }
    }

    public boolean running() {
        return context != null;
    }

    @Override
    public void close() {
        stop();
    }
}
