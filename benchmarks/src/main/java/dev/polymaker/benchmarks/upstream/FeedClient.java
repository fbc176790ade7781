package dev.polymaker.benchmarks.upstream;

import java.net.URI;
import java.util.List;

/** One side of the comparison: something that subscribes to the simulator's market channel and counts what arrives. */
interface FeedClient extends AutoCloseable {

    /** What the report calls this client. */
    String name();

    /** Connects, subscribes every token, and returns once every token's first book has arrived. */
    void connect(URI marketUrl, URI restUrl, List<String> tokenIds) throws Exception;

    /** Data events that went all the way through the client so far. */
    long events();

    /** Latency samples (microseconds) since the previous call; the first call discards the warm-up. */
    org.HdrHistogram.Histogram latencySinceLastCall();

    /** Why the client is not healthy (e.g. the server closed it as a slow consumer), or null. */
    String problem();

    @Override
    void close();
}
