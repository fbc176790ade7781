package dev.polymaker.marketdata.api.stream;

/**
 * Cumulative counts since the {@link TickStream} was created.
 *
 * @param accepted       ticks that superseded the previous one of their token (delivered to {@code onTick})
 * @param duplicate      ticks dropped: same epoch and same seq as the last accepted one
 * @param stale          ticks dropped: same epoch and a lower seq
 * @param malformed      frames that could not be used: bad JSON, missing fields, token id not matching
 *                       the destination, unexpected ERROR body; the session is kept
 * @param reconnects     sessions established after the first one
 * @param listenerErrors exceptions thrown by the listener (caught)
 * @param dispatchDropped listener calls for ticks, rejections or feed statuses skipped because the
 *                       dispatch queue was full (the listener is too slow); {@code latest()} is unaffected
 * @param conflated      seqs skipped that the service said it superseded ({@code conflated} header): this
 *                       consumer read too slowly and got the newest tick instead; normal, nothing lost
 * @param gaps           seqs skipped within an epoch that no {@code conflated} header accounts for: ticks lost
 *                       (e.g. dropped by the service, or missed across a reconnect before the snapshot)
 */
public record TickStreamCounters(long accepted, long duplicate, long stale, long malformed, long reconnects,
                                 long listenerErrors, long dispatchDropped, long conflated, long gaps) {
}
