package dev.polymaker.marketdata.stomp;

import dev.polymaker.marketdata.metrics.MarketDataMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.handler.WebSocketHandlerDecoratorFactory;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches WebSocket sessions of the STOMP endpoint: counts open ones, releases a closed
 * session's token demand, and recognises slow consumers. Spring closes a session with
 * {@link CloseStatus#SESSION_NOT_RELIABLE} when its send-time or buffer limit is exceeded; that
 * close is counted and logged here. Also caps Tomcat's blocking send so a stuck socket frees its
 * outbound thread within the send-time limit.
 */
public final class StompSessionWatch implements WebSocketHandlerDecoratorFactory {

    private static final Logger log = LoggerFactory.getLogger(StompSessionWatch.class);
    private static final String TOMCAT_BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

    private final StompSubscriptions subscriptions;
    private final MarketDataMetrics metrics;
    private final Duration sendTimeLimit;
    private final Set<String> open = ConcurrentHashMap.newKeySet();

    public StompSessionWatch(StompSubscriptions subscriptions, MarketDataMetrics metrics, Duration sendTimeLimit) {
        this.subscriptions = subscriptions;
        this.metrics = metrics;
        this.sendTimeLimit = sendTimeLimit;
        metrics.bindSessions(open::size);
    }

    public int openSessions() {
        return open.size();
    }

    @Override
    public WebSocketHandler decorate(WebSocketHandler handler) {
        return new WebSocketHandlerDecorator(handler) {
            @Override
            public void afterConnectionEstablished(WebSocketSession session) throws Exception {
                open.add(session.getId());
                capBlockingSend(session);
                super.afterConnectionEstablished(new CloseWatchingSession(session));
            }

            @Override
            public void afterConnectionClosed(WebSocketSession session, CloseStatus status) throws Exception {
                open.remove(session.getId());
                subscriptions.disconnect(session.getId());
                super.afterConnectionClosed(session, status);
            }
        };
    }

    private void capBlockingSend(WebSocketSession session) {
        if (session instanceof NativeWebSocketSession nativeSession) {
            Object raw = nativeSession.getNativeSession();
            if (raw instanceof jakarta.websocket.Session wsSession) {
                wsSession.getUserProperties().put(TOMCAT_BLOCKING_SEND_TIMEOUT, sendTimeLimit.toMillis());
            }
        }
    }

    /** Sees the close Spring issues when a session exceeds its send limits. */
    private final class CloseWatchingSession extends WebSocketSessionDecorator {

        CloseWatchingSession(WebSocketSession delegate) {
            super(delegate);
        }

        @Override
        public void close(CloseStatus status) throws IOException {
            if (status.getCode() == CloseStatus.SESSION_NOT_RELIABLE.getCode() && isOpen()) {
                metrics.slowConsumer();
                log.warn("STOMP session {} ({}) disconnected: it could not keep up (send limits exceeded)",
                        getId(), getRemoteAddress());
            }
            super.close(status);
        }
    }
}
