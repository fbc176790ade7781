package dev.polymaker.trading.feed;

import java.math.BigDecimal;

/**
 * One token as the feed sees it, for health and status: state, source and seq of the tick that
 * counts now, and how long ago (local clock) it arrived; {@code ageMs} is -1 without any tick.
 * {@code fedEpoch}, {@code fedSeq} and {@code fedExchangeTime} identify the last tick fed to the
 * strategy (null, 0, 0 before the first).
 */
public record TokenFeedView(String tokenId, String state, String source, String epoch, long seq, long ageMs,
                            boolean tradable, String reason, BigDecimal bestBid, BigDecimal bestAsk,
                            BigDecimal lastTradePrice, String fedEpoch, long fedSeq, long fedExchangeTime) {
}
