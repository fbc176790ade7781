package dev.polymaker.trading.orders.live;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A loopback HTTP proxy in front of the simulated CLOB that can hold chosen requests before
 * forwarding them, so a test can fix the order in which the exchange sees concurrent calls.
 */
final class GatedProxy implements AutoCloseable {

    private static final Set<String> NOT_FORWARDED = Set.of("host", "content-length", "connection", "expect",
            "upgrade");

    /** Holds the first request matching {@code which} until {@link #open()}; {@link #arrived()} tells when it came. */
    static final class Gate {
        final Predicate<HttpExchange> which;
        final CountDownLatch arrived = new CountDownLatch(1);
        final CountDownLatch opened = new CountDownLatch(1);

        Gate(Predicate<HttpExchange> which) {
            this.which = which;
        }

        boolean arrived() {
            return arrived.getCount() == 0;
        }

        void open() {
            opened.countDown();
        }
    }

    private final URI target;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8, r -> {
        Thread t = new Thread(r, "gated-proxy");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Gate> gates = new CopyOnWriteArrayList<>();

    GatedProxy(URI target) throws IOException {
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::forward);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    Gate hold(String method, String path, Predicate<String> query) {
        Gate g = new Gate(x -> x.getRequestMethod().equals(method) && x.getRequestURI().getPath().equals(path)
                && query.test(x.getRequestURI().getRawQuery() == null ? "" : x.getRequestURI().getRawQuery()));
        gates.add(g);
        return g;
    }

    private void forward(HttpExchange x) throws IOException {
        try (x) {
            for (Gate g : gates) {
                if (g.which.test(x)) {
                    gates.remove(g);
                    g.arrived.countDown();
                    if (!g.opened.await(20, TimeUnit.SECONDS)) {
                        x.sendResponseHeaders(504, -1);
                        return;
                    }
                    break;
                }
            }
            byte[] body;
            try (InputStream in = x.getRequestBody()) {
                body = in.readAllBytes();
            }
            HttpRequest.Builder b = HttpRequest.newBuilder(target.resolve(x.getRequestURI().getRawPath()
                    + (x.getRequestURI().getRawQuery() == null ? "" : "?" + x.getRequestURI().getRawQuery())))
                    .method(x.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            x.getRequestHeaders().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                    values.forEach(v -> b.header(name, v));
                }
            });
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            r.headers().firstValue("content-type").ifPresent(v -> x.getResponseHeaders().add("Content-Type", v));
            x.sendResponseHeaders(r.statusCode(), r.body().length == 0 ? -1 : r.body().length);
            try (OutputStream out = x.getResponseBody()) {
                out.write(r.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        gates.forEach(Gate::open);
        server.stop(0);
        executor.shutdownNow();
    }
}
