package dev.polymaker.trading.feed;

import dev.polymaker.marketdata.api.Tick;

/**
 * What the feed tells the trading side. Calls come from the feed's threads under its lock, in
 * order; implementations hand work off and return at once.
 */
public interface FeedConsumer {

    /** A LIVE tick from the active source, never older than one already delivered for its token. */
    void onTick(Tick tick);

    /** A token became tradable (LIVE on the active source) or stopped being so. */
    void onTradable(String tokenId, boolean tradable, String reason);

    /**
     * The token's market resolved (a RESOLVED tick from the active source; final): no order may be
     * placed for it again. {@code winningTokenId} is null when the feed does not know the winner.
     * Told once per token.
     */
    default void onResolved(String tokenId, String winningTokenId) {
    }

    /** The feed mode changed. */
    void onModeChange(FeedTransition transition);
}
