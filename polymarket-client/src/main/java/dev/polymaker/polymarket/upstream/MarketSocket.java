package dev.polymaker.polymarket.upstream;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;

/**
 * One JDK WebSocket connection to the market channel: joins partial text frames into whole
 * messages and serialises sends (the JDK allows one outstanding send at a time). Callbacks run
 * on the HTTP client's threads.
 */
final class MarketSocket {

    /** What the owner of a socket is told. {@code socket} identifies which connection spoke. */
    interface Handler {
        void onOpen(MarketSocket socket);

        void onText(MarketSocket socket, String text);

        void onClosed(MarketSocket socket, int code, String reason);

        void onError(MarketSocket socket, Throwable error);
    }

    /** Guards memory against a runaway frame; a 200-token initial dump is about 1 MB. */
    static final int MAX_MESSAGE_CHARS = 64 * 1024 * 1024;

    private final Handler handler;
    private final StringBuilder partial = new StringBuilder();
    private volatile WebSocket webSocket;
    private CompletableFuture<?> sendTail = CompletableFuture.completedFuture(null);

    MarketSocket(Handler handler) {
        this.handler = handler;
    }

    /**
     * Starts connecting. A refused connection or handshake (e.g. HTTP 429) goes to
     * {@code onConnectFailure}, on {@code callbacks}; on success {@link Handler#onOpen} is called.
     */
    void connect(HttpClient http, URI uri, Duration timeout, Executor callbacks,
                 BiConsumer<MarketSocket, Throwable> onConnectFailure) {
        http.newWebSocketBuilder().connectTimeout(timeout).buildAsync(uri, new Listener())
                .whenCompleteAsync((ws, error) -> {
                    if (error != null) {
                        onConnectFailure.accept(this, error);
                    }
                }, callbacks);
    }

    /** Sends one text message after any earlier ones; a failure is reported to {@link Handler#onError}. */
    synchronized void send(String text) {
        WebSocket ws = webSocket;
        if (ws == null) {
            return;
        }
        sendTail = sendTail.handle((ignored, error) -> null)
                .thenCompose(ignored -> ws.sendText(text, true))
                .whenComplete((ignored, error) -> {
                    if (error != null) {
                        handler.onError(this, error);
                    }
                });
    }

    /** Drops the connection at once, without a closing handshake (a half-open link may never answer one). */
    void abort() {
        WebSocket ws = webSocket;
        if (ws != null) {
            ws.abort();
        }
    }

    /** Sends a normal close, then drops the connection without waiting for the server's answer. */
    void close() {
        WebSocket ws = webSocket;
        if (ws == null) {
            return;
        }
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "closing").orTimeout(1, java.util.concurrent.TimeUnit.SECONDS)
                .whenComplete((ignored, error) -> ws.abort());
    }

    private final class Listener implements WebSocket.Listener {

        @Override
        public void onOpen(WebSocket ws) {
            webSocket = ws;
            handler.onOpen(MarketSocket.this);
            ws.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            String whole = null;
            synchronized (partial) {
                if (last && partial.length() == 0) {
                    whole = data.toString();
                } else {
                    if (partial.length() + data.length() > MAX_MESSAGE_CHARS) {
                        partial.setLength(0);
                        ws.abort();
                        handler.onError(MarketSocket.this, new java.io.IOException(
                                "message larger than " + MAX_MESSAGE_CHARS + " chars; connection dropped"));
                        return null;
                    }
                    partial.append(data);
                    if (last) {
                        whole = partial.toString();
                        partial.setLength(0);
                    }
                }
            }
            if (whole != null) {
                handler.onText(MarketSocket.this, whole);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            handler.onClosed(MarketSocket.this, statusCode, reason);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            handler.onError(MarketSocket.this, error);
        }
    }
}
