package dev.polymaker.trading.strategy;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Rounding of prices to a tick size and of sizes to the exchange's 2 dp. */
public final class PriceGrid {

    private PriceGrid() {
    }

    public static BigDecimal down(BigDecimal price, BigDecimal tick) {
        return price.divide(tick, 0, RoundingMode.FLOOR).multiply(tick).setScale(tick.scale(), RoundingMode.UNNECESSARY);
    }

    public static BigDecimal up(BigDecimal price, BigDecimal tick) {
        return price.divide(tick, 0, RoundingMode.CEILING).multiply(tick).setScale(tick.scale(), RoundingMode.UNNECESSARY);
    }

    public static BigDecimal sizeUp(BigDecimal size) {
        return size.setScale(2, RoundingMode.CEILING);
    }

    public static BigDecimal sizeDown(BigDecimal size) {
        return size.setScale(2, RoundingMode.FLOOR);
    }
}
