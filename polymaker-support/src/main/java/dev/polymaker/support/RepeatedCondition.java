package dev.polymaker.support;

import org.slf4j.Logger;
import org.slf4j.event.Level;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Logs a repeated condition once, then at most once per interval with how often it happened
 * meanwhile, so that a flood of bad messages cannot flood the log (docs/architecture.md §5). Time
 * comes from the injected clock. The one "log once, then with a count" of every module. Thread-safe.
 */
public final class RepeatedCondition {

    private final Logger log;
    private final Level level;
    private final Clock clock;
    private final long intervalMs;
    private long total;
    private long suppressed;
    private long lastLoggedAt;
    private boolean loggedOnce;

    public RepeatedCondition(Logger log, Level level, Clock clock, Duration interval) {
        this.log = log;
        this.level = level;
        this.clock = clock;
        this.intervalMs = interval.toMillis();
    }

    /** Records one occurrence; logs it (with the counts) unless one was logged within the interval. */
    public void record(String message) {
        record(message, null);
    }

    /** Records one occurrence; logs it (with the counts) unless one was logged within the interval. */
    public void record(String message, Throwable cause) {
        record(() -> message, cause);
    }

    /** As {@link #record(String)}, building the message only when it is logged (hot paths). */
    public void record(Supplier<String> message) {
        record(message, null);
    }

    /** As {@link #record(String, Throwable)}, building the message only when it is logged (hot paths). */
    public void record(Supplier<String> message, Throwable cause) {
        long now = clock.millis();
        long count;
        long skipped;
        synchronized (this) {
            total++;
            if (loggedOnce && now - lastLoggedAt < intervalMs) {
                suppressed++;
                return;
            }
            loggedOnce = true;
            lastLoggedAt = now;
            count = total;
            skipped = suppressed;
            suppressed = 0;
        }
        String text = message.get() + " [" + count + " in total"
                + (skipped > 0 ? ", " + skipped + " not logged since the last report" : "") + "]";
        if (cause != null) {
            log.atLevel(level).setCause(cause).log(text);
        } else {
            log.atLevel(level).log(text);
        }
    }

    /** How often the condition happened in all. */
    public synchronized long total() {
        return total;
    }
}
