package dev.polymaker.testing.marketdata;

import dev.polymaker.marketdata.api.Destinations;
import dev.polymaker.marketdata.api.FeedStatus;
import dev.polymaker.marketdata.api.Tick;
import dev.polymaker.marketdata.api.TickState;
import dev.polymaker.marketdata.api.UpstreamHealth;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.annotation.SubscribeMapping;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Controller;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one stand-in for market-data-service in tests (market-data-api's and trading-service's): a
 * real STOMP server (simple broker, heart-beats) on 127.0.0.1 that publishes what the test scripts,
 * answers {@code /app/ticks.{id}} snapshots from its {@link TestFeed}, checks the auth-token, and can
 * be stopped and started again on the same port. Contract: docs/architecture.md §4.
 */
public final class FakeMarketDataServer implements AutoCloseable {

    private static final AtomicInteger RUNS = new AtomicInteger();

    private final TestFeed feed;
    private final Map<String, AtomicLong> seqs = new ConcurrentHashMap<>();
    private final ScheduledExecutorService statusTimer;
    private volatile UpstreamHealth health = UpstreamHealth.UP;
    private volatile boolean statusesOn = true;
    private volatile ConfigurableApplicationContext context;
    private volatile int port;

    private FakeMarketDataServer(TestFeed feed, boolean periodicStatuses) {
        this.feed = feed;
        if (periodicStatuses) {
            statusTimer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "fake-mds-status");
                t.setDaemon(true);
                return t;
            });
            statusTimer.scheduleAtFixedRate(this::publishStatus, 100, 200, TimeUnit.MILLISECONDS);
        } else {
            statusTimer = null;
        }
    }

    /** On {@code port} (0: a free one), requiring {@code authToken} on CONNECT (null: none); publishes only what the test does. */
    public static FakeMarketDataServer start(int port, String authToken) {
        FakeMarketDataServer s = new FakeMarketDataServer(
                new TestFeed("test-" + RUNS.incrementAndGet() + "-" + System.nanoTime(), authToken), false);
        s.startServer(port);
        return s;
    }

    /** On a free port, no auth, epoch {@code epoch}, with a feed status every 200 ms as the service sends them. */
    public static FakeMarketDataServer start(String epoch) {
        FakeMarketDataServer s = new FakeMarketDataServer(new TestFeed(epoch, null), true);
        s.startServer(0);
        return s;
    }

    public int port() {
        return port;
    }

    public URI url() {
        return URI.create("ws://127.0.0.1:" + port + Destinations.ENDPOINT);
    }

    public String epoch() {
        return feed.epoch();
    }

    public TestFeed feed() {
        return feed;
    }

    /** Publishes a LIVE tick with the next seq of the token, which snapshots answer with from now on. */
    public Tick publish(String tokenId, String bid, String ask, long exchangeTime) {
        return publish(tokenId, TickState.LIVE, bid, ask, exchangeTime);
    }

    public Tick publish(String tokenId, TickState state, String bid, String ask, long exchangeTime) {
        long seq = seqs.computeIfAbsent(tokenId, k -> new AtomicLong()).incrementAndGet();
        long now = System.currentTimeMillis();
        Tick tick = new Tick(tokenId, "0xmarket", feed.epoch(), seq, state, "price_change",
                bid == null ? null : new BigDecimal(bid), ask == null ? null : new BigDecimal(ask),
                null, new BigDecimal("0.01"), exchangeTime, now, now);
        feed.putSnapshot(tick);
        publish(tick);
        return tick;
    }

    /** Publishes exactly this tick (also to re-send one, to test de-duplication); snapshots are not changed. */
    public void publish(Tick tick) {
        template().ifPresent(t -> t.convertAndSend(Destinations.ticks(tick.tokenId()), tick));
    }

    /** A tick with the {@code conflated} header the service puts on a tick that superseded others. */
    public void publish(Tick tick, long conflated) {
        template().ifPresent(t -> t.convertAndSend(Destinations.ticks(tick.tokenId()), tick,
                java.util.Map.of(Destinations.CONFLATED_HEADER, Long.toString(conflated))));
    }

    public void publish(FeedStatus status) {
        template().ifPresent(t -> t.convertAndSend(Destinations.FEED_STATUS, status));
    }

    /** Sends text labelled as JSON, whatever it contains. */
    public void publishRaw(String destination, String json) {
        template().ifPresent(t -> t.send(destination, MessageBuilder.withPayload(json.getBytes(StandardCharsets.UTF_8))
                .setHeader(MessageHeaders.CONTENT_TYPE, MimeTypeUtils.APPLICATION_JSON)
                .build()));
    }

    /** The upstream health the periodic feed status reports. */
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
        if (statusTimer != null) {
            statusTimer.shutdownNow();
        }
        stop();
    }

    private Optional<SimpMessagingTemplate> template() {
        ConfigurableApplicationContext c = context;
        return c == null ? Optional.empty() : Optional.of(c.getBean(SimpMessagingTemplate.class));
    }

    private synchronized void startServer(int wanted) {
        // Its own config name, so no application.properties of the module under test is read.
        ConfigurableApplicationContext c = new SpringApplicationBuilder(ServerApp.class)
                .web(WebApplicationType.SERVLET)
                .initializers(ctx -> ctx.getBeanFactory().registerSingleton("testFeed", feed))
                .run("--spring.config.name=fake-mds", "--server.port=" + wanted, "--server.address=127.0.0.1",
                        "--server.shutdown=immediate", "--spring.main.banner-mode=off", "--spring.jmx.enabled=false",
                        "--spring.application.name=fake-mds", "--management.endpoints.web.exposure.include=health");
        port = c.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        context = c;
    }

    private void publishStatus() {
        if (!statusesOn) {
            return;
        }
        try {
            Map<String, Tick> latest = feed.snapshots();
            long live = latest.values().stream().filter(t -> t.state() == TickState.LIVE).count();
            publish(new FeedStatus(feed.epoch(), System.currentTimeMillis(), health, 1,
                    health == UpstreamHealth.DOWN ? 0 : 1, latest.size(), (int) live, 0, latest.size() - (int) live, 50));
        } catch (RuntimeException e) {
            // closing between the check and the send
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @EnableWebSocketMessageBroker
    static class ServerApp implements WebSocketMessageBrokerConfigurer, DisposableBean {

        private final TestFeed feed;
        private final ThreadPoolTaskScheduler heartbeats = new ThreadPoolTaskScheduler();

        ServerApp(TestFeed feed) {
            this.feed = feed;
            heartbeats.setPoolSize(1);
            heartbeats.setThreadNamePrefix("fake-mds-hb-");
            heartbeats.initialize();
        }

        @Bean
        Snapshots snapshots() {
            return new Snapshots(feed);
        }

        @Override
        public void registerStompEndpoints(StompEndpointRegistry registry) {
            registry.addEndpoint(Destinations.ENDPOINT);
        }

        @Override
        public void configureMessageBroker(MessageBrokerRegistry registry) {
            registry.enableSimpleBroker("/topic").setHeartbeatValue(new long[] {500, 500}).setTaskScheduler(heartbeats);
            registry.setApplicationDestinationPrefixes("/app");
            // Without this the outbound channel's thread pool may reorder messages of one session.
            registry.setPreservePublishOrder(true);
        }

        @Override
        public void configureClientInboundChannel(ChannelRegistration registration) {
            registration.interceptors(feed);
        }

        @Override
        public void destroy() {
            heartbeats.shutdown();
        }
    }

    @Controller
    static class Snapshots {

        private final TestFeed feed;

        Snapshots(TestFeed feed) {
            this.feed = feed;
        }

        @SubscribeMapping("/ticks.{tokenId}")
        Tick snapshot(@DestinationVariable String tokenId) {
            return feed.snapshot(tokenId);
        }
    }
}
