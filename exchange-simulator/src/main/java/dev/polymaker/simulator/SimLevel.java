package dev.polymaker.simulator;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One price level of a simulated book: the price and the total size resting there.
 * Named SimLevel (not PriceLevel) so tests can import it next to polymarket-client's PriceLevel.
 */
public record SimLevel(BigDecimal price, BigDecimal size) {
    public SimLevel {
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(size, "size");
    }

    public static SimLevel of(String price, String size) {
        return new SimLevel(new BigDecimal(price), new BigDecimal(size));
    }
}
