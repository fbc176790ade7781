package dev.polymaker.marketdata.stomp;

import dev.polymaker.marketdata.api.Destinations;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.simp.broker.AbstractBrokerMessageHandler;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ExecutorChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.scheduling.TaskScheduler;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Sends a new {@code /topic/ticks.<id>} subscriber the token's latest tick as soon as the broker
 * has registered its subscription. Without this, a tick published between the demand being
 * registered (the token goes upstream, its first book can arrive within a millisecond) and the
 * broker recording the subscription would be lost, and on a quiet market the subscriber would
 * wait indefinitely for the next change. The replayed tick has the seq it was published with; where
 * it goes decides the order against live ticks ({@link Replayer}; docs/architecture.md §3.6).
 *
 * <p>With Spring's per-subscription relay the external broker registers the subscription some time
 * after we forwarded it, so the latest tick is sent once more after {@code relaySettle}.
 */
public final class LatestTickReplay implements ExecutorChannelInterceptor {

    /** A subscription the broker has just registered, and the channel its frames leave by. */
    public record NewSubscriber(String tokenId, String sessionId, String subscriptionId, String destination,
                                MessageChannel clientOutbound) {
    }

    /** Sends the latest tick of the subscriber's token, if there is one yet. */
    @FunctionalInterface
    public interface Replayer {
        void replay(NewSubscriber subscriber);
    }

    private final Replayer replayer;
    private final TaskScheduler scheduler;
    private final Duration relaySettle;

    /** {@code relaySettle} zero: no second replay. */
    public LatestTickReplay(Replayer replayer, TaskScheduler scheduler, Duration relaySettle) {
        this.replayer = replayer;
        this.scheduler = scheduler;
        this.relaySettle = relaySettle;
    }

    @Override
    public void afterMessageHandled(Message<?> message, MessageChannel channel, MessageHandler handler, Exception ex) {
        if (ex != null || !(handler instanceof AbstractBrokerMessageHandler broker)) {
            return;
        }
        StompHeaderAccessor stomp = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
        if (stomp == null || stomp.getCommand() != StompCommand.SUBSCRIBE) {
            return;
        }
        Optional<String> token = Destinations.tickToken(stomp.getDestination());
        if (token.isEmpty()) {
            return;
        }
        NewSubscriber subscriber = new NewSubscriber(token.get(), stomp.getSessionId(), stomp.getSubscriptionId(),
                stomp.getDestination(), broker.getClientOutboundChannel());
        replayer.replay(subscriber);
        if (!relaySettle.isZero()) {
            scheduler.schedule(() -> replayer.replay(subscriber), Instant.now().plus(relaySettle));
        }
    }
}
