package dev.polymaker.marketdata.api.stream;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.springframework.messaging.simp.stomp.ConnectionLostException;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;

/**
 * One connect attempt of a {@link TickStream} and, if it succeeds, its session: whether it was given
 * up, whether data came on it, and the STOMP callbacks (connected, ERROR frames, transport errors),
 * handed to the stream as {@link Events}.
 */
final class StreamSession extends StompSessionHandlerAdapter {

    /** What the stream does with this session's callbacks (called on STOMP threads). */
    interface Events {
        void connected(StreamSession session, StompSession stomp);

        void errorFrame(StreamSession session, String message, String body);

        void malformed(String destination, String reason);

        /** A transport error was recorded; {@link #transportFailure()} says best what happened. */
        void transportFailed(StreamSession session);
    }

    final long number;
    volatile boolean lost;
    volatile boolean receivedData;
    private final Events events;
    private final Queue<Throwable> transportErrors = new ConcurrentLinkedQueue<>();

    StreamSession(long number, Events events) {
        this.number = number;
        this.events = events;
    }

    @Override
    public void afterConnected(StompSession stomp, StompHeaders headers) {
        events.connected(this, stomp);
    }

    @Override
    public Type getPayloadType(StompHeaders headers) {
        return String.class;
    }

    @Override
    public void handleFrame(StompHeaders headers, Object payload) {
        events.errorFrame(this, headers.getFirst("message"), (String) payload);
    }

    @Override
    public void handleException(StompSession stomp, StompCommand command, StompHeaders headers, byte[] payload,
                                Throwable error) {
        if (command == StompCommand.ERROR) {
            events.errorFrame(this, headers == null ? null : headers.getFirst("message"),
                    payload == null ? null : new String(payload, StandardCharsets.UTF_8));
        } else {
            events.malformed(headers == null ? "?" : headers.getDestination(), StreamText.describe(error));
        }
    }

    @Override
    public void handleTransportError(StompSession stomp, Throwable error) {
        transportErrors.add(error);
        events.transportFailed(this);
    }

    /**
     * One failure often raises several errors (a heart-beat timeout also fails the close it
     * triggers); Spring's ConnectionLostException says best what happened, so it wins.
     */
    String transportFailure() {
        Throwable chosen = transportErrors.stream()
                .filter(ConnectionLostException.class::isInstance)
                .findFirst()
                .orElse(transportErrors.peek());
        return chosen == null ? "connection closed" : StreamText.describe(chosen);
    }
}
