package dev.polymaker.marketdata.config;

import dev.polymaker.marketdata.api.Destinations;
import dev.polymaker.marketdata.stomp.InboundStompGuard;
import dev.polymaker.marketdata.stomp.LatestTickReplay;
import dev.polymaker.marketdata.stomp.StompSessionWatch;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.core.Ordered;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;

/**
 * STOMP over WebSocket at {@code /ws}: the embedded simple broker (or a relay to an external
 * broker) for {@code /topic/**}, {@code /app} for snapshots, the inbound guard, and the
 * executors that keep a slow consumer from slowing anyone else. The broker channel has one
 * thread and a bounded queue, so publishing from the upstream dispatch thread never blocks and
 * keeps seq order; the outbound channel preserves per-session order while the session
 * decorator enforces the send-time and buffer limits.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocketMessageBroker
public class StompConfiguration implements WebSocketMessageBrokerConfigurer, Ordered {

    private final MarketDataProperties props;
    private final InboundStompGuard guard;
    private final LatestTickReplay replay;
    private final StompSessionWatch sessionWatch;
    private final MarketDataThreads threads;

    public StompConfiguration(MarketDataProperties props, InboundStompGuard guard, LatestTickReplay replay,
                              StompSessionWatch sessionWatch,
                              MarketDataThreads threads) {
        this.props = props;
        this.guard = guard;
        this.replay = replay;
        this.sessionWatch = sessionWatch;
        this.threads = threads;
    }

    @Override
    public void registerStompEndpoints(StompEndpointRegistry registry) {
        registry.addEndpoint(Destinations.ENDPOINT);
    }

    @Override
    public void configureMessageBroker(MessageBrokerRegistry registry) {
        MarketDataProperties.Relay relay = props.getRelay();
        long heartbeat = props.getStomp().getHeartbeat().toMillis();
        if (relay.isEnabled()) {
            registry.enableStompBrokerRelay("/topic")
                    .setRelayHost(relay.getHost())
                    .setRelayPort(relay.getPort())
                    .setClientLogin(relay.getLogin())
                    .setClientPasscode(relay.getPasscode())
                    .setSystemLogin(relay.getLogin())
                    .setSystemPasscode(relay.getPasscode())
                    .setSystemHeartbeatSendInterval(heartbeat)
                    .setSystemHeartbeatReceiveInterval(heartbeat)
                    .setTaskScheduler(threads.scheduler());
        } else {
            registry.enableSimpleBroker("/topic")
                    .setHeartbeatValue(new long[] {heartbeat, heartbeat})
                    .setTaskScheduler(threads.scheduler());
        }
        registry.setApplicationDestinationPrefixes("/app");
        registry.setPreservePublishOrder(true);
        registry.configureBrokerChannel().executor(threads.broker());
    }

    @Override
    public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
        registration.setSendTimeLimit((int) Math.min(Integer.MAX_VALUE, props.getStomp().getSendTimeLimit().toMillis()))
                .setSendBufferSizeLimit(props.getStomp().getSendBufferSizeLimit())
                .addDecoratorFactory(sessionWatch);
    }

    @Override
    public void configureClientInboundChannel(ChannelRegistration registration) {
        registration.executor(threads.inbound()).interceptors(guard, replay);
    }

    @Override
    public void configureClientOutboundChannel(ChannelRegistration registration) {
        registration.executor(threads.outbound());
    }

    /** After Spring Boot's configurer (order 0), so our bounded executors are the ones used. */
    @Override
    public int getOrder() {
        return 10;
    }
}
