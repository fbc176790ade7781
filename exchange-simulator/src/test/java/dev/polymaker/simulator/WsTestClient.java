package dev.polymaker.simulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** A market-channel client over the JDK WebSocket that queues every text frame it receives. */
final class WsTestClient implements AutoCloseable {
    static final ObjectMapper JSON = JsonMapper.builder().build();

    final LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final ArrayDeque<JsonNode> pending = new ArrayDeque<>();
    final CompletableFuture<int[]> closed = new CompletableFuture<>();
    final CompletableFuture<String> closeReason = new CompletableFuture<>();
    final CompletableFuture<Throwable> error = new CompletableFuture<>();
    private final WebSocket socket;

    private WsTestClient(WebSocket socket) {
        this.socket = socket;
    }

    static WsTestClient connect(URI uri) {
        return connectAsync(uri).join();
    }

    static CompletableFuture<WsTestClient> connectAsync(URI uri) {
        Listener listener = new Listener();
        return HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(uri, listener).thenApply(ws -> {
                    WsTestClient client = new WsTestClient(ws);
                    listener.attach(client);
                    return client;
                });
    }

    void send(String text) {
        socket.sendText(text, true).join();
    }

    void subscribe(List<String> tokens) {
        subscribe(tokens, false);
    }

    void subscribe(List<String> tokens, boolean customFeature) {
        send("{\"assets_ids\":" + JSON.writeValueAsString(tokens) + ",\"type\":\"market\",\"initial_dump\":true"
                + (customFeature ? ",\"custom_feature_enabled\":true" : "") + "}");
    }

    /** The next frame, or fails after 10 s. */
    String next() {
        try {
            String frame = frames.poll(10, TimeUnit.SECONDS);
            if (frame == null) {
                throw new AssertionError("no frame within 10 s");
            }
            return frame;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * The events of the next frame (a single object becomes a one-element list); when nextOfType stopped inside a
     * frame, the rest of that frame first.
     */
    List<JsonNode> nextEvents() {
        if (!pending.isEmpty()) {
            List<JsonNode> rest = new ArrayList<>(pending);
            pending.clear();
            return rest;
        }
        return events(next());
    }

    static List<JsonNode> events(String frame) {
        JsonNode node = JSON.readTree(frame);
        List<JsonNode> out = new ArrayList<>();
        if (node.isArray()) {
            node.values().forEach(out::add);
        } else {
            out.add(node);
        }
        return out;
    }

    /** The next event of the given type, skipping others; events after it in the same frame stay for later calls. */
    JsonNode nextOfType(String eventType) {
        for (int i = 0; i < 100_000; i++) {
            if (pending.isEmpty()) {
                pending.addAll(events(next()));
            }
            JsonNode event = pending.removeFirst();
            if (eventType.equals(event.path("event_type").asString(""))) {
                return event;
            }
        }
        throw new AssertionError("no " + eventType + " event");
    }

    @Override
    public void close() {
        socket.abort();
    }

    private static final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        private final List<String> early = new ArrayList<>();
        private WsTestClient client;
        private final CompletableFuture<WsTestClient> ready = new CompletableFuture<>();

        synchronized void attach(WsTestClient client) {
            this.client = client;
            client.frames.addAll(early);
            early.clear();
            ready.complete(client);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String frame = partial.toString();
                partial.setLength(0);
                synchronized (this) {
                    if (client == null) {
                        early.add(frame);
                    } else {
                        client.frames.add(frame);
                    }
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            ready.thenAccept(c -> {
                c.closed.complete(new int[] {statusCode});
                c.closeReason.complete(reason);
            });
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            ready.thenAccept(c -> {
                c.error.complete(error);
                c.closed.complete(new int[] {-1});
            });
        }
    }
}
