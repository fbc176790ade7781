package dev.polymaker.simulator.clob;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Serves a {@link ClobVenue} over HTTP/1.1 with the JDK's built-in server (loopback, any port). */
public final class ClobHttpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClobHttpServer.class);

    private final ClobVenue venue;
    private final HttpServer server;
    private final ThreadPoolExecutor executor;

    private ClobHttpServer(ClobVenue venue, HttpServer server, ThreadPoolExecutor executor) {
        this.venue = venue;
        this.server = server;
        this.executor = executor;
    }

    /** Starts on {@code host:port} (port 0: any free port). */
    public static ClobHttpServer start(ClobVenue venue, String host, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 64);
        AtomicInteger n = new AtomicInteger();
        // Late-answer faults hold a thread each, so the pool leaves room for the reconciling calls.
        ThreadPoolExecutor executor = new ThreadPoolExecutor(8, 8, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(256), r -> {
                    Thread t = new Thread(r, "clob-server-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
        server.setExecutor(executor);
        ClobHttpServer s = new ClobHttpServer(venue, server, executor);
        server.createContext("/", s::serve);
        server.start();
        log.info("simulated CLOB listening on {}", s.uri());
        return s;
    }

    public URI uri() {
        InetSocketAddress a = server.getAddress();
        return URI.create("http://" + a.getHostString() + ":" + a.getPort());
    }

    public ClobVenue venue() {
        return venue;
    }

    /** Adapts one exchange; also usable by another JDK-server front that mounts the CLOB paths. */
    public static ClobRequest toRequest(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> {
            if (!v.isEmpty()) {
                headers.put(k, v.get(0));
            }
        });
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        return new ClobRequest(exchange.getRequestMethod(), uri.getPath(), query(uri.getRawQuery()), headers, body);
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            ClobResponse r = venue.handle(toRequest(exchange));
            if (r.delayMillis() > 0) {
                try {
                    // A simulated lost answer: the request was (or was not) processed, the reply comes late.
                    Thread.sleep(r.delayMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().put("Content-Type", List.of(r.contentType()));
            r.headers().forEach((k, v) -> exchange.getResponseHeaders().put(k, List.of(v)));
            exchange.sendResponseHeaders(r.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (IOException e) {
            log.debug("client went away: {}", e.toString());
        } catch (RuntimeException e) {
            log.error("simulated CLOB failed on {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            exchange.sendResponseHeaders(500, -1);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String part : raw.split("&")) {
            int eq = part.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
            q.put(k, v);
        }
        return q;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        venue.close();
    }
}
