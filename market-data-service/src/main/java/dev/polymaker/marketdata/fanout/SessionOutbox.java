package dev.polymaker.marketdata.fanout;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendResult;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Everything written to one STOMP session goes through here, one write at a time: Spring's own
 * frames (CONNECTED, receipts, errors, heart-beats, snapshots, feed status) in order, and ticks
 * conflated per subscription: while a subscription's tick waits to be written, a newer tick of the
 * same token replaces it and the superseded one is counted ({@code conflated} header and metric).
 * A consumer that reads slowly therefore gets the newest tick of each token, never a backlog; one
 * that stops reading is closed ({@link CloseStatus#SESSION_NOT_RELIABLE}) when a write takes longer
 * than the send-time limit or what waits exceeds the buffer limit. Whatever waits when a write
 * starts goes out together, as consecutive STOMP frames in one WebSocket message.
 *
 * <p>On a container with the Jakarta WebSocket API (Tomcat) writes are asynchronous and started
 * by whoever offers to an idle outbox (the upstream dispatch thread for ticks), so a tick to a
 * consumer that keeps up costs no thread hand-off and a stuck consumer holds no thread; the next
 * write starts from the completion. Elsewhere a writer thread does blocking writes.
 * See docs/architecture.md §3 (fan-out, slow consumers).
 */
final class SessionOutbox {

    /** Ticks written in one WebSocket message at most (chars, roughly). */
    private static final int BATCH_CHARS = 32 * 1024;

    private final WebSocketSession session;
    private final RemoteEndpoint.Async async;
    private final Executor writers;
    private final int bufferLimit;
    private final long sendTimeLimitNanos;
    private final LongConsumer conflations;
    private final Consumer<String> cutOff;
    private final ArrayDeque<WebSocketMessage<?>> control = new ArrayDeque<>();
    private final LinkedHashMap<String, Pending> ticks = new LinkedHashMap<>();
    private final Runnable drain = this::drainBlocking;
    private int bufferedChars;
    /** When the write in progress started (System.nanoTime), 0 when none is. */
    private volatile long writeStarted;
    private boolean writing;
    private boolean closed;
    /** Set when Spring closes the session (e.g. after an ERROR frame): runs once what waits is written. */
    private Runnable closeWhenFlushed;

    /**
     * @param session     the session as the container gives it
     * @param conflations told how many ticks were superseded, for the service-wide counter
     * @param cutOff      closes the session as a slow consumer (counted and logged there), given the reason;
     *                    never called on the thread that offers
     */
    SessionOutbox(WebSocketSession session, Executor writers, int bufferLimit, Duration sendTimeLimit,
                  LongConsumer conflations, Consumer<String> cutOff) {
        this.session = session;
        this.writers = writers;
        this.bufferLimit = bufferLimit;
        this.sendTimeLimitNanos = sendTimeLimit.toNanos();
        this.conflations = conflations;
        this.cutOff = cutOff;
        this.async = asyncRemote(session, sendTimeLimit);
    }

    private static RemoteEndpoint.Async asyncRemote(WebSocketSession session, Duration sendTimeLimit) {
        if (session instanceof NativeWebSocketSession nativeSession
                && nativeSession.getNativeSession() instanceof jakarta.websocket.Session jakartaSession) {
            RemoteEndpoint.Async remote = jakartaSession.getAsyncRemote();
            remote.setSendTimeout(sendTimeLimit.toMillis());
            return remote;
        }
        return null;
    }

    String id() {
        return session.getId();
    }

    /** A frame Spring wrote: kept in order, never conflated. */
    void offerControl(WebSocketMessage<?> message) {
        boolean start;
        synchronized (this) {
            if (closed) {
                return;
            }
            control.add(message);
            bufferedChars += message.getPayloadLength();
            if (overLimit()) {
                start = false;
            } else {
                start = !writing;
                writing = true;
            }
        }
        afterOffer(start);
    }

    /** A tick for one subscription of this session; replaces (and counts) a waiting older one. */
    void offerTick(String subscriptionId, TickFrame frame) {
        boolean start;
        boolean superseded = false;
        synchronized (this) {
            if (closed || closeWhenFlushed != null) {
                return;
            }
            Pending previous = ticks.get(subscriptionId);
            if (previous != null) {
                previous.conflated++;
                superseded = true;
                bufferedChars += frame.length() - previous.frame.length();
                previous.frame = frame;
            } else {
                ticks.put(subscriptionId, new Pending(subscriptionId, frame));
                bufferedChars += frame.length();
            }
            if (overLimit()) {
                start = false;
            } else {
                start = !writing;
                writing = true;
            }
        }
        if (superseded) {
            conflations.accept(1);
        }
        afterOffer(start);
    }

    private void afterOffer(boolean start) {
        if (start) {
            if (async != null) {
                writeNext();
            } else {
                try {
                    writers.execute(drain);
                } catch (RejectedExecutionException e) {
                    synchronized (this) {
                        writing = false; // shutting down: the session is about to close anyway
                    }
                }
            }
            return;
        }
        boolean over;
        synchronized (this) {
            over = !closed && overLimit();
        }
        if (over) {
            cutOff("more than " + bufferLimit + " bytes waiting, or a write took longer than "
                    + Duration.ofNanos(sendTimeLimitNanos));
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
        bufferedChars = 0;
    }

    private boolean overLimit() {
        long started = writeStarted;
        return bufferedChars > bufferLimit || (started != 0 && System.nanoTime() - started > sendTimeLimitNanos);
    }

    /**
     * Takes what waits as the parts of the next write: text (Spring's text frames and the ticks,
     * joined) and, rarely, binary messages, in order. Null when nothing waits (writing ends).
     */
    private List<Object> takeBatch() {
        Runnable close = null;
        List<Object> parts = null;
        synchronized (this) {
            if (closed || (control.isEmpty() && ticks.isEmpty())) {
                writing = false;
                writeStarted = 0;
                if (!closed && closeWhenFlushed != null) {
                    close = closeWhenFlushed;
                    closed = true;
                }
            } else {
                parts = new ArrayList<>(2);
                StringBuilder text = null;
                for (WebSocketMessage<?> message : control) {
                    if (message instanceof TextMessage textMessage) {
                        text = text == null ? new StringBuilder(1024) : text;
                        text.append(textMessage.getPayload());
                    } else if (message instanceof BinaryMessage binary) {
                        if (text != null) {
                            parts.add(text.toString());
                            text = null;
                        }
                        parts.add(binary.getPayload());
                    }
                }
                control.clear();
                for (Pending pending : ticks.values()) {
                    if (text == null) {
                        text = new StringBuilder(Math.min(BATCH_CHARS + 1024, ticks.size() * pending.frame.length()));
                    }
                    pending.frame.appendTo(text, pending.escapedSubscriptionId, pending.conflated);
                    if (text.length() >= BATCH_CHARS) {
                        parts.add(text.toString());
                        text = null;
                    }
                }
                ticks.clear();
                if (text != null) {
                    parts.add(text.toString());
                }
                bufferedChars = 0;
                writeStarted = System.nanoTime();
            }
        }
        if (close != null) {
            close.run();
        }
        return parts;
    }

    // --- asynchronous writes (Jakarta WebSocket) ---

    private void writeNext() {
        List<Object> parts = takeBatch();
        if (parts != null) {
            writePart(parts, 0);
        }
    }

    private void writePart(List<Object> parts, int index) {
        if (index == parts.size()) {
            writeNext();
            return;
        }
        Object part = parts.get(index);
        try {
            if (part instanceof String text) {
                async.sendText(text, result -> written(result, parts, index));
            } else {
                async.sendBinary((ByteBuffer) part, result -> written(result, parts, index));
            }
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    private void written(SendResult result, List<Object> parts, int index) {
        if (result.isOK()) {
            writePart(parts, index + 1);
        } else {
            failed(result.getException());
        }
    }

    // --- blocking writes (other containers) ---

    private void drainBlocking() {
        List<Object> parts;
        while ((parts = takeBatch()) != null) {
            try {
                for (Object part : parts) {
                    session.sendMessage(part instanceof String text ? new TextMessage(text)
                            : new BinaryMessage((ByteBuffer) part));
                }
            } catch (IOException | RuntimeException e) {
                failed(e);
                return;
            }
        }
    }

    private void failed(Throwable e) {
        synchronized (this) {
            writing = false;
            writeStarted = 0;
        }
        if (timedOut(e) || session.isOpen()) {
            cutOff("a write took longer than the send-time limit or failed: " + e);
        } else {
            closed(); // the peer went away: nothing to count
        }
    }

    /** Closes the session as unreliable (a slow consumer), on a writer thread: a close may have to wait for a write. */
    private void cutOff(String why) {
        synchronized (this) {
            if (closed) {
                return;
            }
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
        TickFrame frame;
        long conflated;

        Pending(String subscriptionId, TickFrame frame) {
            this.escapedSubscriptionId = TickFrame.escape(subscriptionId);
            this.frame = frame;
        }
    }
}
