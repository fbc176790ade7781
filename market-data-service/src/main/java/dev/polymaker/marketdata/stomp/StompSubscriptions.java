package dev.polymaker.marketdata.stomp;

import dev.polymaker.marketdata.demand.Admission;
import dev.polymaker.marketdata.demand.DemandSource;
import dev.polymaker.marketdata.demand.TokenDemand;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Live STOMP subscriptions per session, and the token demand they hold: one reference per
 * {@code /topic/ticks.<id>} subscription, released on UNSUBSCRIBE, DISCONNECT or a dropped
 * connection (each release happens once, however many of those arrive).
 */
public final class StompSubscriptions {

    /** Why a subscription was refused. */
    public enum Refusal {
        SUBSCRIPTION_LIMIT, TOKEN_LIMIT
    }

    /** Told of every ticks subscription that starts or ends (the fan-out's registry). */
    public interface Listener {
        void subscribed(String sessionId, String subscriptionId, String tokenId);

        void unsubscribed(String sessionId, String subscriptionId, String tokenId);
    }

    private final TokenDemand demand;
    private final int maxPerSession;
    private final Listener listener;
    private final ConcurrentHashMap<String, Map<String, Optional<String>>> sessions = new ConcurrentHashMap<>();

    public StompSubscriptions(TokenDemand demand, int maxPerSession, Listener listener) {
        this.demand = demand;
        this.maxPerSession = maxPerSession;
        this.listener = listener;
    }

    /**
     * Records a subscription; {@code tokenId} is the token of a ticks destination, empty for
     * {@code /topic/feed-status}. Returns the refusal, if any.
     */
    public Optional<Refusal> subscribe(String sessionId, String subscriptionId, Optional<String> tokenId) {
        Map<String, Optional<String>> subs = sessions.computeIfAbsent(sessionId, id -> new HashMap<>());
        synchronized (subs) {
            Optional<String> previous = subs.get(subscriptionId);
            if (previous == null && subs.size() >= maxPerSession) {
                return Optional.of(Refusal.SUBSCRIPTION_LIMIT);
            }
            if (tokenId.isPresent() && demand.acquire(DemandSource.STOMP, tokenId.get()) != Admission.ACCEPTED) {
                return Optional.of(Refusal.TOKEN_LIMIT);
            }
            subs.put(subscriptionId, tokenId);
            previous = previous == null ? Optional.empty() : previous;
            previous.ifPresent(token -> {
                listener.unsubscribed(sessionId, subscriptionId, token);
                demand.release(DemandSource.STOMP, token); // same id re-used: replaced
            });
            tokenId.ifPresent(token -> listener.subscribed(sessionId, subscriptionId, token));
            return Optional.empty();
        }
    }

    public void unsubscribe(String sessionId, String subscriptionId) {
        Map<String, Optional<String>> subs = sessions.get(sessionId);
        if (subs == null) {
            return;
        }
        synchronized (subs) {
            Optional<String> tokenId = subs.remove(subscriptionId);
            if (tokenId != null) {
                tokenId.ifPresent(token -> {
                    listener.unsubscribed(sessionId, subscriptionId, token);
                    demand.release(DemandSource.STOMP, token);
                });
            }
        }
    }

    public void disconnect(String sessionId) {
        Map<String, Optional<String>> subs = sessions.remove(sessionId);
        if (subs == null) {
            return;
        }
        synchronized (subs) {
            subs.forEach((subscriptionId, tokenId) -> tokenId.ifPresent(token -> {
                listener.unsubscribed(sessionId, subscriptionId, token);
                demand.release(DemandSource.STOMP, token);
            }));
            subs.clear();
        }
    }

    /** Number of sessions holding at least one subscription. */
    public int sessionsWithSubscriptions() {
        return (int) sessions.values().stream().filter(s -> !s.isEmpty()).count();
    }
}
