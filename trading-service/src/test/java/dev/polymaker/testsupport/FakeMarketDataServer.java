package dev.polymaker.testsupport;

import dev.polymaker.marketdata.api.Destinations;
import dev.polymaker.marketdata.api.FeedStatus;
import dev.polymaker.marketdata.api.Tick;
import dev.polymaker.marketdata.api.TickState;
import dev.polymaker.marketdata.api.UpstreamHealth;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.annotation.SubscribeMapping;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Controller;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for market-data-service in tests: a real STOMP server (simple broker) on 127.0.0.1
 * that publishes the ticks and feed-status the test scripts, answers snapshots, and can be
 * stopped and started again on the same port.
 */
public final class FakeMarketDataServer implements AutoCloseable {

    private final String epoch;
    private final Map<String, Tick> latest = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> seqs = new ConcurrentHashMap<>();
    private final ScheduledExecutorService statusTimer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fake-mds-status");
        t.setDaemon(true);
        return t;
    });
    private volatile UpstreamHealth health = UpstreamHealth.UP;
    private volatile boolean statusesOn = true;
    private volatile ConfigurableApplicationContext context;
    private volatile int port;

    private FakeMarketDataServer(String epoch) {
        this.epoch = epoch;
        statusTimer.scheduleAtFixedRate(this::publishStatus, 100, 200, TimeUnit.MILLISECONDS);
    }

    public static FakeMarketDataServer start(String epoch) {
        FakeMarketDataServer s = new FakeMarketDataServer(epoch);
        s.startServer(0);
        return s;
    }

    public URI url() {
        return URI.create("ws://127.0.0.1:" + port + Destinations.ENDPOINT);
    }

    public String epoch() {
        return epoch;
    }

    /** Publishes a LIVE tick with the next seq of the token. */
    public Tick publish(String tokenId, String bid, String ask, long exchangeTime) {
        return publish(tokenId, TickState.LIVE, bid, ask, exchangeTime);
    }

    public Tick publish(String tokenId, TickState state, String bid, String ask, long exchangeTime) {
        long seq = seqs.computeIfAbsent(tokenId, k -> new AtomicLong()).incrementAndGet();
        long now = System.currentTimeMillis();
        Tick tick = new Tick(tokenId, "0xmarket", epoch, seq, state, "price_change",
                bid == null ? null : new java.math.BigDecimal(bid), ask == null ? null : new java.math.BigDecimal(ask),
                null, new java.math.BigDecimal("0.01"), exchangeTime, now, now);
        publish(tick);
        return tick;
    }

    /** Publishes exactly this tick (also to re-send one, to test de-duplication). */
    public void publish(Tick tick) {
        latest.put(tick.tokenId(), tick);
        ConfigurableApplicationContext c = context;
        if (c != null) {
            c.getBean(SimpMessagingTemplate.class).convertAndSend(Destinations.ticks(tick.tokenId()), tick);
        }
    }

    public void health(UpstreamHealth health) {
        this.health = health;
    }

    /** Stops or restarts the periodic feed-status while the STOMP server stays up. */
    public void statuses(boolean on) {
        this.statusesOn = on;
    }

    /** Stops the server (every session drops); {@link #restart()} brings it back on the same port. */
    public synchronized void stop() {
        if (context != null) {
            context.close();
            context = null;
        }
    }

    public synchronized void restart() {
        if (context == null) {
            startServer(port);
        }
    }

    public boolean running() {
        return context != null;
    }

    @Override
    public void close() {
        statusTimer.shutdownNow();
        stop();
    }

    private void startServer(int wanted) {
        // Its own config name, so the trading-service application.properties on the classpath is not read.
        ConfigurableApplicationContext c = new SpringApplicationBuilder(ServerApp.class)
                .run("--spring.config.name=fake-mds", "--server.port=" + wanted, "--server.address=127.0.0.1", "--spring.main.banner-mode=off",
                        "--spring.jmx.enabled=false", "--spring.application.name=fake-mds",
                        "--management.endpoints.web.exposure.include=health");
        c.getBean(SnapshotController.class).server = this;
        port = ((WebServerApplicationContext) c).getWebServer().getPort();
        context = c;
    }

    private void publishStatus() {
        ConfigurableApplicationContext c = context;
        if (c == null || !statusesOn) {
            return;
        }
        try {
            long live = latest.values().stream().filter(t -> t.state() == TickState.LIVE).count();
            c.getBean(SimpMessagingTemplate.class).convertAndSend(Destinations.FEED_STATUS,
                    new FeedStatus(epoch, System.currentTimeMillis(), health, 1, health == UpstreamHealth.DOWN ? 0 : 1,
                            latest.size(), (int) live, 0, latest.size() - (int) live, 50));
        } catch (RuntimeException e) {
            // closing between the check and the send
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @EnableWebSocketMessageBroker
    static class ServerApp implements WebSocketMessageBrokerConfigurer {

        @Bean
        ThreadPoolTaskScheduler fakeMdsHeartbeats() {
            ThreadPoolTaskScheduler s = new ThreadPoolTaskScheduler();
            s.setPoolSize(1);
            s.setThreadNamePrefix("fake-mds-hb-");
            s.initialize();
            return s;
        }

        @Bean
        SnapshotController snapshotController() {
            return new SnapshotController();
        }

        @Override
        public void registerStompEndpoints(StompEndpointRegistry registry) {
            registry.addEndpoint(Destinations.ENDPOINT);
        }

        @Override
        public void configureMessageBroker(MessageBrokerRegistry registry) {
            registry.enableSimpleBroker("/topic").setHeartbeatValue(new long[] {1000, 1000})
                    .setTaskScheduler(fakeMdsHeartbeats());
            registry.setApplicationDestinationPrefixes("/app");
        }
    }

    @Controller
    static class SnapshotController {
        volatile FakeMarketDataServer server;

        @SubscribeMapping("/ticks.{tokenId}")
        Tick snapshot(@DestinationVariable String tokenId) {
            Tick t = server == null ? null : server.latest.get(tokenId);
            if (t != null) {
                return t;
            }
            long now = System.currentTimeMillis();
            return new Tick(tokenId, null, server == null ? "none" : server.epoch, 0, TickState.PENDING,
                    Tick.EVENT_STATE, null, null, null, null, 0, now, now);
        }
    }
}
