package dev.polymaker.benchmarks.latency;

/**
 * One measured window of one side (the service, the raw broadcast or the hop) at one rate.
 *
 * @param side "mds", "raw" or "hop" (the {@link HopForwarder}: the floor of any relay)
 * @param phase "latency" (fixed rate), "ramp" or "stalled" (one extra consumer that stopped reading)
 * @param lost messages expected by the consumers that never arrived and were not counted as conflated
 * @param mdsCpuMicrosPerEvent CPU of the process in the middle (the service; for hop the forwarder) per
 *     generated event (0 for raw)
 * @param mdsCpuMicrosPerDelivery the same per message delivered to one consumer (0 for raw)
 * @param harnessCpuMicrosPerEvent CPU of this process (simulator + consumers) per generated event
 */
record Window(String side, String phase, int consumers, double rate, double offeredPerSecond,
              double deliveredPerConsumerPerSecond, long p50Micros, long p99Micros, long p999Micros, long maxMicros,
              long samples, long lost, long gaps, long conflated, long dropped, double ticksPerEvent,
              double mdsCpuMicrosPerEvent, double mdsCpuMicrosPerDelivery, double harnessCpuMicrosPerEvent,
              String problem, boolean clean) {
}
