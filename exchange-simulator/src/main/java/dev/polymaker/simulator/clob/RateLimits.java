package dev.polymaker.simulator.clob;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.ToIntFunction;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The CLOB's order and cancel rate limits per signing address (protocol §9), off unless switched on:
 * token buckets (Standard tier: orders 40/s burst 60, cancels 80/s burst 120); a call over the limit
 * is rejected, not queued: 429 with {@code Retry-After} (whole seconds) and {@code {"error":...}};
 * metered answers carry {@code Poly-RateLimit-Remaining}, {@code -Reset} (seconds until full),
 * {@code -Tier}, and {@code Poly-RateLimit-Warning: true} below 20 % of the burst. {@code POST /orders}
 * and {@code DELETE /orders} cost N, {@code DELETE /cancel-all} 1 + the orders it cancels.
 */
public final class RateLimits {

    /** Admitted (headers to add to the answer) or refused (the 429 to send instead). */
    record Admission(Map<String, String> headers, ClobResponse refusal) {
        static final Admission UNMETERED = new Admission(Map.of(), null);

        ClobResponse decorate(ClobResponse r) {
            return headers.isEmpty() ? r : r.withHeaders(headers);
        }
    }

    private static final class Bucket {
        final double rate;
        final int burst;
        double tokens;
        long updated;

        Bucket(double rate, int burst, long now) {
            this.rate = rate;
            this.burst = burst;
            this.tokens = burst;
            this.updated = now;
        }

        void refill(long now) {
            tokens = Math.min(burst, tokens + Math.max(0, now - updated) / 1e9 * rate);
            updated = now;
        }
    }

    private final JsonMapper json = JsonMapper.builder().build();
    private final LongSupplier nanos;
    private final Map<String, Bucket> buckets = new HashMap<>();
    private volatile boolean on;
    private double ordersPerSecond = 40;
    private int orderBurst = 60;
    private double cancelsPerSecond = 80;
    private int cancelBurst = 120;
    private String tier = "standard";
    private long limited;

    RateLimits(LongSupplier nanos) {
        this.nanos = nanos;
    }

    /** Switches the limits on with these rates (buckets start full); tier "standard" iff the defaults. */
    public synchronized void configure(double ordersPerSecond, int orderBurst, double cancelsPerSecond, int cancelBurst) {
        if (!(ordersPerSecond > 0) || !(cancelsPerSecond > 0) || orderBurst < 1 || cancelBurst < 1) {
            throw new IllegalArgumentException("rates must be > 0 and bursts >= 1");
        }
        this.ordersPerSecond = ordersPerSecond;
        this.orderBurst = orderBurst;
        this.cancelsPerSecond = cancelsPerSecond;
        this.cancelBurst = cancelBurst;
        this.tier = ordersPerSecond == 40 && orderBurst == 60 && cancelsPerSecond == 80 && cancelBurst == 120
                ? "standard" : "simulated";
        buckets.clear();
        on = true;
    }

    public synchronized void off() {
        on = false;
        buckets.clear();
    }

    public boolean on() {
        return on;
    }

    /** Calls answered 429 since start. */
    public synchronized long limited() {
        return limited;
    }

    /** {@code GET /v1/user/rate-limit-tier}: the tier and its rates; 404 while limits are off. */
    synchronized ClobResponse tierResponse() {
        if (!on) {
            return ClobResponse.json(404, "{\"error\":\"not found: GET /v1/user/rate-limit-tier\"}");
        }
        var n = json.createObjectNode().put("tier", tier);
        n.putObject("orders").put("rate", ordersPerSecond).put("burst", orderBurst);
        n.putObject("cancels").put("rate", cancelsPerSecond).put("burst", cancelBurst);
        return ClobResponse.json(200, json.writeValueAsString(n));
    }

    /**
     * Meters one authenticated call ({@code key} is "METHOD /path") of {@code address};
     * {@code openOrders} counts an API key's open orders (the cost of cancel-all).
     */
    Admission admit(String address, String apiKey, String key, String body, ToIntFunction<String> openOrders) {
        if (!on) {
            return Admission.UNMETERED;
        }
        boolean orders = key.equals("POST /order") || key.equals("POST /orders");
        boolean cancels = key.startsWith("DELETE ");
        if (!orders && !cancels) {
            return Admission.UNMETERED;
        }
        int cost = switch (key) {
            case "POST /orders", "DELETE /orders" -> arraySize(body);
            case "DELETE /cancel-all" -> 1 + openOrders.applyAsInt(apiKey);
            default -> 1;
        };
        synchronized (this) {
            long now = nanos.getAsLong();
            String name = orders ? "orders" : "cancels";
            Bucket b = buckets.computeIfAbsent(address.toLowerCase(java.util.Locale.ROOT) + " " + name,
                    k -> orders ? new Bucket(ordersPerSecond, orderBurst, now) : new Bucket(cancelsPerSecond, cancelBurst, now));
            b.refill(now);
            Map<String, String> headers = new LinkedHashMap<>();
            if (cost > b.tokens) {
                limited++;
                long retry = cost > b.burst ? 60 : Math.max(1, (long) Math.ceil((cost - b.tokens) / b.rate));
                headers.put("Retry-After", Long.toString(retry));
                headers(headers, b);
                String why = cost > b.burst ? "costs " + cost + ", more than the burst of " + b.burst
                        : "costs " + cost + ", " + (long) Math.floor(b.tokens) + " left";
                return new Admission(Map.of(), ClobResponse.json(429, "{\"error\":\"rate limit exceeded: " + key + " "
                        + why + " (" + name + " bucket, " + tier + " tier)\"}").withHeaders(headers));
            }
            b.tokens -= cost;
            headers(headers, b);
            if (b.tokens < 0.2 * b.burst) {
                headers.put("Poly-RateLimit-Warning", "true");
            }
            return new Admission(headers, null);
        }
    }

    private void headers(Map<String, String> h, Bucket b) {
        h.put("Poly-RateLimit-Remaining", Long.toString((long) Math.floor(b.tokens)));
        h.put("Poly-RateLimit-Reset", Long.toString((long) Math.ceil((b.burst - b.tokens) / b.rate)));
        h.put("Poly-RateLimit-Tier", tier);
    }

    private int arraySize(String body) {
        try {
            JsonNode n = json.readTree(body);
            return n.isArray() ? Math.max(1, n.size()) : 1;
        } catch (JacksonException e) {
            return 1;
        }
    }
}
