package dev.polymaker.simulator.clob;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Scripted failures of the simulated CLOB: engine restarts (425), rate limits (429), 5xx,
 * Cloudflare geoblocking (HTML 403), and answers lost after (or before) the request was processed.
 */
public final class ClobFaults {

    enum Kind { STATUS, LATE_ANSWER, DROP }

    record Fault(Kind kind, String method, String path, int status, long delayMillis) {
    }

    private final List<Fault> scripted = new ArrayList<>();
    private volatile boolean geoblocked;

    /** While on, every request gets Cloudflare's "Attention Required" HTML 403. */
    public void geoblock(boolean on) {
        geoblocked = on;
    }

    boolean geoblocked() {
        return geoblocked;
    }

    /** The next {@code times} requests to {@code method path} get {@code status} without being processed. */
    public synchronized void failNext(String method, String path, int status, int times) {
        for (int i = 0; i < times; i++) {
            scripted.add(new Fault(Kind.STATUS, method, path, status, 0));
        }
    }

    /** The next {@code times} requests are processed (an order is placed) but answered only after {@code delay}. */
    public synchronized void answerLate(String method, String path, Duration delay, int times) {
        for (int i = 0; i < times; i++) {
            scripted.add(new Fault(Kind.LATE_ANSWER, method, path, 0, delay.toMillis()));
        }
    }

    /** The next {@code times} requests are not processed; after {@code delay} they get a 504 HTML page. */
    public synchronized void dropNext(String method, String path, Duration delay, int times) {
        for (int i = 0; i < times; i++) {
            scripted.add(new Fault(Kind.DROP, method, path, 504, delay.toMillis()));
        }
    }

    public synchronized void clear() {
        scripted.clear();
        geoblocked = false;
    }

    synchronized Fault take(String method, String path) {
        for (Iterator<Fault> it = scripted.iterator(); it.hasNext(); ) {
            Fault f = it.next();
            if (f.method().equals(method) && f.path().equals(path)) {
                it.remove();
                return f;
            }
        }
        return null;
    }
}
