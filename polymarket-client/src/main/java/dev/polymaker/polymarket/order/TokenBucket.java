package dev.polymaker.polymarket.order;

import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A token bucket as the CLOB meters orders and cancels: {@code burst} tokens, refilled at
 * {@code ratePerSecond}. {@link #reserve} takes tokens ahead of time and says how long the caller
 * must wait before sending, so callers queue fairly and nothing sleeps in here. Time comes from an
 * injected nanosecond clock. Thread-safe.
 */
public final class TokenBucket {

    private static final double NANOS = 1_000_000_000d;

    private final LongSupplier nanoClock;
    private double ratePerSecond;
    private int burst;
    private double tokens;
    private long updated;

    public TokenBucket(double ratePerSecond, int burst, LongSupplier nanoClock) {
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.updated = nanoClock.getAsLong();
        configure(ratePerSecond, burst);
        this.tokens = burst;
    }

    /** New rate and burst (a tier change); tokens above the new burst are dropped. */
    public synchronized void configure(double ratePerSecond, int burst) {
        if (!(ratePerSecond > 0) || burst < 1) {
            throw new IllegalArgumentException("rate must be > 0 and burst >= 1, were " + ratePerSecond + "/" + burst);
        }
        refill();
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
        this.tokens = Math.min(tokens, burst);
    }

    public synchronized int burst() {
        return burst;
    }

    public synchronized double ratePerSecond() {
        return ratePerSecond;
    }

    /** Tokens available now (negative while reservations are waiting). */
    public synchronized double available() {
        refill();
        return tokens;
    }

    /**
     * Takes {@code cost} tokens if they are there within {@code maxWaitNanos}: returns the nanoseconds
     * to wait before sending (0: now), or -1 when refused (cost above the burst, or a longer wait);
     * a refusal takes nothing.
     */
    public synchronized long reserve(int cost, long maxWaitNanos) {
        if (cost < 0) {
            throw new IllegalArgumentException("cost " + cost);
        }
        if (cost > burst) {
            return -1;
        }
        refill();
        double missing = cost - tokens;
        long wait = missing <= 0 ? 0 : (long) Math.ceil(missing / ratePerSecond * NANOS);
        if (wait > maxWaitNanos) {
            return -1;
        }
        tokens -= cost;
        return wait;
    }

    /** Nanoseconds until {@code cost} tokens would be there (0: now); for the refusal message. */
    public synchronized long nanosUntil(int cost) {
        refill();
        double missing = cost - tokens;
        return missing <= 0 ? 0 : (long) Math.ceil(missing / ratePerSecond * NANOS);
    }

    /** The exchange says only {@code remaining} tokens are left: never believe we have more. */
    public synchronized void observeRemaining(double remaining) {
        refill();
        tokens = Math.min(tokens, remaining);
    }

    private void refill() {
        long now = nanoClock.getAsLong();
        long elapsed = now - updated;
        if (elapsed > 0) {
            tokens = Math.min(burst, tokens + elapsed / NANOS * ratePerSecond);
            updated = now;
        }
    }
}
