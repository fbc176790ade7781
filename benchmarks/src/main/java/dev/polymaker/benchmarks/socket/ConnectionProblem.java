package dev.polymaker.benchmarks.socket;

/**
 * What went wrong on one benchmark client's connection (a close, a socket error, a STOMP ERROR
 * frame), or null while nothing has: the harnesses print it beside the client's figures.
 * Harnesses: docs/performance.md.
 */
public final class ConnectionProblem {

    private volatile String description;

    /** Records what went wrong, replacing anything recorded before. */
    public void report(String description) {
        this.description = description;
    }

    /** Records what went wrong unless something already was (a close after an ERROR frame keeps the ERROR). */
    public void reportIfNone(String description) {
        if (this.description == null) {
            this.description = description;
        }
    }

    /** What went wrong, or null. */
    public String description() {
        return description;
    }
}
