package dev.polymaker.polymarket.upstream;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential reconnect backoff with jitter: the n-th delay is drawn from [d/2, d] where
 * d = min(max, initial * 2^n), so sockets that dropped together do not reconnect together.
 * Not thread-safe.
 */
final class Backoff {

    private final long initialMillis;
    private final long maxMillis;
    private final DoubleSupplier random;
    private int attempts;

    Backoff(Duration initial, Duration max, DoubleSupplier random) {
        this.initialMillis = Math.max(1, initial.toMillis());
        this.maxMillis = Math.max(initialMillis, max.toMillis());
        this.random = random;
    }

    /** The delay before the next attempt; each call makes the following one longer, up to the maximum. */
    Duration next() {
        long ceiling = initialMillis;
        for (int i = 0; i < attempts && ceiling < maxMillis; i++) {
            ceiling *= 2;
        }
        ceiling = Math.min(ceiling, maxMillis);
        attempts++;
        long jittered = ceiling / 2 + (long) (random.getAsDouble() * (ceiling - ceiling / 2));
        return Duration.ofMillis(Math.max(1, jittered));
    }

    void reset() {
        attempts = 0;
    }

    int attempts() {
        return attempts;
    }
}
