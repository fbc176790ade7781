package dev.polymaker.trading.strategy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the volatility strategy; defaults are the old system's {@code run_params.json}.
 * {@code minOrderSize} and {@code minNotional} are the exchange minimums (5 shares, $1);
 * {@code repriceInterval} is how long a resting BUY stays before it may follow the bid (the old
 * {@code maker_poll_sec}), so a moving book does not cause a cancel/replace storm.
 */
public record StrategyParameters(Duration dropWindow, BigDecimal dropPct, BigDecimal profitPct,
                                 BigDecimal minBuyPrice, BigDecimal maxBuyPrice, BigDecimal orderSize,
                                 boolean incrementalDropPct, BigDecimal incrementalDropPctStep,
                                 BigDecimal maxDropPct, boolean sellOnly, int historyCap,
                                 BigDecimal minOrderSize, BigDecimal minNotional, BigDecimal defaultTickSize,
                                 Duration repriceInterval) {

    public static final BigDecimal MAX_PRICE = new BigDecimal("0.99");

    public StrategyParameters {
        Objects.requireNonNull(dropWindow, "dropWindow");
        requirePositive(dropPct, "dropPct");
        requirePositive(profitPct, "profitPct");
        requirePositive(minBuyPrice, "minBuyPrice");
        requirePositive(maxBuyPrice, "maxBuyPrice");
        requirePositive(orderSize, "orderSize");
        requirePositive(maxDropPct, "maxDropPct");
        requirePositive(minOrderSize, "minOrderSize");
        requirePositive(minNotional, "minNotional");
        requirePositive(defaultTickSize, "defaultTickSize");
        Objects.requireNonNull(incrementalDropPctStep, "incrementalDropPctStep");
        Objects.requireNonNull(repriceInterval, "repriceInterval");
        if (repriceInterval.isNegative()) {
            throw new IllegalArgumentException("repriceInterval must not be negative, was " + repriceInterval);
        }
        if (dropWindow.isNegative() || dropWindow.isZero()) {
            throw new IllegalArgumentException("dropWindow must be positive, was " + dropWindow);
        }
        if (minBuyPrice.compareTo(maxBuyPrice) >= 0) {
            throw new IllegalArgumentException("minBuyPrice " + minBuyPrice + " must be below maxBuyPrice " + maxBuyPrice);
        }
        if (maxBuyPrice.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("maxBuyPrice must be at most 1, was " + maxBuyPrice);
        }
        if (historyCap < 2) {
            throw new IllegalArgumentException("historyCap must be at least 2, was " + historyCap);
        }
    }

    public static StrategyParameters defaults() {
        return new StrategyParameters(Duration.ofMinutes(30), new BigDecimal("0.01"), new BigDecimal("0.005"),
                new BigDecimal("0.03"), new BigDecimal("0.96"), new BigDecimal("5"), true, new BigDecimal("0.002"),
                new BigDecimal("0.20"), false, 600, new BigDecimal("5"), BigDecimal.ONE, new BigDecimal("0.01"),
                Duration.ofSeconds(15));
    }

    public StrategyParameters withSellOnly(boolean value) {
        return new StrategyParameters(dropWindow, dropPct, profitPct, minBuyPrice, maxBuyPrice, orderSize,
                incrementalDropPct, incrementalDropPctStep, maxDropPct, value, historyCap, minOrderSize, minNotional,
                defaultTickSize, repriceInterval);
    }

    public StrategyParameters withRepriceInterval(Duration value) {
        return new StrategyParameters(dropWindow, dropPct, profitPct, minBuyPrice, maxBuyPrice, orderSize,
                incrementalDropPct, incrementalDropPctStep, maxDropPct, sellOnly, historyCap, minOrderSize, minNotional,
                defaultTickSize, value);
    }

    private static void requirePositive(BigDecimal v, String name) {
        Objects.requireNonNull(v, name);
        if (v.signum() <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + v);
        }
    }
}
