package dev.polymaker.marketdata.api.stream;

import dev.polymaker.marketdata.api.Destinations;
import dev.polymaker.marketdata.api.Tick;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.simp.annotation.SubscribeMapping;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Controller;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

/** A minimal market-data STOMP server: simple broker on /topic, snapshots on /app/ticks.{id}, heart-beats. */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableWebSocketMessageBroker
@Import({TestFeed.class, StompTestApp.Snapshots.class})
class StompTestApp implements WebSocketMessageBrokerConfigurer, DisposableBean {

    private final TestFeed feed;
    private final ThreadPoolTaskScheduler heartbeats = new ThreadPoolTaskScheduler();

    StompTestApp(TestFeed feed) {
        this.feed = feed;
        heartbeats.setThreadNamePrefix("test-broker-heartbeat-");
        heartbeats.initialize();
    }

    @Override
    public void configureMessageBroker(MessageBrokerRegistry registry) {
        registry.enableSimpleBroker("/topic").setHeartbeatValue(new long[] {500, 500}).setTaskScheduler(heartbeats);
        registry.setApplicationDestinationPrefixes("/app");
        // Without this the outbound channel's thread pool may reorder messages of one session.
        registry.setPreservePublishOrder(true);
    }

    @Override
    public void registerStompEndpoints(StompEndpointRegistry registry) {
        registry.addEndpoint(Destinations.ENDPOINT);
    }

    @Override
    public void configureClientInboundChannel(ChannelRegistration registration) {
        registration.interceptors(feed);
    }

    @Override
    public void destroy() {
        heartbeats.shutdown();
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
