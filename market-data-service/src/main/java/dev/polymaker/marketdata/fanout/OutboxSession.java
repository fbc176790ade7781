package dev.polymaker.marketdata.fanout;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

import java.io.IOException;

/** The session Spring's STOMP handler writes to: its frames join the session's outbox instead of blocking. */
final class OutboxSession extends WebSocketSessionDecorator {

    private static final Logger log = LoggerFactory.getLogger(OutboxSession.class);

    private final SessionOutbox outbox;

    OutboxSession(WebSocketSession delegate, SessionOutbox outbox) {
        super(delegate);
        this.outbox = outbox;
    }

    @Override
    public void sendMessage(WebSocketMessage<?> message) {
        outbox.offerControl(message);
    }

    /** After what was already sent (an ERROR frame is followed by a close at once). */
    @Override
    public void close(CloseStatus status) {
        outbox.closeWhenFlushed(() -> {
            try {
                getDelegate().close(status);
            } catch (IOException | RuntimeException e) {
                log.debug("STOMP session {}: close failed: {}", getId(), e.toString());
            }
        });
    }

    @Override
    public void close() {
        close(CloseStatus.NORMAL);
    }
}
