package dev.polymaker.marketdata.support;

import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A WebSocket session that records what is written to it, for the fan-out's unit tests: its id,
 * whether it is open, and (once) what the next write does instead (the container closing it, a
 * timeout).
 */
public final class RecordingWebSocketSession {

    public final List<String> written = new CopyOnWriteArrayList<>();
    public volatile boolean open = true;
    /** Run instead of the next write when set; what it throws, the write throws. */
    public volatile Callable<Void> nextSend;
    private final WebSocketSession session;

    public RecordingWebSocketSession(String id) {
        session = (WebSocketSession) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {WebSocketSession.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getId" -> id;
                    case "isOpen" -> open;
                    case "sendMessage" -> {
                        Callable<Void> instead = nextSend;
                        if (instead != null) {
                            nextSend = null;
                            yield instead.call();
                        }
                        written.add(((WebSocketMessage<?>) args[0]).getPayload().toString());
                        yield null;
                    }
                    case "toString" -> "recording session " + id;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    public WebSocketSession session() {
        return session;
    }
}
