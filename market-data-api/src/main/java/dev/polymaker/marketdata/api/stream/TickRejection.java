package dev.polymaker.marketdata.api.stream;

import java.util.Locale;

/** Why the de-duplication dropped a tick (docs/architecture.md §3.3); {@link #label()} is its log and metric name. */
public enum TickRejection {
    /** Same epoch, same seq as the last accepted tick of its token. */
    DUPLICATE,
    /** Same epoch, lower seq. */
    STALE;

    /** {@code duplicate} or {@code stale}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
