package dev.polymaker.simulator;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scripted faults of the market channel, switchable at run time from tests (Java) or the control endpoint (HTTP).
 * Faults only change what the market channel sends or accepts; the books keep changing and REST keeps answering.
 */
public final class Faults {
    private static final Logger log = LoggerFactory.getLogger(Faults.class);

    /** What the faults need from the market channel server. */
    public interface Connections {
        /** Closes every open connection abruptly (TCP close, no close frame). */
        void dropAll();

        /** Closes every open connection with a close frame. */
        void closeAll(int code, String reason);

        /** Sends a text frame as-is to every open connection. */
        void sendRawToAll(String text);
    }

    private final Connections connections;
    private final Set<String> stalledTokens = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> pendingDrops = new ConcurrentHashMap<>();
    private volatile boolean frozen;
    private volatile int refusalStatus;
    private volatile boolean acceptThenClose;
    private volatile Duration frameDelay = Duration.ZERO;
    private volatile int restFailureStatus;
    private volatile boolean booklessResubscribe;

    public Faults(Connections connections) {
        this.connections = Objects.requireNonNull(connections);
    }

    /** Freeze: sockets stay open and PING still gets PONG, but no data frame is sent (books keep changing). */
    public void freeze(boolean on) {
        frozen = on;
        log.info("fault freeze {}", on ? "ON: no data frames will be sent" : "OFF");
    }

    public boolean frozen() {
        return frozen;
    }

    /**
     * A {@code subscribe} operation on an open connection brings no {@code book} (seen live, nautilus_trader#4635);
     * deltas still flow. The initial subscription of a connection still gets its snapshots.
     */
    public void booklessResubscribe(boolean on) {
        booklessResubscribe = on;
        log.info("fault bookless resubscribe {}", on ? "ON" : "OFF");
    }

    public boolean booklessResubscribe() {
        return booklessResubscribe;
    }

    /** Closes every open market-channel connection abruptly, without a close frame. */
    public void dropAllConnections() {
        log.info("fault drop: closing all market-channel connections abruptly");
        connections.dropAll();
    }

    /** Closes every open market-channel connection with the given close code and reason. */
    public void closeAllConnections(int code, String reason) {
        log.info("fault close: closing all market-channel connections with {} {}", code, reason);
        connections.closeAll(code, reason);
    }

    /** Rejects every new WebSocket handshake with this HTTP status (e.g. 429) until acceptConnections(). */
    public void refuseConnections(int httpStatus) {
        if (httpStatus < 400 || httpStatus > 599) {
            throw new IllegalArgumentException("refusal status must be 4xx or 5xx, got " + httpStatus);
        }
        refusalStatus = httpStatus;
        log.info("fault refuse: new handshakes get HTTP {}", httpStatus);
    }

    public void acceptConnections() {
        refusalStatus = 0;
        log.info("fault refuse OFF: accepting handshakes");
    }

    /** The HTTP status new handshakes are refused with, or 0 when they are accepted. */
    public int refusalStatus() {
        return refusalStatus;
    }

    /** Accept the handshake, then close the socket at once (close code 1013). */
    public void acceptThenClose(boolean on) {
        acceptThenClose = on;
        log.info("fault accept-then-close {}", on ? "ON" : "OFF");
    }

    public boolean acceptThenClose() {
        return acceptThenClose;
    }

    /** Sends a text frame as-is (garbage, truncated JSON, ...) to every open connection, subscribed or not. */
    public void sendRaw(String text) {
        Objects.requireNonNull(text, "text");
        log.info("fault raw: sending {} chars to every connection", text.length());
        connections.sendRawToAll(text);
    }

    /** Stall one token: no frames at all for it (not even its initial book) while on. */
    public void stallToken(String tokenId, boolean on) {
        Objects.requireNonNull(tokenId, "tokenId");
        if (on) {
            stalledTokens.add(tokenId);
        } else {
            stalledTokens.remove(tokenId);
        }
        log.info("fault stall token {} {}", tokenId, on ? "ON" : "OFF");
    }

    public boolean stalled(String tokenId) {
        return !stalledTokens.isEmpty() && stalledTokens.contains(tokenId);
    }

    /** Drops the token's entries from its next n price_change events (the book moves on, clients diverge). */
    public void dropUpdates(String tokenId, int n) {
        Objects.requireNonNull(tokenId, "tokenId");
        if (n < 0) {
            throw new IllegalArgumentException("drop count must be >= 0, got " + n);
        }
        if (n == 0) {
            pendingDrops.remove(tokenId);
        } else {
            pendingDrops.put(tokenId, new AtomicInteger(n));
        }
        log.info("fault drop-updates: next {} price_change updates of token {} will not be sent", n, tokenId);
    }

    /** Updates of the token still to be dropped. */
    public int pendingDrops(String tokenId) {
        AtomicInteger left = pendingDrops.get(tokenId);
        return left == null ? 0 : Math.max(0, left.get());
    }

    /** Consumes one pending drop of the token; true when this update must not be sent. Used by the dispatcher. */
    public boolean takeDrop(String tokenId) {
        if (pendingDrops.isEmpty()) {
            return false;
        }
        AtomicInteger left = pendingDrops.get(tokenId);
        if (left == null) {
            return false;
        }
        int after = left.decrementAndGet();
        if (after <= 0) {
            pendingDrops.remove(tokenId, left);
        }
        return after >= 0;
    }

    /** Delays every data frame by this much (PONG is not delayed). Zero turns it off. */
    public void delayFrames(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must be >= 0, got " + delay);
        }
        frameDelay = delay;
        log.info("fault delay: data frames delayed by {} ms", delay.toMillis());
    }

    public Duration frameDelay() {
        return frameDelay;
    }

    /**
     * Makes the market-data REST routes (/book, /books, /tick-size, ..., Gamma /markets/keyset) answer with this HTTP status and an
     * {"error": ...} body, e.g. 425 or 503; 0 turns it off. The control routes and added routes are not affected.
     */
    public void failRest(int httpStatus) {
        if (httpStatus != 0 && (httpStatus < 400 || httpStatus > 599)) {
            throw new IllegalArgumentException("REST failure status must be 4xx, 5xx or 0 (off), got " + httpStatus);
        }
        restFailureStatus = httpStatus;
        log.info("fault rest: {}", httpStatus == 0 ? "OFF" : "market-data REST answers HTTP " + httpStatus);
    }

    /** The status market-data REST routes fail with, or 0 when they answer normally. */
    public int restFailureStatus() {
        return restFailureStatus;
    }

    /** Turns every fault off. */
    public void reset() {
        restFailureStatus = 0;
        booklessResubscribe = false;
        frozen = false;
        refusalStatus = 0;
        acceptThenClose = false;
        frameDelay = Duration.ZERO;
        stalledTokens.clear();
        pendingDrops.clear();
        log.info("faults reset: all off");
    }

    /** The current fault switches, as JSON for the control endpoint. */
    public String toJson() {
        StringBuilder out = new StringBuilder();
        out.append("{\"freeze\":").append(frozen)
                .append(",\"refuse_status\":").append(refusalStatus)
                .append(",\"accept_then_close\":").append(acceptThenClose)
                .append(",\"bookless_resubscribe\":").append(booklessResubscribe)
                .append(",\"delay_ms\":").append(frameDelay.toMillis())
                .append(",\"rest_status\":").append(restFailureStatus)
                .append(",\"stalled_tokens\":[");
        boolean first = true;
        for (String token : new TreeSet<>(stalledTokens)) {
            out.append(first ? "" : ",").append('"').append(token).append('"');
            first = false;
        }
        out.append("],\"pending_drops\":{");
        first = true;
        for (Map.Entry<String, AtomicInteger> e : new TreeMap<>(pendingDrops).entrySet()) {
            out.append(first ? "" : ",").append('"').append(e.getKey()).append("\":").append(e.getValue().get());
            first = false;
        }
        return out.append("}}").toString();
    }
}
