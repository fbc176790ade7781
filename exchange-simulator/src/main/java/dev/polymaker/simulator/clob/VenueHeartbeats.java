package dev.polymaker.simulator.clob;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The simulated CLOB's dead-man switch (protocol §5): {@code POST /v1/heartbeats} sessions per API
 * key, and the expiry that cancels every open order of a key whose heartbeats stopped.
 */
final class VenueHeartbeats {

    private static final Logger log = LoggerFactory.getLogger(ClobVenue.class);

    private final VenueState state;
    private final VenueJson json;
    /** API key -> its session; guarded by the state's lock. */
    private final Map<String, Session> sessions = new LinkedHashMap<>();
    private volatile Duration timeout;
    private long expiries;

    private static final class Session {
        String id;
        long lastMillis;
    }

    VenueHeartbeats(VenueState state, VenueJson json, Duration timeout) {
        this.state = state;
        this.json = json;
        this.timeout = timeout;
    }

    void timeout(Duration timeout) {
        this.timeout = timeout;
    }

    long expiries() {
        synchronized (state.lock) {
            return expiries;
        }
    }

    ClobResponse beat(ClobCredential cred, JsonNode body) {
        String id = body.path("heartbeat_id").asString("");
        synchronized (state.lock) {
            Session hb = sessions.computeIfAbsent(cred.apiKey(), k -> new Session());
            if (!id.isEmpty() && hb.id != null && !hb.id.equals(id)) {
                return json.status(400, json.object().put("heartbeat_id", hb.id).put("error", "Invalid Heartbeat ID"));
            }
            if (!id.isEmpty() && hb.id == null) {
                // The session expired (orders were cancelled): the client must start again with "".
                return json.status(400, json.object()
                        .put("error", "heartbeat session expired; start a new one with an empty heartbeat_id"));
            }
            hb.id = UUID.randomUUID().toString();
            hb.lastMillis = state.clock.millis();
            return json.ok(json.object().put("heartbeat_id", hb.id));
        }
    }

    /** Cancels everything of an API key whose heartbeats stopped for longer than the timeout. */
    void expire(long now) {
        synchronized (state.lock) {
            for (Map.Entry<String, Session> e : sessions.entrySet()) {
                Session hb = e.getValue();
                if (hb.id != null && now - hb.lastMillis > timeout.toMillis()) {
                    int n = state.cancelWhere(o -> o.owner.equals(e.getKey()), "heartbeat expired").size();
                    hb.id = null;
                    expiries++;
                    log.info("heartbeat of api key {} expired after {} ms: cancelled {} orders", e.getKey(),
                            now - hb.lastMillis, n);
                }
            }
        }
    }
}
