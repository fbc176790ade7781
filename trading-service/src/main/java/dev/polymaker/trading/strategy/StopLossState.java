package dev.polymaker.trading.strategy;

/** Where one token's stop-loss is (shown per token in {@code /api/status} and on the trader's page). */
public enum StopLossState {
    /** {@code trading.strategy.stop-loss.enabled=false}. */
    DISABLED,
    /** No position to protect. */
    IDLE,
    /** A new position, not judged until the grace period ends. */
    GRACE,
    /** Judging every look at the book; the bid is above the threshold. */
    ARMED,
    /** The bid is at or below the threshold; counting confirmation rounds. */
    CONFIRMING,
    /** Triggered: the take-profit SELL is cancelled and FAK SELLs walk down the exit ladder. */
    EXITING,
    /** A stop-loss happened less than the cooldown ago: no new stop-loss, no BUY. */
    COOLDOWN
}
