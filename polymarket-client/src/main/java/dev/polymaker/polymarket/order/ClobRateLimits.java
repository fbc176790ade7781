package dev.polymaker.polymarket.order;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The CLOB's order and cancel rate limits for one signing address (protocol §9): two
 * {@link TokenBucket}s taken before a metered call is sent, a bound on how long a call may wait for
 * tokens (longer: refused locally, never sent to earn a 429), a bound on how long a 429's
 * {@code Retry-After} is waited out, the count of {@code Poly-RateLimit-Warning} answers and the
 * last {@code Poly-RateLimit-Remaining} per bucket. Thread-safe.
 */
public final class ClobRateLimits {

    /** Which bucket a call draws from. */
    public enum Bucket { ORDERS, CANCELS }

    /** A tier's rates: tokens per second and burst of each bucket. */
    public record Tier(String name, double ordersPerSecond, int orderBurst, double cancelsPerSecond, int cancelBurst) {
        /** Standard tier (protocol §9): orders 40/s burst 60, cancels 80/s burst 120. */
        public static final Tier STANDARD = new Tier("standard", 40, 60, 80, 120);

        public Tier {
            Objects.requireNonNull(name, "name");
            if (!(ordersPerSecond > 0) || !(cancelsPerSecond > 0) || orderBurst < 1 || cancelBurst < 1) {
                throw new IllegalArgumentException("rates must be > 0 and bursts >= 1: " + ordersPerSecond + "/"
                        + orderBurst + ", " + cancelsPerSecond + "/" + cancelBurst);
            }
        }

        /**
         * The answer of {@code GET /v1/user/rate-limit-tier}: {@code {"tier": name, "orders": {"rate",
         * "burst"}, "cancels": {"rate", "burst"}}}; a bare "standard" means {@link #STANDARD}.
         */
        static java.util.Optional<Tier> fromJson(tools.jackson.databind.JsonNode n) {
            String name = n.path("tier").asString("");
            tools.jackson.databind.JsonNode o = n.path("orders");
            tools.jackson.databind.JsonNode c = n.path("cancels");
            if (o.path("rate").isNumber() && o.path("burst").isNumber() && c.path("rate").isNumber()
                    && c.path("burst").isNumber()) {
                return java.util.Optional.of(new Tier(name.isEmpty() ? "exchange" : name, o.path("rate").asDouble(),
                        o.path("burst").asInt(), c.path("rate").asDouble(), c.path("burst").asInt()));
            }
            return "standard".equalsIgnoreCase(name) ? java.util.Optional.of(STANDARD) : java.util.Optional.empty();
        }
    }

    private final Map<Bucket, TokenBucket> buckets = new EnumMap<>(Bucket.class);
    private final Map<Bucket, AtomicLong> remaining = new EnumMap<>(Bucket.class);
    private final AtomicLong warnings = new AtomicLong();
    private final AtomicLong refusals = new AtomicLong();
    private volatile Tier tier;
    private volatile Duration maxWait = Duration.ofSeconds(5);
    private volatile Duration maxRetryAfter = Duration.ofSeconds(10);

    public ClobRateLimits(Tier tier, LongSupplier nanoClock) {
        this.tier = Objects.requireNonNull(tier, "tier");
        buckets.put(Bucket.ORDERS, new TokenBucket(tier.ordersPerSecond(), tier.orderBurst(), nanoClock));
        buckets.put(Bucket.CANCELS, new TokenBucket(tier.cancelsPerSecond(), tier.cancelBurst(), nanoClock));
        for (Bucket b : Bucket.values()) {
            remaining.put(b, new AtomicLong(-1));
        }
    }

    /** Applies a tier (from configuration or {@code GET /v1/user/rate-limit-tier}). */
    public void tier(Tier t) {
        this.tier = Objects.requireNonNull(t, "tier");
        buckets.get(Bucket.ORDERS).configure(t.ordersPerSecond(), t.orderBurst());
        buckets.get(Bucket.CANCELS).configure(t.cancelsPerSecond(), t.cancelBurst());
    }

    public Tier tier() {
        return tier;
    }

    /** How long a call may wait for tokens before it is refused locally (default 5 s). */
    public void maxWait(Duration d) {
        this.maxWait = Objects.requireNonNull(d, "maxWait");
    }

    /** The longest {@code Retry-After} waited out; a longer one fails the call at once (default 10 s). */
    public void maxRetryAfter(Duration d) {
        this.maxRetryAfter = Objects.requireNonNull(d, "maxRetryAfter");
    }

    public Duration maxRetryAfter() {
        return maxRetryAfter;
    }

    /** The largest batch one call of this bucket may carry: the burst (a costlier batch can never pass). */
    public int burst(Bucket b) {
        return buckets.get(b).burst();
    }

    /**
     * Takes {@code cost} tokens: returns how long to wait before sending, or throws
     * {@link ClobException.RateLimited} (local) when they cannot be had within the bound.
     */
    Duration acquire(String call, Bucket b, int cost) {
        TokenBucket bucket = buckets.get(b);
        long wait = bucket.reserve(cost, maxWait.toNanos());
        if (wait >= 0) {
            return Duration.ofNanos(wait);
        }
        refusals.incrementAndGet();
        if (cost > bucket.burst()) {
            throw new ClobException.RateLimited(call, "refused locally: costs " + cost + " " + name(b)
                    + " tokens, more than the burst of " + bucket.burst() + " (the exchange would never accept it)",
                    null, true);
        }
        Duration until = Duration.ofNanos(bucket.nanosUntil(cost));
        throw new ClobException.RateLimited(call, "refused locally: " + name(b) + " budget exhausted (" + tier.name()
                + " tier), " + cost + " tokens free in " + until.toMillis() + " ms, more than the " + maxWait.toMillis()
                + " ms a call may wait", until, true);
    }

    /** The exchange answered with rate-limit headers for this bucket. */
    void observe(Bucket b, String remainingHeader, String warningHeader) {
        if ("true".equalsIgnoreCase(warningHeader == null ? null : warningHeader.trim())) {
            warnings.incrementAndGet();
        }
        if (remainingHeader != null) {
            try {
                double r = Double.parseDouble(remainingHeader.trim());
                remaining.get(b).set((long) Math.floor(r));
                buckets.get(b).observeRemaining(r);
            } catch (NumberFormatException e) {
                // an unreadable header is ignored
            }
        }
    }

    /** A 429: the exchange's bucket is empty, so ours is too. */
    void exhausted(Bucket b) {
        buckets.get(b).observeRemaining(0);
    }

    /** Answers that carried {@code Poly-RateLimit-Warning: true}. */
    public long warnings() {
        return warnings.get();
    }

    /** Calls refused locally for lack of tokens. */
    public long refusals() {
        return refusals.get();
    }

    /** The last {@code Poly-RateLimit-Remaining} the exchange sent for the bucket, -1 before any. */
    public long lastRemaining(Bucket b) {
        return remaining.get(b).get();
    }

    /** Tokens our own bucket holds now. */
    public double available(Bucket b) {
        return buckets.get(b).available();
    }

    private static String name(Bucket b) {
        return b == Bucket.ORDERS ? "order" : "cancel";
    }
}
