package dev.polymaker.polymarket.order;

import java.util.Locale;

/**
 * The {@code status} of the CLOB's answer to an order post, by its wire name. Anything the CLOB
 * may add later reads as {@link #UNKNOWN}, never as one of the known four.
 */
public enum PlacementStatus {
    /** Resting on the book. */
    LIVE("live"),
    /** Matched at once (a marketable order), wholly or in part. */
    MATCHED("matched"),
    /** A marketable order the engine delays before matching. */
    DELAYED("delayed"),
    /** A FOK/FAK that found no liquidity within its price. */
    UNMATCHED("unmatched"),
    UNKNOWN("");

    private final String wire;

    PlacementStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** The status for a wire name, case-insensitive; {@link #UNKNOWN} for null or anything else. */
    public static PlacementStatus fromWire(String wire) {
        if (wire == null) {
            return UNKNOWN;
        }
        String w = wire.toLowerCase(Locale.ROOT);
        for (PlacementStatus s : values()) {
            if (s != UNKNOWN && s.wire.equals(w)) {
                return s;
            }
        }
        return UNKNOWN;
    }
}
