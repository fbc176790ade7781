package dev.polymaker.marketdata.fanout;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Everything written to one STOMP session goes through here, one writer at a time: Spring's own
 * frames (CONNECTED, receipts, errors, heart-beats, snapshots, feed status) in order, and ticks
 * conflated per subscription: while a subscription's tick waits to be written, a newer tick of the
 * same token replaces it and the superseded one is counted ({@code conflated} header and metric).
 * A consumer that reads slowly therefore gets the newest tick of each token, never a backlog; one
 * that stops reading is closed ({@link CloseStatus#SESSION_NOT_RELIABLE}) when a write blocks for
 * the send-time limit (Tomcat's blocking-send timeout) or when what waits exceeds the buffer limit.
 * Waiting ticks are written together, as consecutive STOMP frames in one WebSocket message.
 * A subscription is never given a tick whose seq is not above the last one it was given: a new
 * subscriber's replay of the latest tick that lost a race with a live tick is dropped here, the
 * one place every tick of the session passes. See docs/architecture.md §3 (slow consumers).
 */
final class SessionOutbox {

    /** Ticks written in one WebSocket message at most (bytes, roughly). */
    private static final int BATCH_CHARS = 32 * 1024;
    /** The batch buffer a session starts with (a tick frame is about 600 characters). */
    private static final int INITIAL_BATCH_CHARS = 2 * 1024;
    /** The largest batch buffer a session keeps between writes. */
    private static final int KEPT_BATCH_CHARS = 8 * 1024;

    private final WebSocketSession session;
    private final Executor writers;
    private final int bufferLimit;
    private final long sendTimeLimitNanos;
    private final LongConsumer conflations;
    private final Consumer<String> cutOff;
    private final ArrayDeque<WebSocketMessage<?>> control = new ArrayDeque<>();
    private final LinkedHashMap<String, Pending> ticks = new LinkedHashMap<>();
    /** The seq of the last tick taken for each live subscription (replays and live ticks race). */
    private final Map<String, Long> lastSeq = new HashMap<>();
    private final Runnable drain = this::drain;
    /**
     * Where the frames of one write are put together, reused from write to write; only the one writer
     * in progress touches it (the {@code writing} flag, set and cleared under this outbox's lock).
     */
    private StringBuilder batch = new StringBuilder(INITIAL_BATCH_CHARS);
    private int bufferedChars;
    /** When the write in progress started (System.nanoTime), 0 when none is. */
    private volatile long writeStarted;
    private boolean writing;
    private boolean closed;
    /** The session was cut off as a slow consumer (reported once). */
    private boolean cutOffReported;
    /** Set when Spring closes the session (e.g. after an ERROR frame): runs once what waits is written. */
    private Runnable closeWhenFlushed;

    /**
     * @param session     the session as the container gives it (writes block; Tomcat's timeout applies)
     * @param conflations told how many ticks were superseded, for the service-wide counter
     * @param cutOff      closes the session as a slow consumer (counted and logged there), given the reason;
     *                    called on a writer thread, never the publisher's
     */
    SessionOutbox(WebSocketSession session, Executor writers, int bufferLimit, Duration sendTimeLimit,
                  LongConsumer conflations, Consumer<String> cutOff) {
        this.session = session;
        this.writers = writers;
        this.bufferLimit = bufferLimit;
        this.sendTimeLimitNanos = sendTimeLimit.toNanos();
        this.conflations = conflations;
        this.cutOff = cutOff;
    }

    String id() {
        return session.getId();
    }

    /** A frame Spring wrote: kept in order, never conflated. */
    void offerControl(WebSocketMessage<?> message) {
        synchronized (this) {
            if (closed) {
                return;
            }
            control.add(message);
            bufferedChars += message.getPayloadLength();
            if (!overLimit()) {
                scheduleLocked();
                return;
            }
        }
        cutOff("more than " + bufferLimit + " bytes waiting, or a write blocked for longer than "
                    + Duration.ofNanos(sendTimeLimitNanos));
    }

    /**
     * A tick for one subscription of this session; replaces (and counts) a waiting older one. One
     * whose seq is not above the last taken for the subscription is a duplicate or older (a replay
     * that raced a live tick): dropped, and {@code false} returned.
     */
    boolean offerTick(String subscriptionId, TickFrame frame) {
        long superseded = 0;
        synchronized (this) {
            if (closed || closeWhenFlushed != null) {
                return false;
            }
            Long last = lastSeq.get(subscriptionId);
            if (last != null && frame.seq() <= last) {
                return false;
            }
            lastSeq.put(subscriptionId, frame.seq());
            Pending previous = ticks.get(subscriptionId);
            if (previous != null) {
                if (!previous.first) { // a subscription's first tick has no seq before it to jump from
                    previous.conflated++;
                    superseded = 1;
                }
                bufferedChars += frame.length() - previous.frame.length();
                previous.frame = frame;
            } else {
                ticks.put(subscriptionId, new Pending(subscriptionId, frame, last == null));
                bufferedChars += frame.length();
            }
            if (!overLimit()) {
                scheduleLocked();
            }
        }
        if (superseded > 0) {
            conflations.accept(superseded);
        }
        boolean over;
        synchronized (this) {
            over = !closed && overLimit();
        }
        if (over) {
            cutOff("more than " + bufferLimit + " bytes waiting, or a write blocked for longer than "
                    + Duration.ofNanos(sendTimeLimitNanos));
        }
        return true;
    }

    /** The subscription ended: a tick still waiting for it is not written, and its id may be used afresh. */
    synchronized void unsubscribed(String subscriptionId) {
        lastSeq.remove(subscriptionId);
        Pending waiting = ticks.remove(subscriptionId);
        if (waiting != null) {
            bufferedChars -= waiting.frame.length();
        }
    }

    /** Closes the session once the frames already offered are written (Spring closes right after an ERROR frame). */
    void closeWhenFlushed(Runnable close) {
        synchronized (this) {
            if (!closed && closeWhenFlushed == null) {
                closeWhenFlushed = close;
                ticks.clear();
                if (writing) {
                    return; // the writer runs it when done
                }
                closed = true;
            }
        }
        close.run();
    }

    /** The session closed: drop what waits. */
    synchronized void closed() {
        closed = true;
        control.clear();
        ticks.clear();
        lastSeq.clear();
        bufferedChars = 0;
    }

    private boolean overLimit() {
        long started = writeStarted;
        return bufferedChars > bufferLimit || (started != 0 && System.nanoTime() - started > sendTimeLimitNanos);
    }

    private void scheduleLocked() {
        if (writing) {
            return;
        }
        writing = true;
        try {
            writers.execute(drain);
        } catch (RejectedExecutionException e) {
            writing = false; // shutting down: the session is about to close anyway
        }
    }

    private void drain() {
        while (true) {
            List<WebSocketMessage<?>> frames = null;
            List<Pending> due = null;
            Runnable close = null;
            synchronized (this) {
                if (closed || (control.isEmpty() && ticks.isEmpty())) {
                    writing = false;
                    if (!closed && closeWhenFlushed != null) {
                        close = closeWhenFlushed;
                        closed = true;
                    }
                } else {
                    frames = control.isEmpty() ? List.of() : new ArrayList<>(control);
                    control.clear();
                    due = ticks.isEmpty() ? List.of() : new ArrayList<>(ticks.values());
                    ticks.clear();
                    bufferedChars = 0;
                }
            }
            if (frames == null) {
                if (close != null) {
                    close.run();
                }
                return;
            }
            try {
                writeStarted = System.nanoTime();
                for (WebSocketMessage<?> frame : frames) {
                    session.sendMessage(frame);
                }
                writeTicks(due);
                writeStarted = 0;
            } catch (IOException | RuntimeException e) {
                boolean blockedTooLong = System.nanoTime() - writeStarted >= sendTimeLimitNanos;
                synchronized (this) {
                    writing = false;
                }
                if (timedOut(e) || blockedTooLong) {
                    // The container gives up on a blocked write after the same limit and closes the session,
                    // possibly before we get here: it is still a consumer that could not keep up, and counted.
                    cutOff("a write blocked for the send-time limit: " + e, true);
                } else if (session.isOpen()) {
                    cutOff("a write failed: " + e, false);
                } else {
                    closed(); // the peer went away: nothing to count
                }
                return;
            }
        }
    }

    private void writeTicks(List<Pending> due) throws IOException {
        if (due.isEmpty()) {
            return;
        }
        StringBuilder out = batch;
        out.setLength(0);
        for (Pending pending : due) {
            pending.frame.appendTo(out, pending.escapedSubscriptionId, pending.conflated);
            if (out.length() >= BATCH_CHARS) {
                send(out);
            }
        }
        if (!out.isEmpty()) {
            send(out);
        }
        if (out.capacity() > KEPT_BATCH_CHARS) {
            batch = new StringBuilder(INITIAL_BATCH_CHARS); // a burst's large buffer is not kept per session
        }
    }

    /** One WebSocket message of what {@code out} holds (the String is the one the WebSocket API needs). */
    private void send(StringBuilder out) throws IOException {
        session.sendMessage(new TextMessage(out.toString()));
        out.setLength(0);
    }

    private void cutOff(String why) {
        cutOff(why, false);
    }

    /**
     * Closes the session as unreliable (a slow consumer), counted once, off the caller's thread: a write
     * may hold its lock. {@code evenIfClosed}: the writer saw its write time out, and the session may
     * already be closed by the container for that very reason.
     */
    private void cutOff(String why, boolean evenIfClosed) {
        synchronized (this) {
            if (cutOffReported || (closed && !evenIfClosed)) {
                return;
            }
            cutOffReported = true;
            closed = true;
            control.clear();
            ticks.clear();
            bufferedChars = 0;
        }
        Runnable close = () -> cutOff.accept(why);
        try {
            writers.execute(close);
        } catch (RejectedExecutionException e) {
            close.run();
        }
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.SocketTimeoutException || t instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** The newest waiting tick of one subscription, and how many it superseded. */
    private static final class Pending {
        final String escapedSubscriptionId;
        /** Nothing was written to the subscription before this: what it supersedes was never seen. */
        final boolean first;
        TickFrame frame;
        long conflated;

        Pending(String subscriptionId, TickFrame frame, boolean first) {
            this.escapedSubscriptionId = TickFrame.escape(subscriptionId);
            this.frame = frame;
            this.first = first;
        }
    }
}
