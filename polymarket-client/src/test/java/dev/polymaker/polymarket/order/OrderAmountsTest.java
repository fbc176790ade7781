package dev.polymaker.polymarket.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class OrderAmountsTest {

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    @ParameterizedTest(name = "tick {0}: {1} {3} @ {2} -> maker {4}, taker {5}")
    @CsvSource({
            // tick,  side, price,    size,    rawMaker,  rawTaker
            "0.1,    BUY,  0.54,     10.129,  5060000,   10120000",
            "0.1,    SELL, 0.46,     10.129,  10120000,  5060000",
            "0.01,   BUY,  0.56,     21.04,   11782400,  21040000",
            "0.01,   SELL, 0.56,     21.04,   21040000,  11782400",
            "0.01,   BUY,  0.555,    100,     56000000,  100000000",
            "0.005,  BUY,  0.525,    10.005,  5250000,   10000000",
            "0.005,  SELL, 0.995,    7.77,    7770000,   7731150",
            "0.0025, BUY,  0.5025,   10,      5025000,   10000000",
            "0.0025, SELL, 0.0025,   33.33,   33330000,  83325",
            "0.001,  BUY,  0.056,    21.04,   1178240,   21040000",
            "0.001,  SELL, 0.999,    21.04,   21040000,  21018960",
            "0.0001, BUY,  0.0056,   21.04,   117824,    21040000",
            "0.0001, SELL, 0.9999,   1234.56, 1234560000, 1234436544",
    })
    void limitAmountsPerTickRow(String tick, OrderSide side, String price, String size, long rawMaker, long rawTaker) {
        OrderAmounts a = OrderAmounts.limit(side, d(price), d(size), TickSize.of(tick), null);
        assertThat(a.rawMakerAmount()).isEqualTo(BigInteger.valueOf(rawMaker));
        assertThat(a.rawTakerAmount()).isEqualTo(BigInteger.valueOf(rawTaker));
        BigDecimal usdc = side == OrderSide.BUY ? a.makerAmount() : a.takerAmount();
        assertThat(usdc.scale()).isLessThanOrEqualTo(TickSize.of(tick).amountDecimals());
        assertThat(a.shares().scale()).isLessThanOrEqualTo(2);
    }

    @ParameterizedTest(name = "tick {0}: market {1} {3} @ {2} -> maker {4}, taker {5}")
    @CsvSource({
            // tick,  side, price,   amount,  rawMaker,   rawTaker
            "0.1,    BUY,  0.39,    10,      10000000,   33333000",   // price rounds DOWN to 0.3; 33.33333.. -> 33.333 (3 dp)
            "0.1,    SELL, 0.3,     10.555,  10550000,   3165000",
            "0.01,   BUY,  0.56,    100,     100000000,  178571400",  // 178.571428.. -> 4 dp
            "0.01,   SELL, 0.56,    50.555,  50550000,   28308000",
            "0.005,  BUY,  0.505,   3,       3000000,    5940500",    // 5.9405940.. -> 5 dp, capped to 4
            "0.005,  SELL, 0.505,   12.345,  12340000,   6231700",
            "0.0025, BUY,  0.5025,  10,      10000000,   19900400",   // 19.9004975.. -> 6 dp -> 4 dp cap
            "0.0025, SELL, 0.0075,  1000,    1000000000, 7500000",
            "0.001,  BUY,  0.056,   100,     100000000,  1785714200", // 1785.7142857.. -> 5 dp -> 4 dp cap
            "0.001,  SELL, 0.0569,  21.04,   21040000,   1178200",    // price rounds down to 0.056; 1.17824 capped to 4 dp
            "0.0001, BUY,  0.0003,  1,       1000000,    3333333300", // 3333.333333.. -> 4 dp
            "0.0001, SELL, 0.0003,  1.23,    1230000,    300",        // 0.000369 capped to 0.0003
    })
    void marketAmountsPerTickRow(String tick, OrderSide side, String price, String amount, long rawMaker,
                                 long rawTaker) {
        OrderAmounts a = OrderAmounts.market(side, d(amount), d(price), TickSize.of(tick));
        assertThat(a.rawMakerAmount()).isEqualTo(BigInteger.valueOf(rawMaker));
        assertThat(a.rawTakerAmount()).isEqualTo(BigInteger.valueOf(rawTaker));
        assertThat(a.makerAmount().scale()).isLessThanOrEqualTo(2);
        assertThat(a.takerAmount().scale()).isLessThanOrEqualTo(4);
    }

    @Test
    void marketBuyNeverAsksForMoreSharesThanTheAmountBuysAtThePrice() {
        OrderAmounts a = OrderAmounts.market(OrderSide.BUY, d("1"), d("0.07"), TickSize.HUNDREDTH);
        assertThat(a.takerAmount()).isEqualTo(d("14.2857"));
        assertThat(a.takerAmount().multiply(a.price())).isLessThanOrEqualTo(a.makerAmount());
        assertThat(a.shares()).isEqualTo(a.takerAmount());
    }

    @Test
    void amountRoundingRoundsUpHairlinesThenDown() {
        assertThat(OrderAmounts.roundAmount(d("2.999999999"), 4)).isEqualByComparingTo("3");
        assertThat(OrderAmounts.roundAmount(d("2.99995"), 4)).isEqualByComparingTo("2.9999");
        assertThat(OrderAmounts.roundAmount(d("1.2300"), 2)).isEqualByComparingTo("1.23");
    }

    @ParameterizedTest(name = "tick {0}: price {1} rejected")
    @CsvSource({"0.01, 0", "0.01, 0.004", "0.01, 0.995", "0.01, 1", "0.01, 1.5", "0.1, 0.95", "0.001, 0.9996",
            "0.0001, 0.00004", "0.005, 0.523", "0.0025, 0.5013"})
    void pricesOutsideTheTickRangeOrOffTickAreRejected(String tick, String price) {
        assertThatThrownBy(() -> OrderAmounts.limit(OrderSide.BUY, d(price), d("10"), TickSize.of(tick), null))
                .isInstanceOf(InvalidOrderException.class)
                .hasMessageContaining("price");
    }

    @ParameterizedTest(name = "tick {0}: market price {1} rejected")
    @CsvSource({"0.01, 0", "0.01, 0.009", "0.01, 1", "0.1, 0.09", "0.005, 0.523", "0.0001, 1.00001"})
    void marketWorstPricesOutsideTheRangeAreRejected(String tick, String price) {
        assertThatThrownBy(() -> OrderAmounts.market(OrderSide.SELL, d("10"), d(price), TickSize.of(tick)))
                .isInstanceOf(InvalidOrderException.class)
                .hasMessageContaining("price");
    }

    @Test
    void sizeBelowTheMarketMinimumIsRejected() {
        assertThatThrownBy(() -> OrderAmounts.limit(OrderSide.BUY, d("0.5"), d("4.999"), TickSize.HUNDREDTH, d("5")))
                .isInstanceOf(InvalidOrderException.class)
                .hasMessage("size 4.99 is below the market minimum of 5 shares");
        assertThat(OrderAmounts.limit(OrderSide.BUY, d("0.5"), d("5"), TickSize.HUNDREDTH, d("5")).shares())
                .isEqualByComparingTo("5");
        assertThatThrownBy(() -> OrderAmounts.limit(OrderSide.SELL, d("0.5"), d("0.001"), TickSize.HUNDREDTH, null))
                .isInstanceOf(InvalidOrderException.class).hasMessageContaining("rounds down to 0");
        assertThatThrownBy(() -> OrderAmounts.limit(OrderSide.SELL, d("0.5"), d("-1"), TickSize.HUNDREDTH, null))
                .isInstanceOf(InvalidOrderException.class).hasMessageContaining("size must be positive");
    }

    @Test
    void tickSizesParseNumericallyAndUnknownOnesAreRejected() {
        assertThat(TickSize.of("0.010")).isEqualTo(TickSize.HUNDREDTH);
        assertThat(TickSize.of(d("1E-4"))).isEqualTo(TickSize.TEN_THOUSANDTH);
        assertThatThrownBy(() -> TickSize.of("0.02")).isInstanceOf(InvalidOrderException.class)
                .hasMessageContaining("unsupported tick size 0.02");
        assertThatThrownBy(() -> TickSize.of("abc")).isInstanceOf(InvalidOrderException.class);
    }

    @Test
    void rawAmountsRoundTrip() {
        assertThat(OrderAmounts.toRaw(d("11.7824"))).isEqualTo(BigInteger.valueOf(11782400));
        assertThat(OrderAmounts.fromRaw(BigInteger.valueOf(11782400))).isEqualByComparingTo("11.7824");
        assertThatThrownBy(() -> OrderAmounts.toRaw(d("0.0000001"))).isInstanceOf(InvalidOrderException.class);
    }
}
