package dev.polymaker.simulator.ws;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.framing.CloseFrame;

/**
 * A socket channel that can answer a handshake with an HTTP error of our choosing (Java-WebSocket only knows
 * 404/500): it writes the response itself and then swallows whatever the library writes afterwards.
 */
final class GuardedChannel implements ByteChannel {
    private final SocketChannel delegate;
    private volatile boolean muted;

    GuardedChannel(SocketChannel delegate) {
        this.delegate = delegate;
    }

    /** Writes a complete HTTP response and mutes every later write; the library then closes the socket. */
    void respondAndMute(int status, String reason, String body) throws IOException {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " " + reason + "\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: " + content.length + "\r\n"
                + "Connection: close\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer response = ByteBuffer.allocate(headBytes.length + content.length).put(headBytes).put(content);
        response.flip();
        muted = true;
        long deadline = System.nanoTime() + 1_000_000_000L;
        while (response.hasRemaining() && System.nanoTime() < deadline) {
            if (delegate.write(response) == 0) {
                Thread.onSpinWait();
            }
        }
    }

    /**
     * Drops a connection without a close frame, at once. Closing a channel that is registered with a selector only
     * takes effect at the selector's next wake-up, so the TCP connection is shut down first: the peer sees the drop
     * now, not whenever another socket happens to be active.
     */
    static void abort(WebSocket socket, String reason) {
        if (socket instanceof WebSocketImpl impl && impl.getChannel() instanceof GuardedChannel guarded) {
            guarded.shutdown();
        }
        socket.closeConnection(CloseFrame.ABNORMAL_CLOSE, reason);
    }

    private void shutdown() {
        try {
            delegate.shutdownOutput();
            delegate.shutdownInput();
        } catch (IOException e) {
            // Already closed by the peer: nothing left to shut down.
        }
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return delegate.read(dst);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        if (muted) {
            int n = src.remaining();
            src.position(src.limit());
            return n;
        }
        return delegate.write(src);
    }

    @Override
    public boolean isOpen() {
        return delegate.isOpen();
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }
}
