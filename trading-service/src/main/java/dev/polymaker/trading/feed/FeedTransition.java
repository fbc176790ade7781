package dev.polymaker.trading.feed;

/** One mode switch decided by {@link FeedSelector}; {@code time} is epoch milliseconds. */
public record FeedTransition(FeedMode from, FeedMode to, String reason, long time) {
}
