package dev.polymaker.trading.strategy;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Rolling mid prices of one token, kept as a step function: a point holds until the next, so a
 * quiet market (no new ticks) still has a window high without re-feeding old ticks. Capped.
 */
final class MidHistory {

    private record Point(long time, BigDecimal mid) {
    }

    private final long windowMs;
    private final int cap;
    private final Deque<Point> points = new ArrayDeque<>();

    MidHistory(long windowMs, int cap) {
        this.windowMs = windowMs;
        this.cap = cap;
    }

    void add(long time, BigDecimal mid) {
        Point last = points.peekLast();
        if (last != null && last.mid.compareTo(mid) == 0) {
            return;
        }
        points.addLast(new Point(time, mid));
        while (points.size() > cap) {
            points.removeFirst();
        }
    }

    /** Highest mid in effect at any time in [now - window, now], or null when empty. */
    BigDecimal windowHigh(long now) {
        long start = now - windowMs;
        // Drop points superseded before the window began, keeping the one in effect at its start.
        while (points.size() > 1 && secondTime() <= start) {
            points.removeFirst();
        }
        BigDecimal high = null;
        for (Point p : points) {
            if (high == null || p.mid.compareTo(high) > 0) {
                high = p.mid;
            }
        }
        return high;
    }

    BigDecimal last() {
        Point p = points.peekLast();
        return p == null ? null : p.mid;
    }

    int size() {
        return points.size();
    }

    /** Starts over from the current mid (after a round trip the next buy needs a new drop). */
    void reset(long time) {
        Point last = points.peekLast();
        points.clear();
        if (last != null) {
            points.add(new Point(time, last.mid));
        }
    }

    private long secondTime() {
        var it = points.iterator();
        it.next();
        return it.next().time;
    }
}
