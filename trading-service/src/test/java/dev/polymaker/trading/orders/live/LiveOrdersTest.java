package dev.polymaker.trading.orders.live;

import dev.polymaker.support.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import dev.polymaker.polymarket.order.ClobOrderType;
import dev.polymaker.polymarket.order.ExchangeVersion;
import dev.polymaker.polymarket.order.MarketRules;
import dev.polymaker.polymarket.order.OrderBuilder;
import dev.polymaker.polymarket.order.OrderPlacement;
import dev.polymaker.polymarket.order.OrderPost;
import dev.polymaker.polymarket.order.OrderSide;
import dev.polymaker.polymarket.order.SignatureType;
import dev.polymaker.polymarket.order.TickSize;
import dev.polymaker.trading.orders.OrderRequest;
import dev.polymaker.trading.orders.OrderStatus;
import dev.polymaker.trading.orders.OrderType;
import dev.polymaker.trading.orders.OrderView;
import dev.polymaker.trading.orders.Side;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The live order state machine on its own: events in, states out, no exchange. */
class LiveOrdersTest {

    final MutableClock clock = new MutableClock(1_764_000_000_000L);
    final OrderBuilder builder = new OrderBuilder(ClobOrderGatewayTest.KEY, null, SignatureType.EOA, clock);
    final LiveOrders orders = new LiveOrders(clock, Duration.ofMinutes(10), 2);
    int n;

    String place(String size) {
        OrderRequest r = new OrderRequest("c" + (++n), "424242", Side.BUY, new BigDecimal("0.50"), new BigDecimal(size),
                OrderType.GTC, false, new BigDecimal("0.01"), false);
        OrderPost post = builder.limit("424242", OrderSide.BUY, r.price(), r.size(), new MarketRules(TickSize.of(
                new BigDecimal("0.01")), new BigDecimal("5"), false, ExchangeVersion.CTF_V2), ClobOrderType.GTC, false, 0);
        return orders.add(r, post).orderId();
    }

    static OrderPlacement answer(String id, String status, boolean reconciled) {
        return new OrderPlacement(true, "", id, status, null, null, List.of(), List.of(), reconciled);
    }

    @Test
    void aLookupThatLandsAfterAFillIsIgnoredAndTheFillsDecideTheState() {
        String id = place("10");
        orders.apply(id, new OrderEvent.PostEnded());
        assertThat(orders.lostAnswers()).extracting(LiveOrders.Lookup::orderId).containsExactly(id);
        orders.apply(id, new OrderEvent.Traded("t1", new BigDecimal("4"), new BigDecimal("0.50"), 1));
        assertThat(orders.apply(id, new OrderEvent.FoundAfterLostAnswer(answer(id, "matched", true)))).isEmpty();
        assertThat(orders.view(id).orElseThrow()).satisfies(v -> {
            assertThat(v.status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
            assertThat(v.filled()).isEqualByComparingTo("4");
        });
        // The same trade polled twice counts once.
        assertThat(orders.apply(id, new OrderEvent.Traded("t1", new BigDecimal("4"), new BigDecimal("0.50"), 1)))
                .isEmpty();
    }

    @Test
    void anOrderMissingFromTheExchangeForTwoPollsIsCancelled() {
        String id = place("10");
        orders.apply(id, new OrderEvent.Answered(answer(id, "live", false)));
        orders.apply(id, new OrderEvent.OpenOnExchange(false));
        assertThat(orders.view(id).orElseThrow().status()).isEqualTo(OrderStatus.OPEN);
        orders.apply(id, new OrderEvent.OpenOnExchange(false));
        assertThat(orders.view(id).orElseThrow().status()).isEqualTo(OrderStatus.CANCELLED);
    }

    @Test
    void terminalOrdersArePrunedAfterTheRetentionAndOnlyTheNewestViewsAreRemembered() {
        String a = place("10");
        String b = place("10");
        String c = place("10");
        String resting = place("10");
        for (String id : List.of(a, b, c)) {
            orders.apply(id, new OrderEvent.Cancelled("cancelled"));
        }
        orders.apply(resting, new OrderEvent.Answered(answer(resting, "live", false)));
        clock.advance(Duration.ofMinutes(9));
        assertThat(orders.prune()).isZero();
        clock.advance(Duration.ofMinutes(2));
        assertThat(orders.prune()).isEqualTo(3);

        assertThat(orders.tracks(a)).isFalse();
        assertThat(orders.apply(a, new OrderEvent.Traded("late", BigDecimal.ONE, BigDecimal.ONE, 1))).isEmpty();
        assertThat(orders.view(a)).isEmpty();
        assertThat(orders.view(c).orElseThrow().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(orders.all()).extracting(OrderView::orderId).containsExactly(resting, c, b);
        assertThat(orders.resting(Set.of("424242"))).containsExactly(resting);
    }
}
