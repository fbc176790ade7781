package dev.polymaker.benchmarks.upstream;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * A measuring instrument, not a real clock: {@link #millis()} returns epoch <em>microseconds</em>.
 * Given to the exchange simulator, it makes the wire {@code timestamp} of every event carry
 * microseconds, so loopback latency (well under a millisecond) can be measured; the pool passes
 * exchange time through untouched. {@link #instant()} stays true. Monotonic: derived from
 * {@code System.nanoTime()}, so the simulator's and the receivers' readings compare exactly.
 */
public final class MicrosecondClock extends Clock {

    private final long baseMicros;
    private final long baseNanos;

    public MicrosecondClock() {
        Instant now = Instant.now();
        this.baseNanos = System.nanoTime();
        this.baseMicros = ChronoUnit.MICROS.between(Instant.EPOCH, now);
    }

    public long micros() {
        return baseMicros + (System.nanoTime() - baseNanos) / 1_000;
    }

    /** Epoch microseconds, on purpose (see the class comment). */
    @Override
    public long millis() {
        return micros();
    }

    @Override
    public Instant instant() {
        return Instant.EPOCH.plus(micros(), ChronoUnit.MICROS);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (ZoneOffset.UTC.equals(zone)) {
            return this;
        }
        throw new UnsupportedOperationException("a measuring clock, UTC only");
    }
}
