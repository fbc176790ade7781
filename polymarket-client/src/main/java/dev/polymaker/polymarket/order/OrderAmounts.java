package dev.polymaker.polymarket.order;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * The maker and taker amounts of one order, computed with the exchange's rounding rules
 * (protocol §5.3) in exact decimal arithmetic. {@code makerAmount}/{@code takerAmount} are human
 * units (USDC or shares); {@code rawMakerAmount}/{@code rawTakerAmount} are the signed integers
 * (human × 10^6). A BUY makes USDC and takes shares; a SELL makes shares and takes USDC.
 *
 * @param price the price actually signed (rounded to the tick's decimals)
 * @param shares the number of shares bought or sold (the taker amount of a BUY, the maker amount of a SELL)
 */
public record OrderAmounts(OrderSide side, BigDecimal price, BigDecimal shares, BigDecimal makerAmount,
                           BigDecimal takerAmount, BigInteger rawMakerAmount, BigInteger rawTakerAmount) {

    /** Collateral (pUSD) and outcome tokens both have 6 decimals. */
    public static final int TOKEN_DECIMALS = 6;

    /** Old API errors capped market-order taker amounts at 4 decimals (py-clob-client#121). */
    static final int MARKET_TAKER_MAX_DECIMALS = 4;

    public OrderAmounts {
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(shares, "shares");
    }

    /**
     * A limit order (GTC or GTD) of {@code size} shares at {@code price}. The price is rounded
     * half-up to the tick's decimals and must then lie on the tick within [tick, 1 − tick]; the
     * size is rounded down to 2 decimals and must be at least {@code minSize} (null: no minimum).
     */
    public static OrderAmounts limit(OrderSide side, BigDecimal price, BigDecimal size, TickSize tick,
                                     BigDecimal minSize) {
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(tick, "tick");
        BigDecimal p = checkPrice(requirePositive(price, "price").setScale(tick.priceDecimals(), RoundingMode.HALF_UP),
                price, tick);
        BigDecimal shares = requirePositive(size, "size").setScale(tick.sizeDecimals(), RoundingMode.DOWN);
        if (shares.signum() <= 0) {
            throw new InvalidOrderException("size " + size.toPlainString() + " rounds down to 0 at "
                    + tick.sizeDecimals() + " decimals");
        }
        if (minSize != null && shares.compareTo(minSize) < 0) {
            throw new InvalidOrderException("size " + shares.toPlainString() + " is below the market minimum of "
                    + minSize.stripTrailingZeros().toPlainString() + " shares");
        }
        BigDecimal notional = roundAmount(shares.multiply(p), tick.amountDecimals());
        return side == OrderSide.BUY
                ? of(side, p, shares, notional, shares)
                : of(side, p, shares, shares, notional);
    }

    /**
     * A market order (FOK or FAK). A BUY spends {@code amount} USDC, a SELL sells {@code amount}
     * shares; {@code price} is the worst price accepted, rounded down to the tick's decimals (as the
     * official SDKs do) and checked like a limit price.
     */
    public static OrderAmounts market(OrderSide side, BigDecimal amount, BigDecimal price, TickSize tick) {
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(tick, "tick");
        BigDecimal p = checkPrice(requirePositive(price, "price").setScale(tick.priceDecimals(), RoundingMode.DOWN),
                price, tick);
        BigDecimal maker = requirePositive(amount, "amount").setScale(tick.sizeDecimals(), RoundingMode.DOWN);
        if (maker.signum() <= 0) {
            throw new InvalidOrderException("amount " + amount.toPlainString() + " rounds down to 0 at "
                    + tick.sizeDecimals() + " decimals");
        }
        int amountDecimals = tick.amountDecimals();
        BigDecimal taker;
        if (side == OrderSide.BUY) {
            // amount/price rarely terminates: the SDK rounds up at amount dp + 4, then down to amount dp.
            taker = roundAmount(maker.divide(p, amountDecimals + 4, RoundingMode.UP), amountDecimals);
        } else {
            taker = roundAmount(maker.multiply(p), amountDecimals);
        }
        taker = stripScale(taker.setScale(Math.min(taker.scale(), MARKET_TAKER_MAX_DECIMALS), RoundingMode.DOWN));
        if (taker.signum() <= 0) {
            throw new InvalidOrderException("market " + side + " of " + maker.toPlainString() + " at "
                    + p.toPlainString() + " has a zero taker amount");
        }
        BigDecimal shares = side == OrderSide.BUY ? taker : maker;
        return of(side, p, shares, maker, taker);
    }

    /**
     * Step 3 of §5.3: a product with more decimals than allowed is first rounded up at
     * {@code decimals + 4} (which only matters for amounts a hair below a representable value),
     * then down to {@code decimals}.
     */
    static BigDecimal roundAmount(BigDecimal value, int decimals) {
        BigDecimal v = stripScale(value);
        if (v.scale() > decimals) {
            v = stripScale(v.setScale(decimals + 4, RoundingMode.UP));
            if (v.scale() > decimals) {
                v = v.setScale(decimals, RoundingMode.DOWN);
            }
        }
        return v;
    }

    /** Human amount to the signed integer: × 10^6, which must be exact after rounding. */
    public static BigInteger toRaw(BigDecimal human) {
        try {
            return human.movePointRight(TOKEN_DECIMALS).toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw new InvalidOrderException("amount " + human.toPlainString() + " has more than "
                    + TOKEN_DECIMALS + " decimals");
        }
    }

    /** Signed integer back to the human amount (÷ 10^6). */
    public static BigDecimal fromRaw(BigInteger raw) {
        return stripScale(new BigDecimal(raw, TOKEN_DECIMALS));
    }

    private static OrderAmounts of(OrderSide side, BigDecimal price, BigDecimal shares, BigDecimal maker,
                                   BigDecimal taker) {
        return new OrderAmounts(side, price, shares, maker, taker, toRaw(maker), toRaw(taker));
    }

    private static BigDecimal checkPrice(BigDecimal rounded, BigDecimal asked, TickSize tick) {
        if (rounded.compareTo(tick.value()) < 0 || rounded.compareTo(tick.maxPrice()) > 0) {
            throw new InvalidOrderException("price " + asked.toPlainString() + " is outside ["
                    + tick.value().toPlainString() + ", " + tick.maxPrice().toPlainString() + "] for tick " + tick);
        }
        if (rounded.remainder(tick.value()).signum() != 0) {
            throw new InvalidOrderException("price " + asked.toPlainString() + " is not a multiple of the tick " + tick);
        }
        return rounded;
    }

    private static BigDecimal requirePositive(BigDecimal value, String name) {
        Objects.requireNonNull(value, name);
        if (value.signum() <= 0) {
            throw new InvalidOrderException(name + " must be positive, was " + value.toPlainString());
        }
        return value;
    }

    private static BigDecimal stripScale(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }
}
