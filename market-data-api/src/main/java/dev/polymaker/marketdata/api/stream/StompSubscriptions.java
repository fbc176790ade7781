package dev.polymaker.marketdata.api.stream;

import dev.polymaker.marketdata.api.Destinations;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Function;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompSession;

/**
 * The tick subscriptions of one STOMP session, kept equal to the wanted set: a token wanted and not
 * subscribed gets its live destination then a snapshot request; one no longer wanted (or re-added
 * since) is unsubscribed. Owned by the {@link TickStream}'s control thread.
 */
final class StompSubscriptions {

    private record Active(long serial, StompSession.Subscription subscription) {
    }

    private final Map<String, Active> active = new HashMap<>();

    /** A new session, or none: nothing is subscribed on it yet. */
    void clear() {
        active.clear();
    }

    /**
     * @param wanted token id -> serial of the subscribe() that added it
     * @param frames the frame handler of one token's live and snapshot destinations
     * @throws RuntimeException when the session fails a subscribe or unsubscribe
     */
    void sync(StompSession stomp, Map<String, Long> wanted, Function<String, StompFrameHandler> frames) {
        for (Iterator<Map.Entry<String, Active>> it = active.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Active> entry = it.next();
            Long serial = wanted.get(entry.getKey());
            if (serial == null || serial != entry.getValue().serial()) {
                it.remove();
                entry.getValue().subscription().unsubscribe();
            }
        }
        for (Map.Entry<String, Long> entry : wanted.entrySet()) {
            String token = entry.getKey();
            if (!active.containsKey(token)) {
                StompSession.Subscription live = stomp.subscribe(Destinations.ticks(token), frames.apply(token));
                active.put(token, new Active(entry.getValue(), live));
                stomp.subscribe(Destinations.snapshot(token), frames.apply(token));
            }
        }
    }
}
