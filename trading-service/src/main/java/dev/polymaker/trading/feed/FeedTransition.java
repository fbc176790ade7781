package dev.polymaker.trading.feed;

import java.util.Locale;
import java.util.Objects;

/**
 * One switch decided by {@link FeedSelector}: modes, the replica names when a side is SHARED (null
 * otherwise), the reason, a detail for people, and {@code time} in epoch milliseconds. A switch
 * between two replicas is SHARED → SHARED with different replicas.
 */
public record FeedTransition(FeedMode from, String fromReplica, FeedMode to, String toReplica,
                             FeedSwitchReason reason, String detail, long time) {

    public FeedTransition {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(reason, "reason");
        detail = detail == null ? "" : detail;
    }

    /** {@code from} as the metric label and health name it: {@code shared:<replica>}, {@code direct} or {@code none}. */
    public String fromTag() {
        return tag(from, fromReplica);
    }

    public String toTag() {
        return tag(to, toReplica);
    }

    /** Reason phrase and detail, for logs, health and status. */
    public String describe() {
        return reason.phrase() + (detail.isEmpty() ? "" : ": " + detail);
    }

    static String tag(FeedMode mode, String replica) {
        return mode == FeedMode.SHARED ? "shared:" + replica : mode.name().toLowerCase(Locale.ROOT);
    }
}
