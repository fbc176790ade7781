package dev.polymaker.marketdata.stomp;

import dev.polymaker.marketdata.api.Destinations;
import dev.polymaker.marketdata.metrics.MarketDataMetrics;
import dev.polymaker.support.RepeatedCondition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Polices every frame a STOMP client sends before it reaches the broker: clients are readers
 * only. SEND is refused; SUBSCRIBE only to {@code /topic/ticks.<id>}, {@code /topic/feed-status}
 * or {@code /app/ticks.<id>} with a 1-100 digit token id, within the per-session subscription
 * and total token limits; CONNECT must carry the shared secret when one is configured. A refused
 * frame gets a STOMP ERROR (which closes the session), is counted by reason and logged at WARN,
 * at most once per reason every 10 s, with the count.
 */
public final class InboundStompGuard implements ChannelInterceptor {

    static final String AUTH_HEADER = "auth-token";

    private static final Logger log = LoggerFactory.getLogger(InboundStompGuard.class);
    private static final Duration LOG_INTERVAL = Duration.ofSeconds(10);

    private final StompSubscriptions subscriptions;
    private final MarketDataMetrics metrics;
    private final byte[] authToken;
    private final Clock clock;
    private final ConcurrentHashMap<String, RepeatedCondition> rejections = new ConcurrentHashMap<>();

    public InboundStompGuard(StompSubscriptions subscriptions, MarketDataMetrics metrics, String authToken, Clock clock) {
        this.clock = clock;
        this.subscriptions = subscriptions;
        this.metrics = metrics;
        this.authToken = authToken == null || authToken.isEmpty() ? null : authToken.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        StompHeaderAccessor stomp = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
        if (stomp == null || stomp.getCommand() == null) {
            return message; // heart-beats and internal messages
        }
        String session = stomp.getSessionId();
        switch (stomp.getCommand()) {
            case CONNECT, STOMP -> checkConnect(message, stomp);
            case SEND -> throw reject(message, "send", "clients may not SEND (destination "
                    + printable(stomp.getDestination()) + "): this feed is read-only");
            case SUBSCRIBE -> checkSubscribe(message, stomp, session);
            case UNSUBSCRIBE -> subscriptions.unsubscribe(session, stomp.getSubscriptionId());
            case DISCONNECT -> subscriptions.disconnect(session);
            default -> {
            }
        }
        return message;
    }

    private void checkConnect(Message<?> message, StompHeaderAccessor stomp) {
        if (authToken == null) {
            return;
        }
        String presented = stomp.getFirstNativeHeader(AUTH_HEADER);
        if (presented == null || !MessageDigest.isEqual(authToken, presented.getBytes(StandardCharsets.UTF_8))) {
            throw reject(message, "auth", "CONNECT needs a valid '" + AUTH_HEADER + "' header");
        }
    }

    private void checkSubscribe(Message<?> message, StompHeaderAccessor stomp, String session) {
        String destination = stomp.getDestination();
        String subscriptionId = stomp.getSubscriptionId();
        if (subscriptionId == null) {
            throw reject(message, "destination", "SUBSCRIBE without an id header");
        }
        Optional<String> tickToken = Destinations.tickToken(destination);
        if (tickToken.isPresent() || Destinations.FEED_STATUS.equals(destination)) {
            subscriptions.subscribe(session, subscriptionId, tickToken).ifPresent(refusal -> {
                throw switch (refusal) {
                    case SUBSCRIPTION_LIMIT -> reject(message, "subscription_limit",
                            "too many subscriptions on this session (limit reached)");
                    case TOKEN_LIMIT -> reject(message, "token_limit",
                            "the service holds its maximum number of tokens; cannot add " + tickToken.get());
                };
            });
            return;
        }
        if (Destinations.snapshotToken(destination).isPresent()) {
            return;
        }
        if (destination != null && (destination.startsWith(Destinations.TICKS_PREFIX)
                || destination.startsWith(Destinations.SNAPSHOT_PREFIX))) {
            throw reject(message, "bad_token_id", "token ids are 1-100 decimal digits: " + printable(destination));
        }
        throw reject(message, "destination", "cannot subscribe to " + printable(destination)
                + "; allowed: /topic/ticks.<tokenId>, /topic/feed-status, /app/ticks.<tokenId>");
    }

    private MessageDeliveryException reject(Message<?> message, String reason, String text) {
        metrics.stompRejected(reason);
        logThrottled(reason, text);
        return new MessageDeliveryException(message, text);
    }

    private void logThrottled(String reason, String text) {
        rejections.computeIfAbsent(reason, r -> new RepeatedCondition(log, Level.WARN, clock, LOG_INTERVAL))
                .record("rejected STOMP frame (" + reason + "): " + text);
    }

    /** Destinations come from clients: keep what we echo short and printable. */
    private static String printable(String destination) {
        if (destination == null) {
            return "(none)";
        }
        String clean = destination.replaceAll("[^\\x20-\\x7e]", "?");
        return clean.length() > 120 ? clean.substring(0, 120) + "..." : clean;
    }
}
