package dev.polymaker.trading.strategy;

import java.math.BigDecimal;

/**
 * One token's stop-loss for the status API. {@code label} reads e.g. {@code CONFIRMING 1 of 2};
 * {@code until} is the end of GRACE or COOLDOWN, {@code confirmingSince} the first hit of a running
 * confirmation (epoch ms); threshold fields are null while nothing is held; {@code exit} says how far
 * a running exit got.
 */
public record StopLossView(StopLossState state, String label, int rounds, int roundsRequired, Long confirmingSince,
                           Long until, BigDecimal thresholdPrice, Integer thresholdTicks, int triggers,
                           Long lastTriggerTime, BigDecimal lastTriggerPrice, StopLoss.Trigger lastTrigger,
                           String exit) {
}
