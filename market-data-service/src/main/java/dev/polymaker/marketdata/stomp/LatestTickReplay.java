package dev.polymaker.marketdata.stomp;

import dev.polymaker.marketdata.api.Destinations;
import dev.polymaker.marketdata.api.Tick;
import dev.polymaker.marketdata.sequencing.TickSequencer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.SimpMessagingTemplate;
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
 * wait indefinitely for the next change. The replayed tick has the seq it was published with,
 * so a consumer that also got it live drops the duplicate.
 *
 * <p>With a broker relay the external broker registers the subscription some time after we
 * forwarded it, so the latest tick is sent once more after {@code relaySettle}.
 */
public final class LatestTickReplay implements ExecutorChannelInterceptor {

    private static final Logger log = LoggerFactory.getLogger(LatestTickReplay.class);

    private final TickSequencer sequencer;
    private final TaskScheduler scheduler;
    private final Duration relaySettle;
    private volatile MessageConverter converter;
    private volatile SimpMessagingTemplate template;

    /** {@code relaySettle} zero: no second replay (simple broker). */
    public LatestTickReplay(TickSequencer sequencer, TaskScheduler scheduler, Duration relaySettle) {
        this.sequencer = sequencer;
        this.scheduler = scheduler;
        this.relaySettle = relaySettle;
    }

    /**
     * The broker's message converter, handed over at start: it belongs to the broker configuration,
     * which is built from this interceptor. Replayed ticks are sent to the broker's own client
     * outbound channel, taken from the handler whose SUBSCRIBE they follow.
     */
    public void convertWith(MessageConverter converter) {
        this.converter = converter;
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
        String session = stomp.getSessionId();
        String subscription = stomp.getSubscriptionId();
        String destination = stomp.getDestination();
        MessageChannel out = broker.getClientOutboundChannel();
        replay(out, token.get(), session, subscription, destination);
        if (!relaySettle.isZero()) {
            scheduler.schedule(() -> replay(out, token.get(), session, subscription, destination),
                    Instant.now().plus(relaySettle));
        }
    }

    private void replay(MessageChannel out, String tokenId, String session, String subscription,
                        String destination) {
        Tick latest = sequencer.latest(tokenId).orElse(null);
        if (latest == null) {
            return; // nothing published yet: the first tick will reach the registered subscription
        }
        SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
        headers.setSessionId(session);
        headers.setSubscriptionId(subscription);
        headers.setLeaveMutable(true);
        try {
            template(out).convertAndSend(destination, latest, headers.getMessageHeaders());
        } catch (RuntimeException e) {
            log.warn("could not send the latest tick of {} to new subscriber {}: {}", tokenId, session, e.toString());
        }
    }

    private SimpMessagingTemplate template(MessageChannel clientOutbound) {
        SimpMessagingTemplate t = template;
        if (t == null) {
            MessageConverter wired = converter;
            if (wired == null) {
                throw new IllegalStateException("the broker's message converter was not handed over at start");
            }
            t = new SimpMessagingTemplate(clientOutbound);
            t.setMessageConverter(wired);
            template = t;
        }
        return t;
    }
}
