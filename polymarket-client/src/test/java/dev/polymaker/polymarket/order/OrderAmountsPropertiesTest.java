package dev.polymaker.polymarket.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Invariants of the amount rules over every tick size, side and many prices and sizes. */
class OrderAmountsPropertiesTest {

    record Case(TickSize tick, OrderSide side, BigDecimal price, BigDecimal size) {
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<TickSize> ticks = Arbitraries.of(TickSize.values());
        return ticks.flatMap(tick -> {
            long maxTicks = BigDecimal.ONE.divide(tick.value()).longValueExact() - 1;
            Arbitrary<BigDecimal> prices = Arbitraries.longs().between(1, maxTicks).map(n -> tick.value()
                    .multiply(BigDecimal.valueOf(n)));
            Arbitrary<BigDecimal> sizes = Arbitraries.longs().between(1, 10_000_000).map(n -> BigDecimal.valueOf(n, 2));
            return Combinators.combine(prices, sizes, Arbitraries.of(OrderSide.values()))
                    .as((p, s, side) -> new Case(tick, side, p, s));
        });
    }

    @Property(tries = 500)
    void limitAmountsAreExactPriceTimesSize(@ForAll("cases") Case c) {
        OrderAmounts a = OrderAmounts.limit(c.side(), c.price(), c.size(), c.tick(), null);
        BigInteger shares = c.size().movePointRight(6).toBigIntegerExact();
        BigInteger usdc = c.size().multiply(c.price()).movePointRight(6).toBigIntegerExact();
        assertThat(c.side() == OrderSide.BUY ? a.rawTakerAmount() : a.rawMakerAmount()).isEqualTo(shares);
        assertThat(c.side() == OrderSide.BUY ? a.rawMakerAmount() : a.rawTakerAmount()).isEqualTo(usdc);
        assertThat(a.price()).isEqualByComparingTo(c.price());
    }

    @Property(tries = 500)
    void marketAmountsNeverAskMoreThanTheWorstPriceAllows(@ForAll("cases") Case c) {
        BigDecimal takerExact = c.side() == OrderSide.BUY ? c.size().divide(c.price(), 10, java.math.RoundingMode.DOWN)
                : c.size().multiply(c.price());
        if (takerExact.compareTo(new BigDecimal("0.0001")) < 0) {
            // Dust: the taker amount rounds to zero and must be refused before signing.
            assertThatThrownBy(() -> OrderAmounts.market(c.side(), c.size(), c.price(), c.tick()))
                    .isInstanceOf(InvalidOrderException.class).hasMessageContaining("zero taker amount");
            return;
        }
        OrderAmounts a = OrderAmounts.market(c.side(), c.size(), c.price(), c.tick());
        assertThat(a.makerAmount()).isEqualByComparingTo(c.size());
        assertThat(a.takerAmount().scale()).isLessThanOrEqualTo(4);
        if (c.side() == OrderSide.BUY) {
            // shares asked for × worst price never costs more than the USDC offered
            assertThat(a.takerAmount().multiply(a.price())).isLessThanOrEqualTo(a.makerAmount());
        } else {
            // USDC asked for never exceeds shares × worst price
            assertThat(a.takerAmount()).isLessThanOrEqualTo(a.makerAmount().multiply(a.price()));
        }
    }
}
