package dev.polymaker.support.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock tests move by hand, so watchdogs and state machines are tested without sleeping; the
 * one copy every module's tests use (polymaker-support's test-jar). Thread-safe, UTC.
 */
public final class MutableClock extends Clock {

    private final AtomicLong millis;

    /** Starts at the current wall-clock time. */
    public MutableClock() {
        this(System.currentTimeMillis());
    }

    public MutableClock(long epochMillis) {
        this.millis = new AtomicLong(epochMillis);
    }

    public void advance(Duration by) {
        millis.addAndGet(by.toMillis());
    }

    public void advance(long byMillis) {
        millis.addAndGet(byMillis);
    }

    public void advanceMillis(long byMillis) {
        millis.addAndGet(byMillis);
    }

    public void set(long epochMillis) {
        millis.set(epochMillis);
    }

    @Override
    public long millis() {
        return millis.get();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
