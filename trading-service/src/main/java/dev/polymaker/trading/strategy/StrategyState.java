package dev.polymaker.trading.strategy;

/** Where one token's strategy is in its buy-then-sell cycle. */
public enum StrategyState {
    /** No position, waiting for a drop. */
    FLAT,
    /** A BUY is resting or awaiting confirmation. */
    BUYING,
    /** Holding a position, no SELL resting yet. */
    LONG,
    /** A SELL is resting or awaiting confirmation. */
    SELLING,
    /** The stop-loss fired: the position is being sold with FAK orders. */
    EXITING
}
