package dev.polymaker.polymarket.order;

import java.math.BigDecimal;

/**
 * The tick sizes a Polymarket market can have, with the decimal places the exchange accepts for
 * price, size and notional amount at each (clob-client-v2 {@code roundingConfig.ts}).
 */
public enum TickSize {
    TENTH("0.1", 1, 2, 3),
    HUNDREDTH("0.01", 2, 2, 4),
    HALF_HUNDREDTH("0.005", 3, 2, 5),
    QUARTER_HUNDREDTH("0.0025", 4, 2, 6),
    THOUSANDTH("0.001", 3, 2, 5),
    TEN_THOUSANDTH("0.0001", 4, 2, 6);

    private final BigDecimal value;
    private final int priceDecimals;
    private final int sizeDecimals;
    private final int amountDecimals;

    TickSize(String value, int priceDecimals, int sizeDecimals, int amountDecimals) {
        this.value = new BigDecimal(value);
        this.priceDecimals = priceDecimals;
        this.sizeDecimals = sizeDecimals;
        this.amountDecimals = amountDecimals;
    }

    /** The tick whose value equals {@code tick} numerically ("0.010" is HUNDREDTH). */
    public static TickSize of(BigDecimal tick) {
        for (TickSize t : values()) {
            if (t.value.compareTo(tick) == 0) {
                return t;
            }
        }
        throw new InvalidOrderException("unsupported tick size " + tick.toPlainString());
    }

    public static TickSize of(String tick) {
        try {
            return of(new BigDecimal(tick.trim()));
        } catch (NumberFormatException e) {
            throw new InvalidOrderException("tick size is not a number: '" + tick + "'");
        }
    }

    public BigDecimal value() {
        return value;
    }

    public int priceDecimals() {
        return priceDecimals;
    }

    public int sizeDecimals() {
        return sizeDecimals;
    }

    public int amountDecimals() {
        return amountDecimals;
    }

    /** Highest valid price: 1 − tick. */
    public BigDecimal maxPrice() {
        return BigDecimal.ONE.subtract(value);
    }

    @Override
    public String toString() {
        return value.toPlainString();
    }
}
