package dev.polymaker.testing.marketdata;

import dev.polymaker.marketdata.api.Destinations;
import dev.polymaker.marketdata.api.Tick;
import dev.polymaker.marketdata.api.TickState;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * State of a {@link FakeMarketDataServer}: the snapshots it answers with, who is subscribed to what,
 * and a guard that checks the auth-token on CONNECT and refuses subscriptions to {@link #FORBIDDEN_TOKEN}.
 */
public final class TestFeed implements ChannelInterceptor {

    public static final String FORBIDDEN_TOKEN = "666";

    private final String epoch;
    private final String requiredAuthToken;
    private final Map<String, Tick> snapshots = new ConcurrentHashMap<>();
    /** session id + " " + subscription id -> destination */
    private final Map<String, String> subscriptions = new ConcurrentHashMap<>();
    private final AtomicInteger connects = new AtomicInteger();
    private final AtomicInteger refusedConnects = new AtomicInteger();

    TestFeed(String epoch, String requiredAuthToken) {
        this.epoch = epoch;
        this.requiredAuthToken = requiredAuthToken == null ? "" : requiredAuthToken;
    }

    public String epoch() {
        return epoch;
    }

    public void putSnapshot(Tick tick) {
        snapshots.put(tick.tokenId(), tick);
    }

    /** The ticks snapshots answer with, by token. */
    public Map<String, Tick> snapshots() {
        return Map.copyOf(snapshots);
    }

    /** The latest tick, or a PENDING tick with seq 0 and no prices when none was published (docs/architecture.md §4). */
    public Tick snapshot(String tokenId) {
        return snapshots.getOrDefault(tokenId, new Tick(tokenId, null, epoch, 0, TickState.PENDING, Tick.EVENT_STATE,
                null, null, null, null, 0, 0, System.currentTimeMillis()));
    }

    public long subscribers(String destination) {
        return subscriptions.values().stream().filter(destination::equals).count();
    }

    public int connects() {
        return connects.get();
    }

    public int refusedConnects() {
        return refusedConnects.get();
    }

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        StompHeaderAccessor stomp = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
        if (stomp == null || stomp.getCommand() == null) {
            return message;
        }
        String session = stomp.getSessionId();
        StompCommand command = stomp.getCommand();
        switch (command) {
            case CONNECT, STOMP -> {
                if (!requiredAuthToken.isEmpty()
                        && !Objects.equals(requiredAuthToken, stomp.getFirstNativeHeader("auth-token"))) {
                    refusedConnects.incrementAndGet();
                    throw new MessagingException("invalid auth-token");
                }
                connects.incrementAndGet();
            }
            case SUBSCRIBE -> {
                if (Destinations.ticks(FORBIDDEN_TOKEN).equals(stomp.getDestination())) {
                    throw new MessagingException("subscription to token " + FORBIDDEN_TOKEN + " is forbidden");
                }
                subscriptions.put(session + " " + stomp.getSubscriptionId(), stomp.getDestination());
            }
            case UNSUBSCRIBE -> subscriptions.remove(session + " " + stomp.getSubscriptionId());
            case DISCONNECT -> subscriptions.keySet().removeIf(key -> key.startsWith(session + " "));
            default -> {
            }
        }
        return message;
    }
}
