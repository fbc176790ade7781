package dev.polymaker.marketdata.api.stream;

import java.time.Duration;
import java.util.List;
import org.apache.tomcat.websocket.WsWebSocketContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.converter.CompositeMessageConverter;
import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.converter.StringMessageConverter;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The STOMP client of one {@link TickStream} and the threads it runs on, all named after the stream,
 * created here and stopped by {@link #stop()}: {@code control} (one thread: connects, subscribes,
 * heart-beats, reconnect timer) and {@code connect} (the blocking WebSocket handshake).
 */
final class StompTransport {

    private static final Logger log = LoggerFactory.getLogger(TickStream.class);

    private final String name;
    private final ThreadPoolTaskScheduler control;
    private final ThreadPoolTaskExecutor connector;
    private final WsWebSocketContainer container;
    private final WebSocketStompClient client;

    StompTransport(String name, Duration heartbeat) {
        this.name = name;
        this.control = new ThreadPoolTaskScheduler();
        control.setPoolSize(1);
        control.setThreadNamePrefix(name + "-control-");
        control.setDaemon(true);
        control.setRemoveOnCancelPolicy(true);
        control.initialize();

        this.connector = new ThreadPoolTaskExecutor();
        connector.setCorePoolSize(1);
        connector.setMaxPoolSize(1);
        connector.setQueueCapacity(4);
        connector.setThreadNamePrefix(name + "-connect-");
        connector.setDaemon(true);
        connector.initialize();

        this.container = new WsWebSocketContainer();
        StandardWebSocketClient webSocketClient = new StandardWebSocketClient(container);
        webSocketClient.setTaskExecutor(connector);
        this.client = new WebSocketStompClient(webSocketClient);
        // Unknown JSON fields are ignored so that the contract can grow without breaking old consumers.
        JsonMapper json = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        client.setMessageConverter(new CompositeMessageConverter(
                List.of(new StringMessageConverter(), new JacksonJsonMessageConverter(json))));
        client.setTaskScheduler(control);
        long heartbeatMs = heartbeat.toMillis();
        client.setDefaultHeartbeat(new long[] {heartbeatMs, heartbeatMs});
    }

    /** The control thread: every STOMP write and every session decision happens there. */
    ThreadPoolTaskScheduler control() {
        return control;
    }

    WebSocketStompClient client() {
        return client;
    }

    /** Stops the client and every thread; the WebSocket container last. */
    void stop() {
        client.stop();
        control.shutdown();
        connector.shutdown();
        try {
            container.destroy();
        } catch (RuntimeException e) {
            log.warn("{}: WebSocket container did not stop cleanly: {}", name, StreamText.describe(e));
        }
    }
}
