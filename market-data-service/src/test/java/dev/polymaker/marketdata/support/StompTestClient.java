package dev.polymaker.marketdata.support;

import dev.polymaker.marketdata.api.Destinations;
import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

import java.lang.reflect.Type;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A real STOMP-over-WebSocket client for tests, recording every message and ERROR frame it gets. */
public final class StompTestClient implements AutoCloseable {

    private final WebSocketStompClient client;
    private final ThreadPoolTaskScheduler scheduler;
    private final StompSession session;
    public final List<String> errors = new CopyOnWriteArrayList<>();
    /** Sum of the {@code conflated} headers received, per destination (ticks superseded before delivery). */
    public final Map<String, Long> conflated = new java.util.concurrent.ConcurrentHashMap<>();
    public final List<Throwable> transportErrors = new CopyOnWriteArrayList<>();

    private StompTestClient(WebSocketStompClient client, ThreadPoolTaskScheduler scheduler, StompSession session) {
        this.client = client;
        this.scheduler = scheduler;
        this.session = session;
    }

    public static StompTestClient connect(int port) {
        return connect(port, Map.of());
    }

    public static StompTestClient connect(int port, Map<String, String> connectHeaders) {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(1);
        scheduler.setThreadNamePrefix("test-stomp-hb-");
        scheduler.initialize();
        WebSocketStompClient client = new WebSocketStompClient(new StandardWebSocketClient());
        client.setMessageConverter(new JacksonJsonMessageConverter());
        client.setTaskScheduler(scheduler);
        client.setDefaultHeartbeat(new long[] {1000, 1000});
        client.setInboundMessageSizeLimit(1024 * 1024);
        StompHeaders headers = new StompHeaders();
        connectHeaders.forEach(headers::add);
        Handler handler = new Handler();
        try {
            StompSession session = client.connectAsync(URI.create("ws://127.0.0.1:" + port + Destinations.ENDPOINT),
                    new WebSocketHttpHeaders(), headers, handler).get(10, TimeUnit.SECONDS);
            StompTestClient test = new StompTestClient(client, scheduler, session);
            handler.owner = test;
            return test;
        } catch (Exception e) {
            scheduler.shutdown();
            throw new IllegalStateException("STOMP connect failed", e);
        }
    }

    /** Subscribes and returns the list that collects the converted payloads. */
    public <T> List<T> subscribe(String destination, Class<T> type) {
        List<T> received = new CopyOnWriteArrayList<>();
        session.subscribe(destination, new StompFrameHandler() {
            @Override
            public Type getPayloadType(StompHeaders headers) {
                return type;
            }

            @Override
            @SuppressWarnings("unchecked")
            public void handleFrame(StompHeaders headers, Object payload) {
                String skipped = headers.getFirst("conflated");
                if (skipped != null) {
                    conflated.merge(destination, Long.parseLong(skipped), Long::sum);
                }
                received.add((T) payload);
            }
        });
        return received;
    }

    public StompSession.Subscription subscribeRaw(String destination, List<Object> sink, Class<?> type) {
        return session.subscribe(destination, new StompFrameHandler() {
            @Override
            public Type getPayloadType(StompHeaders headers) {
                return type;
            }

            @Override
            public void handleFrame(StompHeaders headers, Object payload) {
                sink.add(payload);
            }
        });
    }

    public StompSession session() {
        return session;
    }

    public boolean connected() {
        return session.isConnected();
    }

    @Override
    public void close() {
        try {
            if (session.isConnected()) {
                session.disconnect();
            }
        } catch (RuntimeException ignored) {
            // already closed by the server
        } finally {
            client.stop();
            scheduler.shutdown();
        }
    }

    private static final class Handler extends StompSessionHandlerAdapter {
        volatile StompTestClient owner;

        @Override
        public void handleFrame(StompHeaders headers, Object payload) {
            if (owner != null) {
                owner.errors.add(String.valueOf(headers.getFirst("message")));
            }
        }

        @Override
        public Type getPayloadType(StompHeaders headers) {
            return byte[].class;
        }

        @Override
        public void handleException(StompSession session, StompCommand command, StompHeaders headers, byte[] payload,
                                    Throwable exception) {
            if (owner != null) {
                owner.transportErrors.add(exception);
            }
        }

        @Override
        public void handleTransportError(StompSession session, Throwable exception) {
            if (owner != null) {
                owner.transportErrors.add(exception);
            }
        }
    }
}
