package dev.polymaker.marketdata.relay;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A STOMP broker small enough to misbehave on purpose, for {@link BrokerLink}'s own failure modes:
 * it answers CONNECT and a SUBSCRIBE's receipt, and either echoes every SEND to the connection that
 * subscribed (as a broker routing the namespace back would) or swallows SENDs while keeping both
 * sockets open — what RabbitMQ does after closing a STOMP session's channel on its side. It can also
 * close the connection that publishes and leave the subscribing one alone.
 */
final class FakeStompBroker implements AutoCloseable {

    private final ServerSocket server;
    private final AtomicBoolean echo = new AtomicBoolean(true);
    private final List<Connection> connections = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> frames = new ConcurrentHashMap<>();
    private volatile boolean closed;

    FakeStompBroker() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "fake-stomp-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** false: SENDs are taken and dropped, sockets stay open. */
    void echo(boolean on) {
        echo.set(on);
    }

    int connectionsAccepted() {
        return connections.size();
    }

    int framesSeen(String command) {
        return frames.getOrDefault(command, 0);
    }

    /** Closes the open connections that have published but not subscribed. */
    void closePublishingConnections() throws IOException {
        for (Connection c : connections) {
            if (c.published && c.subscription == null) {
                c.socket.close();
            }
        }
    }

    private void accept() {
        while (!closed) {
            try {
                Socket socket = server.accept();
                Connection connection = new Connection(socket);
                connections.add(connection);
                Thread reader = new Thread(connection::read, "fake-stomp-conn-" + connections.size());
                reader.setDaemon(true);
                reader.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private final class Connection {
        final Socket socket;
        volatile String subscription;
        volatile boolean published;

        Connection(Socket socket) {
            this.socket = socket;
        }

        void read() {
            try (socket; InputStream in = socket.getInputStream()) {
                ByteArrayOutputStream frame = new ByteArrayOutputStream();
                int b;
                while ((b = in.read()) != -1) {
                    if (b != 0) {
                        frame.write(b);
                        continue;
                    }
                    handle(frame.toString(StandardCharsets.UTF_8).stripLeading());
                    frame.reset();
                }
            } catch (IOException e) {
                // the peer or the test closed it
            }
        }

        private void handle(String frame) throws IOException {
            int headerEnd = frame.indexOf("\n\n");
            String head = headerEnd < 0 ? frame : frame.substring(0, headerEnd);
            String body = headerEnd < 0 ? "" : frame.substring(headerEnd + 2);
            String[] lines = head.split("\n");
            String command = lines[0].trim();
            frames.merge(command, 1, Integer::sum);
            Map<String, String> headers = new ConcurrentHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.putIfAbsent(lines[i].substring(0, colon), lines[i].substring(colon + 1));
                }
            }
            switch (command) {
                case "CONNECT", "STOMP" -> write("CONNECTED\nversion:1.2\nheart-beat:0,0\n\n");
                case "SUBSCRIBE" -> {
                    subscription = headers.get("id");
                    if (headers.containsKey("receipt")) {
                        write("RECEIPT\nreceipt-id:" + headers.get("receipt") + "\n\n");
                    }
                }
                case "SEND" -> {
                    published = true;
                    if (echo.get()) {
                        for (Connection c : connections) {
                            if (c.subscription != null && !c.socket.isClosed()) {
                                c.write("MESSAGE\nsubscription:" + c.subscription + "\ndestination:"
                                        + headers.get("destination") + "\nmessage-id:1\nepoch:" + headers.get("epoch")
                                        + "\ncontent-type:application/json\n\n" + body);
                            }
                        }
                    }
                }
                case "DISCONNECT" -> {
                    if (headers.containsKey("receipt")) {
                        write("RECEIPT\nreceipt-id:" + headers.get("receipt") + "\n\n");
                    }
                }
                default -> { }
            }
        }

        synchronized void write(String frame) throws IOException {
            OutputStream out = socket.getOutputStream();
            out.write(frame.getBytes(StandardCharsets.UTF_8));
            out.write(0);
            out.flush();
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        for (Connection c : connections) {
            c.socket.close();
        }
    }
}
