package dev.polymaker.marketdata.api.stream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A loopback TCP forwarder whose current connections can be frozen: they stay open but no byte
 * passes any more, like a socket that still looks connected while sending nothing.
 */
final class FreezableProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread t = new Thread(task, "test-proxy");
        t.setDaemon(true);
        return t;
    });
    private final List<Link> links = new CopyOnWriteArrayList<>();

    FreezableProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        threads.execute(this::accept);
    }

    URI url() {
        return URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/ws");
    }

    /** Every connection open now goes silent in both directions; later connections work normally. */
    void freezeExisting() {
        links.forEach(link -> link.frozen = true);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                Link link = new Link(client, upstream);
                links.add(link);
                threads.execute(() -> pump(link, client, upstream));
                threads.execute(() -> pump(link, upstream, client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void pump(Link link, Socket from, Socket to) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (!link.frozen) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            }
        } catch (IOException e) {
            // either side closed
        } finally {
            link.close();
        }
    }

    @Override
    public void close() throws Exception {
        server.close();
        links.forEach(Link::close);
        threads.shutdownNow();
        threads.awaitTermination(5, TimeUnit.SECONDS);
    }

    private static final class Link {
        final Socket a;
        final Socket b;
        volatile boolean frozen;

        Link(Socket a, Socket b) {
            this.a = a;
            this.b = b;
        }

        void close() {
            closeQuietly(a);
            closeQuietly(b);
        }

        private static void closeQuietly(Socket socket) {
            try {
                socket.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }
}
