package dev.polymaker.marketdata.fanout;

import dev.polymaker.marketdata.api.Tick;
import dev.polymaker.marketdata.metrics.MarketDataMetrics;
import dev.polymaker.marketdata.sequencing.TickSink;
import dev.polymaker.support.RepeatedCondition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.web.socket.WebSocketSession;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Delivers ticks straight to the STOMP sessions subscribed to their token (the embedded broker, and
 * what comes back from the node-queue relay's broker), and a new subscriber's replay of the latest:
 * each tick is serialised once, into one STOMP MESSAGE frame shared by every subscriber, and handed
 * to each subscriber's {@link SessionOutbox}, which conflates and writes it. This replaces the
 * simple broker's per-subscriber path (message copy, STOMP encoding per session, two executor
 * hand-offs per message), which the profile showed to be most of the service's CPU and garbage
 * (docs/performance.md §5). Subscriptions are registered by {@code StompSubscriptions} as the
 * inbound guard accepts them; the broker still sees them (for the relay and for feed status).
 * Called on the upstream dispatch thread, the relay's I/O thread and (replays) the inbound channel's:
 * never blocks.
 */
public final class TickFanOut implements TickSink {

    private static final Logger log = LoggerFactory.getLogger(TickFanOut.class);

    private final JsonMapper json;
    private final MarketDataMetrics metrics;
    private final Executor writers;
    private final int bufferLimit;
    private final Duration sendTimeLimit;
    private final ConcurrentHashMap<String, SessionOutbox> sessions = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, List<Subscriber>> byToken = new ConcurrentHashMap<>();
    private volatile boolean stopped;
    private final RepeatedCondition failures;
    private final AtomicLong frames = new AtomicLong();

    public TickFanOut(JsonMapper json, MarketDataMetrics metrics, Executor writers, int bufferLimit,
                      Duration sendTimeLimit, Clock clock) {
        this.json = json;
        this.metrics = metrics;
        this.writers = writers;
        this.bufferLimit = bufferLimit;
        this.sendTimeLimit = sendTimeLimit;
        this.failures = new RepeatedCondition(log, Level.ERROR, clock, Duration.ofSeconds(10));
    }

    /**
     * A new session: returns the session to hand to Spring's STOMP handler, whose writes join the
     * session's outbox; the outbox writes to {@code session}. {@code cutOff} closes a session that
     * cannot keep up (with the reason), on a writer thread.
     */
    public WebSocketSession open(WebSocketSession session, Consumer<String> cutOff) {
        SessionOutbox outbox = new SessionOutbox(session, writers, bufferLimit, sendTimeLimit, metrics::ticksConflated,
                cutOff);
        sessions.put(session.getId(), outbox);
        return new OutboxSession(session, outbox);
    }

    public void closed(String sessionId) {
        SessionOutbox outbox = sessions.remove(sessionId);
        if (outbox != null) {
            outbox.closed();
            byToken.values().forEach(subs -> subs.removeIf(s -> s.outbox == outbox));
        }
    }

    public void subscribed(String sessionId, String subscriptionId, String tokenId) {
        SessionOutbox outbox = sessions.get(sessionId);
        if (outbox != null) {
            byToken.computeIfAbsent(tokenId, t -> new CopyOnWriteArrayList<>())
                    .add(new Subscriber(outbox, subscriptionId));
        }
    }

    public void unsubscribed(String sessionId, String subscriptionId, String tokenId) {
        List<Subscriber> subs = byToken.get(tokenId);
        if (subs != null) {
            subs.removeIf(s -> s.outbox.id().equals(sessionId) && s.subscriptionId.equals(subscriptionId));
        }
        SessionOutbox outbox = sessions.get(sessionId);
        if (outbox != null) {
            outbox.unsubscribed(subscriptionId);
        }
    }

    /** From now on nothing is published (the service is stopping; consumers keep the last tick they have). */
    public void stop() {
        stopped = true;
    }

    @Override
    public void publish(Tick tick) {
        if (stopped) {
            return;
        }
        List<Subscriber> subs = byToken.get(tick.tokenId());
        if (subs != null && !subs.isEmpty()) {
            TickFrame frame = frame(tick);
            if (frame == null) {
                metrics.tickDropped();
                return;
            }
            offer(subs, frame);
        }
        metrics.tickPublished(tick);
    }

    /**
     * A tick of this instance's epoch as it came back from the relay's broker (JSON, node-queue
     * topology): to the sessions subscribed to its token, like a published one. Never blocks.
     */
    public void deliverRelayed(String tokenId, long seq, byte[] tickJson) {
        if (stopped) {
            return;
        }
        List<Subscriber> subs = byToken.get(tokenId);
        if (subs != null && !subs.isEmpty()) {
            offer(subs, TickFrame.of(tokenId, seq, frames.incrementAndGet(), tickJson));
        }
    }

    /**
     * A new subscriber's copy of the token's latest tick, once the broker has registered the
     * subscription. It goes through the session's outbox like every live tick, so if a live tick
     * overtook it the replay is dropped there: the subscriber never gets a tick older than one it has.
     */
    public void replay(String sessionId, String subscriptionId, Tick latest) {
        SessionOutbox outbox = sessions.get(sessionId);
        TickFrame frame = outbox == null || stopped ? null : frame(latest);
        if (frame != null) {
            outbox.offerTick(subscriptionId, frame);
        }
    }

    /** As {@link #replay(String, String, Tick)}, the latest tick as it came back from the relay's broker. */
    public void replayRelayed(String sessionId, String subscriptionId, String tokenId, long seq, byte[] tickJson) {
        SessionOutbox outbox = sessions.get(sessionId);
        if (outbox != null && !stopped) {
            outbox.offerTick(subscriptionId, TickFrame.of(tokenId, seq, frames.incrementAndGet(), tickJson));
        }
    }

    private TickFrame frame(Tick tick) {
        try {
            long number = frames.incrementAndGet();
            TickFrame frame = TickFrame.written(tick, number);
            return frame != null ? frame : TickFrame.of(tick, number, json.writeValueAsBytes(tick));
        } catch (RuntimeException e) {
            failures.record(() -> "could not serialise tick " + tick.tokenId() + " seq " + tick.seq() + " ("
                    + e + "); not published");
            return null;
        }
    }

    private static void offer(List<Subscriber> subs, TickFrame frame) {
        for (Subscriber sub : subs) {
            sub.outbox.offerTick(sub.subscriptionId, frame);
        }
    }

    private record Subscriber(SessionOutbox outbox, String subscriptionId) {
    }
}
