package dev.polymaker.support;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Reconnect delays: doubling from the initial delay up to the cap, each drawn uniformly from the
 * upper half of its step ("equal jitter") so that many clients of one restarted service do not
 * reconnect in lockstep. Not thread-safe: used by one control thread.
 */
public final class Backoff {

    private final long initialMs;
    private final long maxMs;
    private final DoubleSupplier random;
    private int failures;

    public Backoff(Duration initial, Duration max, DoubleSupplier random) {
        this.initialMs = Math.max(1, initial.toMillis());
        this.maxMs = Math.max(initialMs, max.toMillis());
        this.random = random;
    }

    /** The delay before the next attempt; each call counts one more failure. */
    public Duration next() {
        long step = initialMs;
        for (int i = 0; i < failures && step < maxMs; i++) {
            step *= 2;
        }
        step = Math.min(step, maxMs);
        failures++;
        long half = step / 2;
        long jittered = half + (long) (random.getAsDouble() * (step - half));
        return Duration.ofMillis(Math.max(1, Math.min(step, jittered)));
    }

    /** After a session that worked: the next delay starts from the initial one again. */
    public void reset() {
        failures = 0;
    }

    public int failures() {
        return failures;
    }
}
