package dev.polymaker.simulator.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's HTTP side (REST market data, control, and any routes other modules register, e.g. CLOB trading)
 * on the JDK HttpServer. Routes are exact (method, path) pairs; unknown paths get 404, known paths with another
 * method 405.
 */
public final class SimHttpServer {
    private static final Logger log = LoggerFactory.getLogger(SimHttpServer.class);
    private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    private final Map<String, Map<String, RouteHandler>> routes = new ConcurrentHashMap<>();
    private final HttpServer server;
    private final ThreadPoolExecutor executor;

    public SimHttpServer(InetSocketAddress address) throws IOException {
        this.server = HttpServer.create(address, 64);
        AtomicInteger counter = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1_000), r -> {
            Thread t = new Thread(r, "sim-http-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.AbortPolicy());
        server.setExecutor(executor);
        server.createContext("/", this::dispatch);
    }

    /** Registers (or replaces) the handler of an exact method and path, e.g. route("POST", "/order", handler). */
    public SimHttpServer route(String method, String path, RouteHandler handler) {
        Objects.requireNonNull(handler, "handler");
        routes.computeIfAbsent(path, p -> new ConcurrentHashMap<>()).put(method.toUpperCase(Locale.ROOT), handler);
        return this;
    }

    public void start() {
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            Map<String, RouteHandler> byMethod = routes.get(path);
            RouteResponse response;
            if (byMethod == null) {
                response = RouteResponse.error(404, "not found: " + path);
            } else if (!byMethod.containsKey(method)) {
                response = RouteResponse.error(405, "method " + method + " not allowed on " + path);
            } else {
                response = handle(byMethod.get(method), exchange, method, path);
            }
            byte[] body = response.body() == null ? new byte[0] : response.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    private RouteResponse handle(RouteHandler handler, HttpExchange exchange, String method, String path) {
        try {
            RouteRequest request = new RouteRequest(method, path, query(exchange.getRequestURI().getRawQuery()),
                    headers(exchange), body(exchange));
            return handler.handle(request);
        } catch (IllegalArgumentException e) {
            return RouteResponse.error(400, e.getMessage());
        } catch (Exception e) {
            log.error("HTTP {} {} failed", method, path, e);
            return RouteResponse.error(500, "internal error: " + e.getClass().getSimpleName());
        }
    }

    private static Map<String, List<String>> headers(HttpExchange exchange) {
        Map<String, List<String>> out = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> out.put(name.toLowerCase(Locale.ROOT),
                List.copyOf(values)));
        return out;
    }

    private static String body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new IllegalArgumentException("request body larger than " + MAX_BODY_BYTES + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(name, value);
        }
        return out;
    }
}
