package dev.polymaker.benchmarks.latency;

import org.HdrHistogram.Histogram;

/** One of the K receivers of a run: a STOMP consumer of market-data-service or a raw socket on the simulator. */
interface LatencyConsumer extends AutoCloseable {

    /** Data messages received (ticks, or {@code price_change} frames for the raw socket). */
    long received();

    /** Exchange timestamp to receipt, in µs, since the last call. */
    Histogram latencySinceLastCall();

    /** Seq jumps not explained by conflation (always 0 for the raw socket, which has no seq). */
    long gaps();

    /** Ticks the service reported as superseded for this consumer (conflation), 0 for the raw socket. */
    long conflated();

    /** What went wrong (an ERROR frame, a close), or null. */
    String problem();

    @Override
    void close();
}
