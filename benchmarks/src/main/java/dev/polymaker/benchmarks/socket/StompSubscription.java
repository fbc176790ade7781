package dev.polymaker.benchmarks.socket;

import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The STOMP 1.2 side of a benchmark consumer of market-data-service: CONNECT without
 * heart-beats, one SUBSCRIBE per token to {@code /topic/ticks.<token>}, then each MESSAGE frame
 * to the consumer; an ERROR frame becomes the connection's problem. One WebSocket message may
 * hold several STOMP frames (the service batches what waits for a session): {@link #onText} splits them.
 * STOMP contract: docs/architecture.md.
 */
public final class StompSubscription {

    private final Consumer<String> messages;
    private final ConnectionProblem problem;
    private final CompletableFuture<Void> connected = new CompletableFuture<>();

    public StompSubscription(Consumer<String> messages, ConnectionProblem problem) {
        this.messages = messages;
        this.problem = problem;
    }

    /** Sends CONNECT, waits for CONNECTED, then subscribes to each token's ticks (10 s per step). */
    public void subscribe(WebSocket socket, List<String> tokenIds) throws Exception {
        socket.sendText("CONNECT\naccept-version:1.2\nhost:localhost\nheart-beat:0,0\n\n\0", true)
                .get(10, TimeUnit.SECONDS);
        connected.get(10, TimeUnit.SECONDS);
        for (int i = 0; i < tokenIds.size(); i++) {
            socket.sendText("SUBSCRIBE\nid:s" + i + "\ndestination:/topic/ticks." + tokenIds.get(i) + "\n\n\0", true)
                    .get(10, TimeUnit.SECONDS);
        }
    }

    /** After {@link #subscribe}: also the service's feed-status heart-beats ({@code /topic/feed-status}, id {@code fs}). */
    public void subscribeFeedStatus(WebSocket socket) throws Exception {
        socket.sendText("SUBSCRIBE\nid:fs\ndestination:/topic/feed-status\n\n\0", true).get(10, TimeUnit.SECONDS);
    }

    /** One WebSocket text message: its STOMP frames, each ending in NUL, in order. */
    public void onText(String message) {
        int from = 0;
        while (from < message.length()) {
            int end = message.indexOf('\0', from);
            if (end < 0) {
                end = message.length();
            }
            while (from < end && (message.charAt(from) == '\n' || message.charAt(from) == '\r')) {
                from++; // heart-beats and EOLs between frames
            }
            if (from < end) {
                onFrame(message.substring(from, end));
            }
            from = end + 1;
        }
    }

    /** One STOMP frame from the server. */
    private void onFrame(String frame) {
        if (frame.startsWith("MESSAGE")) {
            messages.accept(frame);
        } else if (frame.startsWith("CONNECTED")) {
            connected.complete(null);
        } else if (frame.startsWith("ERROR")) {
            String description = "STOMP ERROR: " + frame.replace('\0', ' ').strip();
            problem.report(description);
            connected.completeExceptionally(new IllegalStateException(description));
        }
    }
}
