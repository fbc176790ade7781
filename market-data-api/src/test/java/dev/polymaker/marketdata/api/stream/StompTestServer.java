package dev.polymaker.marketdata.api.stream;

import dev.polymaker.marketdata.api.Destinations;
import dev.polymaker.marketdata.api.FeedStatus;
import dev.polymaker.marketdata.api.Tick;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MimeTypeUtils;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/** Starts and stops a {@link StompTestApp} on 127.0.0.1, and publishes to it as market-data-service would. */
final class StompTestServer implements AutoCloseable {

    static {
        // Boot would reset logback on every start, losing the client's log lines logged meanwhile.
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
    }

    private final ConfigurableApplicationContext context;
    private final int port;

    private StompTestServer(ConfigurableApplicationContext context) {
        this.context = context;
        this.port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    /** Port 0 picks a free one. */
    static StompTestServer start(int port, String authToken) {
        return new StompTestServer(new SpringApplicationBuilder(StompTestApp.class)
                .web(WebApplicationType.SERVLET)
                .properties("server.address=127.0.0.1", "server.port=" + port, "server.shutdown=immediate",
                        "spring.main.banner-mode=off", "spring.jmx.enabled=false",
                        "test.stomp.auth-token=" + (authToken == null ? "" : authToken))
                .run());
    }

    int port() {
        return port;
    }

    URI url() {
        return URI.create("ws://127.0.0.1:" + port + Destinations.ENDPOINT);
    }

    TestFeed feed() {
        return context.getBean(TestFeed.class);
    }

    void publish(Tick tick) {
        template().convertAndSend(Destinations.ticks(tick.tokenId()), tick);
    }

    /** A tick with the {@code conflated} header the service puts on a tick that superseded others. */
    void publish(Tick tick, long conflated) {
        template().convertAndSend(Destinations.ticks(tick.tokenId()), tick,
                java.util.Map.of(Destinations.CONFLATED_HEADER, Long.toString(conflated)));
    }

    void publish(FeedStatus status) {
        template().convertAndSend(Destinations.FEED_STATUS, status);
    }

    /** Sends text labelled as JSON, whatever it contains. */
    void publishRaw(String destination, String json) {
        template().send(destination, MessageBuilder.withPayload(json.getBytes(StandardCharsets.UTF_8))
                .setHeader(MessageHeaders.CONTENT_TYPE, MimeTypeUtils.APPLICATION_JSON)
                .build());
    }

    private SimpMessagingTemplate template() {
        return context.getBean(SimpMessagingTemplate.class);
    }

    @Override
    public void close() {
        context.close();
    }
}
