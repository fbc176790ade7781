package dev.polymaker.polymarket.order;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The request plumbing of {@link ClobClient}: L1/L2 auth headers, one logical call with retries of
 * 425, 429 and unsent requests (and, if idempotent, lost answers), status to {@link ClobException},
 * error texts, JSON and cursor paging. Threads: up to four {@code clob-http-*} for the JDK client.
 */
final class ClobHttp implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClobClient.class);
    private static final int MAX_PAGES = 1000;
    private static final int MAX_ERROR_TEXT = 300;

    /** Which headers authenticate a call. */
    enum Auth { NONE, L1, L2 }

    /** One HTTP answer; {@code retryAfter} is its {@code Retry-After}, null if none. */
    record Result(int status, String body, Duration retryAfter) {
        Result(int status, String body) {
            this(status, body, null);
        }
    }

    private final ClobClientConfig config;
    private final WalletKey key;
    private final ApiCredentials credentials;
    private final Clock clock;
    private final ClobClient.Sleeper sleeper;
    private final ClobRateLimits limits;
    private final ExecutorService executor;
    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    ClobHttp(ClobClientConfig config, WalletKey key, ApiCredentials credentials, Clock clock,
             ClobClient.Sleeper sleeper, ClobRateLimits limits) {
        this.limits = limits;
        this.config = config;
        this.key = key;
        this.credentials = credentials;
        this.clock = clock;
        this.sleeper = sleeper;
        AtomicInteger threads = new AtomicInteger();
        // The JDK client runs its response plumbing here; bounded, and the caller runs work when full.
        this.executor = new ThreadPoolExecutor(0, 4, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "clob-http-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
        this.http = HttpClient.newBuilder()
                .connectTimeout(config.connectTimeout())
                .executor(executor)
                .build();
    }

    JsonMapper json() {
        return json;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    /** A cancel call: which ids the CLOB cancelled and why the others were not. */
    CancelResult cancel(String path, String body, int cost) {
        requireCredentials();
        JsonNode n = readJson(call("DELETE", path, Map.of(), body, Auth.L2, true, null, 0, cost));
        List<String> canceled = new ArrayList<>();
        n.path("canceled").forEach(c -> canceled.add(c.asString()));
        Map<String, String> notCanceled = new LinkedHashMap<>();
        JsonNode nc = n.path("not_canceled");
        if (nc.isObject()) {
            nc.properties().forEach(e -> notCanceled.put(e.getKey(), e.getValue().asString()));
        }
        return new CancelResult(canceled, notCanceled);
    }

    List<JsonNode> pages(String path, Map<String, String> filters) {
        requireCredentials();
        List<JsonNode> out = new ArrayList<>();
        String cursor = ClobClient.FIRST_CURSOR;
        for (int page = 0; page < MAX_PAGES; page++) {
            Map<String, String> q = new LinkedHashMap<>(filters);
            q.put("next_cursor", cursor);
            JsonNode n = readJson(call("GET", path, q, null, Auth.L2, true, null));
            JsonNode data = n.isArray() ? n : n.path("data");
            data.forEach(out::add);
            String next = n.path("next_cursor").asString(ClobClient.LAST_CURSOR);
            if (next.isEmpty() || next.equals(ClobClient.LAST_CURSOR) || next.equals(cursor) || data.isEmpty()) {
                return out;
            }
            cursor = next;
        }
        throw protocol("GET " + path, "more than " + MAX_PAGES + " pages");
    }

    Result call(String method, String path, Map<String, String> query, String body, Auth auth,
                            boolean idempotent, IntPredicate alsoAccept) {
        return call(method, path, query, body, auth, idempotent, alsoAccept, 0);
    }

    Result call(String method, String path, Map<String, String> query, String body, Auth auth,
                            boolean idempotent, IntPredicate alsoAccept, long nonce) {
        return call(method, path, query, body, auth, idempotent, alsoAccept, nonce, 1);
    }

    /** The bucket an order or cancel call draws from; null for unmetered calls. */
    static ClobRateLimits.Bucket bucket(String method, String path) {
        if (method.equals("POST") && (path.equals("/order") || path.equals("/orders"))) {
            return ClobRateLimits.Bucket.ORDERS;
        }
        if (method.equals("DELETE")) {
            return ClobRateLimits.Bucket.CANCELS;
        }
        return null;
    }

    /**
     * One logical call: an order or cancel first takes {@code cost} tokens of its bucket (waiting
     * up to the bound, else refused locally); retries 425, 429 (after its {@code Retry-After}, up to
     * a bound) and unsent requests (and, if idempotent, lost answers).
     */
    Result call(String method, String path, Map<String, String> query, String body, Auth auth,
                            boolean idempotent, IntPredicate alsoAccept, long nonce, int cost) {
        String call = method + " " + path;
        ClobRateLimits.Bucket bucket = bucket(method, path);
        Duration backoff = config.initialBackoff();
        for (int attempt = 1; ; attempt++) {
            if (bucket != null) {
                pause(call, limits.acquire(call, bucket, cost));
            }
            try {
                Result r = exchange(method, path, query, body, auth, nonce, bucket);
                if (r.status() / 100 == 2 || (alsoAccept != null && alsoAccept.test(r.status()))) {
                    return r;
                }
                throw classify(call, r);
            } catch (ClobException e) {
                boolean retry = e.retryable() || (idempotent && e instanceof ClobException.UnknownOutcome);
                if (!retry || attempt >= config.maxAttempts()) {
                    throw e;
                }
                Duration wait = backoff;
                if (e instanceof ClobException.RateLimited rl && !rl.local()) {
                    if (bucket != null) {
                        limits.exhausted(bucket);
                    }
                    if (rl.retryAfter() != null) {
                        if (rl.retryAfter().compareTo(limits.maxRetryAfter()) > 0) {
                            throw e;
                        }
                        wait = rl.retryAfter().compareTo(backoff) > 0 ? rl.retryAfter() : backoff;
                    }
                }
                log.warn("{} (attempt {}/{}); retrying in {} ms", e.getMessage(), attempt, config.maxAttempts(),
                        wait.toMillis());
                pause(call, wait);
                backoff = backoff.multipliedBy(2).compareTo(config.maxBackoff()) > 0 ? config.maxBackoff()
                        : backoff.multipliedBy(2);
            }
        }
    }

    private void pause(String call, Duration d) {
        if (d.isZero() || d.isNegative()) {
            return;
        }
        try {
            sleeper.sleep(d);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new ClobException.UnknownOutcome(call, "interrupted while waiting", ie);
        }
    }

    private Result exchange(String method, String path, Map<String, String> query, String body, Auth auth,
                                long nonce, ClobRateLimits.Bucket bucket) {
        String call = method + " " + path;
        URI uri = URI.create(config.baseUri() + path + queryString(query));
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(config.requestTimeout())
                .header("Accept", "application/json");
        long ts = clock.millis() / 1000;
        Map<String, String> headers = switch (auth) {
            case NONE -> Map.of();
            case L1 -> L1Auth.headers(key, config.chainId(), ts, nonce);
            // The HMAC covers the path without query and the exact body string sent below.
            case L2 -> L2Auth.headers(key.address(), credentials, ts, method, path, body);
        };
        headers.forEach(b::header);
        if (body != null) {
            b.header("Content-Type", "application/json");
            b.method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        log.debug("{} {}", call, uri.getRawQuery() == null ? "" : uri.getRawQuery());
        try {
            HttpResponse<String> response = http.send(b.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (bucket != null) {
                limits.observe(bucket, response.headers().firstValue("Poly-RateLimit-Remaining").orElse(null),
                        response.headers().firstValue("Poly-RateLimit-Warning").orElse(null));
            }
            return new Result(response.statusCode(), response.body(),
                    retryAfter(response.headers().firstValue("Retry-After").orElse(null)));
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw new ClobException.Unavailable(call, e);
        } catch (HttpTimeoutException e) {
            throw new ClobException.UnknownOutcome(call, "no answer within " + config.requestTimeout().toMillis()
                    + " ms", e);
        } catch (IOException e) {
            throw new ClobException.UnknownOutcome(call, "connection failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClobException.UnknownOutcome(call, "interrupted", e);
        }
    }

    ClobException classify(String call, Result r) {
        String text = errorText(r.body());
        int s = r.status();
        if (s == 425) {
            return new ClobException.NotReady(call, text);
        }
        if (s == 429) {
            return new ClobException.RateLimited(call, text, r.retryAfter(), false);
        }
        if (s == 403 && isHtml(r.body())) {
            return new ClobException.Geoblocked(call);
        }
        if (s == 401 || s == 403) {
            return new ClobException.Unauthorized(call, s, text);
        }
        if (s >= 500) {
            return new ClobException.ServerError(call, s, text);
        }
        return new ClobException.Rejected(call, s, text);
    }

    /** {@code Retry-After} in (possibly fractional) seconds; an HTTP date or junk counts as absent. */
    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            double seconds = Double.parseDouble(header.trim());
            return seconds < 0 ? null : Duration.ofMillis((long) Math.ceil(seconds * 1000));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean isHtml(String body) {
        String b = body == null ? "" : body.stripLeading().toLowerCase(Locale.ROOT);
        return b.startsWith("<") || b.contains("<html");
    }

    /** The server's error text: {@code error}/{@code errorMsg} of a JSON body, else a bounded excerpt. */
    String errorText(String body) {
        if (body == null || body.isBlank()) {
            return "(empty body)";
        }
        if (isHtml(body)) {
            return "HTML error page";
        }
        try {
            JsonNode n = json.readTree(body);
            for (String field : new String[] {"error", "errorMsg", "message"}) {
                if (n.path(field).isString() && !n.path(field).asString().isEmpty()) {
                    return n.path(field).asString();
                }
            }
        } catch (JacksonException e) {
            // not JSON: fall through to the excerpt
        }
        return body.length() > MAX_ERROR_TEXT ? body.substring(0, MAX_ERROR_TEXT) + "…" : body;
    }

    JsonNode readJson(Result r) {
        try {
            return json.readTree(r.body() == null || r.body().isBlank() ? "{}" : r.body());
        } catch (JacksonException e) {
            throw protocol("response", "not JSON (HTTP " + r.status() + "): " + errorText(r.body()));
        }
    }

    static ClobException protocol(String call, String message) {
        return ClobWire.unexpected(call, message);
    }

    void requireCredentials() {
        if (credentials == null) {
            throw new IllegalStateException("this ClobClient has no API credentials (L2 calls need them)");
        }
    }

    private static String queryString(Map<String, String> query) {
        if (query.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("?");
        query.forEach((k, v) -> {
            if (sb.length() > 1) {
                sb.append('&');
            }
            sb.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return sb.toString();
    }

    static Map<String, String> filters(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            if (kv[i + 1] != null && !kv[i + 1].isEmpty()) {
                m.put(kv[i], kv[i + 1]);
            }
        }
        return m;
    }
}
