package dev.polymaker.marketdata.stomp;

import dev.polymaker.marketdata.fanout.TickFanOut;
import dev.polymaker.marketdata.metrics.MarketDataMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.handler.WebSocketHandlerDecoratorFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches WebSocket sessions of the STOMP endpoint: counts open ones, puts each session's writes
 * behind its {@link TickFanOut} outbox (conflation, send limits), releases a closed session's token
 * demand, and recognises slow consumers: a session the outbox cuts off is closed with
 * {@link CloseStatus#SESSION_NOT_RELIABLE}, counted and logged here. Also caps Tomcat's blocking
 * send so a stuck socket frees its writer thread within the send-time limit.
 */
public final class StompSessionWatch implements WebSocketHandlerDecoratorFactory {

    private static final Logger log = LoggerFactory.getLogger(StompSessionWatch.class);
    private static final String TOMCAT_BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

    private final StompSubscriptions subscriptions;
    private final MarketDataMetrics metrics;
    private final Duration sendTimeLimit;
    private final TickFanOut fanOut;
    private final Set<String> open = ConcurrentHashMap.newKeySet();

    public StompSessionWatch(StompSubscriptions subscriptions, MarketDataMetrics metrics, Duration sendTimeLimit,
                             TickFanOut fanOut) {
        this.subscriptions = subscriptions;
        this.metrics = metrics;
        this.sendTimeLimit = sendTimeLimit;
        this.fanOut = fanOut;
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
                super.afterConnectionEstablished(fanOut.open(session, why -> cutOff(session, why)));
            }

            @Override
            public void afterConnectionClosed(WebSocketSession session, CloseStatus status) throws Exception {
                open.remove(session.getId());
                fanOut.closed(session.getId());
                subscriptions.disconnect(session.getId());
                super.afterConnectionClosed(session, status);
            }
        };
    }

    /** The outbox gave up on a session (a write blocked for the send-time limit, or too much waiting). */
    private void cutOff(WebSocketSession session, String why) {
        metrics.slowConsumer();
        log.warn("STOMP session {} ({}) disconnected: it could not keep up ({})", session.getId(),
                session.getRemoteAddress(), why);
        try {
            session.close(CloseStatus.SESSION_NOT_RELIABLE);
        } catch (IOException | RuntimeException e) {
            log.debug("STOMP session {}: close failed: {}", session.getId(), e.toString());
        }
    }

    private void capBlockingSend(WebSocketSession session) {
        if (session instanceof NativeWebSocketSession nativeSession) {
            Object raw = nativeSession.getNativeSession();
            if (raw instanceof jakarta.websocket.Session wsSession) {
                wsSession.getUserProperties().put(TOMCAT_BLOCKING_SEND_TIMEOUT, sendTimeLimit.toMillis());
            }
        }
    }
}
