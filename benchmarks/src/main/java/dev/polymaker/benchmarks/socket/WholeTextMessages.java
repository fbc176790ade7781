package dev.polymaker.benchmarks.socket;

import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A JDK {@link WebSocket.Listener} for the benchmark clients: it joins the parts of each text
 * message, hands every whole message to one consumer, and requests the next message only while
 * its flow-control rule says to read on (a consumer that stops reading lets the server's send
 * limits act). A close or socket error goes to the connection's {@link ConnectionProblem}.
 * Harnesses: docs/performance.md.
 */
public final class WholeTextMessages implements WebSocket.Listener {

    private final String peer;
    private final Consumer<String> messages;
    private final BooleanSupplier requestNext;
    private final ConnectionProblem problem;
    private final StringBuilder partial = new StringBuilder();

    /**
     * @param peer        who is at the other end, for the close message ("server", "simulator")
     * @param messages    receives each whole text message, on the socket's thread
     * @param requestNext asked after each message whether to request the next one
     * @param problem     where a close or socket error is reported
     */
    public WholeTextMessages(String peer, Consumer<String> messages, BooleanSupplier requestNext,
                             ConnectionProblem problem) {
        this.peer = peer;
        this.messages = messages;
        this.requestNext = requestNext;
        this.problem = problem;
    }

    /** A listener that always reads the next message. */
    public WholeTextMessages(String peer, Consumer<String> messages, ConnectionProblem problem) {
        this(peer, messages, () -> true, problem);
    }

    @Override
    public void onOpen(WebSocket ws) {
        ws.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        if (!last) {
            partial.append(data);
        } else {
            String message;
            if (partial.length() > 0) {
                message = partial.append(data).toString();
                partial.setLength(0);
            } else {
                message = data.toString();
            }
            messages.accept(message);
        }
        if (requestNext.getAsBoolean()) {
            ws.request(1);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        problem.reportIfNone("closed by the " + peer + ": " + statusCode + " " + reason);
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        problem.report("socket error: " + error);
    }
}
