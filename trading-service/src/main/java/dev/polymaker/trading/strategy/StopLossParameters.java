package dev.polymaker.trading.strategy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the stop-loss (original-system.md §3.5, adapted to per-token evaluation on LIVE ticks);
 * defaults are the old system's {@code stoploss} block. The threshold is {@code cost - ticks x
 * referenceTickSize} with {@code ticks = max(minDrawdownTicks, ceil(cost x baseDrawdownPct /
 * referenceTickSize)) + stepPerCycleTicks x prior stop-losses within reentryWindow + spread ticks}.
 *
 * @param confirmInterval         least time between two counted confirmation rounds (a burst of ticks is one round)
 * @param wideSpreadPct           spread / mid from which a market needs {@code wideSpreadConfirmRounds} over
 *                                {@code wideSpreadConfirmWindow}
 * @param grace                   a new position is not judged for this long
 * @param cooldown                after a stop-loss: no new stop-loss and no BUY of the token for this long
 * @param reentryWindow           a stop-loss within this long of the previous one widens the threshold by
 *                                {@code stepPerCycleTicks}
 * @param exitFloorPrice          lowest price of the exit ladder (never below one tick)
 * @param exitRetryInterval       after a ladder walked down to the floor without selling everything, the next
 *                                walk (from the then best bid) starts no sooner than this; also how long an
 *                                exit order may stay unanswered before the walk moves on
 * @param checkInterval           how often the last LIVE book is judged again without a new tick (quiet markets)
 */
public record StopLossParameters(boolean enabled, BigDecimal baseDrawdownPct, int minDrawdownTicks,
                                 BigDecimal referenceTickSize, int stepPerCycleTicks, int confirmRounds,
                                 Duration confirmInterval, BigDecimal wideSpreadPct, int wideSpreadConfirmRounds,
                                 Duration wideSpreadConfirmWindow, Duration grace, Duration cooldown,
                                 Duration reentryWindow, BigDecimal exitFloorPrice, Duration exitRetryInterval,
                                 Duration checkInterval) {

    public StopLossParameters {
        positive(baseDrawdownPct, "baseDrawdownPct");
        positive(referenceTickSize, "referenceTickSize");
        positive(wideSpreadPct, "wideSpreadPct");
        positive(exitFloorPrice, "exitFloorPrice");
        if (baseDrawdownPct.compareTo(BigDecimal.ONE) >= 0) {
            throw new IllegalArgumentException("baseDrawdownPct must be below 1, was " + baseDrawdownPct);
        }
        if (exitFloorPrice.compareTo(BigDecimal.ONE) >= 0) {
            throw new IllegalArgumentException("exitFloorPrice must be below 1, was " + exitFloorPrice);
        }
        if (minDrawdownTicks < 1 || stepPerCycleTicks < 0 || confirmRounds < 1 || wideSpreadConfirmRounds < 1) {
            throw new IllegalArgumentException("minDrawdownTicks, confirmRounds and wideSpreadConfirmRounds must be at"
                    + " least 1 and stepPerCycleTicks at least 0, were " + minDrawdownTicks + ", " + confirmRounds
                    + ", " + wideSpreadConfirmRounds + " and " + stepPerCycleTicks);
        }
        notNegative(confirmInterval, "confirmInterval");
        notNegative(wideSpreadConfirmWindow, "wideSpreadConfirmWindow");
        notNegative(grace, "grace");
        notNegative(cooldown, "cooldown");
        notNegative(reentryWindow, "reentryWindow");
        notNegative(exitRetryInterval, "exitRetryInterval");
        notNegative(checkInterval, "checkInterval");
        if (checkInterval.isZero()) {
            throw new IllegalArgumentException("checkInterval must be positive, was " + checkInterval);
        }
    }

    public static StopLossParameters defaults() {
        return new StopLossParameters(true, new BigDecimal("0.05"), 2, new BigDecimal("0.01"), 1, 2,
                Duration.ofSeconds(5), new BigDecimal("0.035"), 3, Duration.ofSeconds(30), Duration.ofMinutes(5),
                Duration.ofMinutes(30), Duration.ofMinutes(120), new BigDecimal("0.01"), Duration.ofSeconds(5),
                Duration.ofSeconds(1));
    }

    /** The defaults, switched off: strategies built without stop-loss settings. */
    public static StopLossParameters disabled() {
        return defaults().withEnabled(false);
    }

    public StopLossParameters withEnabled(boolean value) {
        return new StopLossParameters(value, baseDrawdownPct, minDrawdownTicks, referenceTickSize, stepPerCycleTicks,
                confirmRounds, confirmInterval, wideSpreadPct, wideSpreadConfirmRounds, wideSpreadConfirmWindow, grace,
                cooldown, reentryWindow, exitFloorPrice, exitRetryInterval, checkInterval);
    }

    private static void positive(BigDecimal v, String name) {
        Objects.requireNonNull(v, name);
        if (v.signum() <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + v);
        }
    }

    private static void notNegative(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + d);
        }
    }
}
