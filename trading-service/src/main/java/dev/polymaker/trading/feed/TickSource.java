package dev.polymaker.trading.feed;

/** Which path delivered a tick. */
public enum TickSource {
    SHARED, DIRECT;

    public String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
