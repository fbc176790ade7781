package dev.polymaker.polymarket.upstream;

/**
 * Throttles the log of a condition that can repeat per message: the first occurrence is logged,
 * then at most one line per interval carrying how many happened meanwhile. Not thread-safe.
 */
final class RepeatedCondition {

    private final long intervalMillis;
    private long lastLogged = Long.MIN_VALUE;
    private long sinceLastLog;
    private long total;

    RepeatedCondition(long intervalMillis) {
        this.intervalMillis = intervalMillis;
    }

    /** Counts one occurrence; returns how many to report now, or 0 when this one should not be logged. */
    long occurred(long now) {
        total++;
        sinceLastLog++;
        if (lastLogged == Long.MIN_VALUE || now - lastLogged >= intervalMillis) {
            long report = sinceLastLog;
            sinceLastLog = 0;
            lastLogged = now;
            return report;
        }
        return 0;
    }

    long total() {
        return total;
    }
}
