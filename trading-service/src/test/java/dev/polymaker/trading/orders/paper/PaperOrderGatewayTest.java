package dev.polymaker.trading.orders.paper;

import dev.polymaker.marketdata.api.Tick;
import dev.polymaker.marketdata.api.TickState;
import dev.polymaker.trading.orders.Fill;
import dev.polymaker.trading.orders.OrderRequest;
import dev.polymaker.trading.orders.OrderStatus;
import dev.polymaker.trading.orders.OrderType;
import dev.polymaker.trading.orders.OrderView;
import dev.polymaker.trading.orders.Portfolio;
import dev.polymaker.trading.orders.PositionView;
import dev.polymaker.trading.orders.Side;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PaperOrderGatewayTest {

    private static final String TOKEN = "77";
    private final Portfolio portfolio = new Portfolio();
    private final List<Fill> fills = new ArrayList<>();
    private long now = 5_000;
    private long seq;
    private PaperOrderGateway gateway;

    @BeforeEach
    void setUp() {
        gateway = new PaperOrderGateway(portfolio, () -> now);
        gateway.onFill(fills::add);
    }

    private static BigDecimal d(String v) {
        return new BigDecimal(v);
    }

    private void market(String bid, String ask) {
        market(bid, ask, null, "price_change");
    }

    private void market(String bid, String ask, String last, String event) {
        now += 10;
        gateway.onMarket(new Tick(TOKEN, "m", "e", ++seq, TickState.LIVE, event, d(bid), d(ask),
                last == null ? null : d(last), d("0.01"), now, now, now));
    }

    private OrderView place(Side side, String price, String size) {
        return gateway.place(new OrderRequest("c" + (++seq), TOKEN, side, d(price), d(size), OrderType.GTC, true,
                d("0.01"), false));
    }

    @Test
    void restingBuyFillsWhenTheAskComesDownToIt() {
        market("0.50", "0.52");
        OrderView buy = place(Side.BUY, "0.50", "10");
        assertThat(buy.status()).isEqualTo(OrderStatus.OPEN);
        market("0.49", "0.51");
        assertThat(fills).isEmpty();
        market("0.49", "0.50");
        assertThat(fills).singleElement().satisfies(f -> {
            assertThat(f.orderId()).isEqualTo(buy.orderId());
            assertThat(f.price()).isEqualByComparingTo("0.50");
            assertThat(f.size()).isEqualByComparingTo("10");
        });
        assertThat(gateway.openOrders()).isEmpty();
        assertThat(gateway.orders().get(0).status()).isEqualTo(OrderStatus.FILLED);
        assertThat(portfolio.size(TOKEN)).isEqualByComparingTo("10");
    }

    @Test
    void aNewTradeAtOurPriceFillsButAnOldOneDoesNot() {
        market("0.50", "0.52", "0.50", "last_trade_price");
        OrderView buy = place(Side.BUY, "0.50", "5");
        market("0.50", "0.52", "0.50", "price_change"); // same old last trade carried along
        assertThat(fills).isEmpty();
        market("0.50", "0.52", "0.50", "last_trade_price");
        assertThat(fills).extracting(Fill::orderId).containsExactly(buy.orderId());
    }

    @Test
    void sellFillsWhenTheBidReachesItAndRealisesPnl() {
        market("0.50", "0.52");
        place(Side.BUY, "0.50", "10");
        market("0.48", "0.50");
        market("0.48", "0.50");
        place(Side.BUY, "0.48", "10");
        market("0.47", "0.48");
        // 20 shares at average 0.49
        assertThat(portfolio.position(TOKEN).orElseThrow().averageCost()).isEqualByComparingTo("0.49");
        OrderView sell = place(Side.SELL, "0.52", "15");
        assertThat(sell.status()).isEqualTo(OrderStatus.OPEN);
        market("0.51", "0.53");
        assertThat(fills).hasSize(2);
        market("0.52", "0.53");
        PositionView p = portfolio.position(TOKEN).orElseThrow();
        assertThat(p.size()).isEqualByComparingTo("5");
        assertThat(p.averageCost()).isEqualByComparingTo("0.49");
        assertThat(p.realisedPnl()).isEqualByComparingTo("0.45"); // 15 x (0.52 - 0.49)
        assertThat(portfolio.totalRealised()).isEqualByComparingTo("0.45");
    }

    @Test
    void postOnlyOrderThatWouldCrossIsRejected() {
        market("0.50", "0.52");
        OrderView buy = place(Side.BUY, "0.52", "5");
        assertThat(buy.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(buy.reason()).contains("would cross");
    }

    @Test
    void offGridPriceAndMissingMarketAreRejected() {
        assertThat(place(Side.BUY, "0.50", "5").reason()).contains("no market data");
        market("0.50", "0.52");
        assertThat(place(Side.BUY, "0.505", "5").reason()).contains("tick size");
    }

    @Test
    void secondRestingBuyForATokenIsRejected() {
        market("0.50", "0.52");
        assertThat(place(Side.BUY, "0.50", "5").status()).isEqualTo(OrderStatus.OPEN);
        OrderView second = place(Side.BUY, "0.49", "5");
        assertThat(second.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(second.reason()).contains("already open");
    }

    @Test
    void sellBeyondThePositionIsRejected() {
        market("0.50", "0.52");
        assertThat(place(Side.SELL, "0.55", "5").reason()).contains("exceeds the unreserved position");
    }

    @Test
    void cancelAndCancelAll() {
        market("0.50", "0.52");
        OrderView buy = place(Side.BUY, "0.50", "5");
        assertThat(gateway.cancel(buy.orderId()).status()).isEqualTo(OrderStatus.CANCELLED);
        market("0.48", "0.49");
        assertThat(fills).isEmpty();
        OrderView again = place(Side.BUY, "0.48", "5");
        assertThat(gateway.cancelAll(Set.of(TOKEN))).containsExactly(again.orderId());
        assertThat(gateway.openOrders()).isEmpty();
        assertThat(gateway.orders()).hasSize(2);
    }

    @Test
    void historyIsBoundedButRestingOrdersAreNeverDropped() {
        market("0.50", "0.52");
        OrderView resting = place(Side.BUY, "0.40", "5");
        for (int i = 0; i < PaperOrderGateway.HISTORY + 50; i++) {
            OrderView o = gateway.place(new OrderRequest("h" + i, "88", Side.BUY, d("0.40"), d("5"), OrderType.GTC,
                    true, d("0.01"), false));
            assertThat(o.reason()).contains("no market data");
        }
        assertThat(gateway.orders()).hasSize(PaperOrderGateway.HISTORY);
        assertThat(gateway.openOrders()).extracting(OrderView::orderId).containsExactly(resting.orderId());
        market("0.39", "0.40");
        assertThat(fills).extracting(Fill::orderId).containsExactly(resting.orderId());
    }

    @Test
    void aFakSellTakesTheBidAtOnceAndOneThatDoesNotCrossIsCancelledUnfilled() {
        market("0.50", "0.52");
        place(Side.BUY, "0.50", "10");
        market("0.48", "0.50");
        fills.clear();
        OrderView above = gateway.place(new OrderRequest("f1", TOKEN, Side.SELL, d("0.49"), d("10"), OrderType.FAK,
                false, d("0.01"), false));
        assertThat(above.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(above.filled()).isEqualByComparingTo("0");
        assertThat(fills).isEmpty();
        assertThat(gateway.openOrders()).isEmpty();
        // Below the bid: filled at once, at the bid (the resting buyers' price), like the exchange.
        OrderView below = gateway.place(new OrderRequest("f2", TOKEN, Side.SELL, d("0.46"), d("10"), OrderType.FAK,
                false, d("0.01"), false));
        assertThat(below.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(below.filled()).isEqualByComparingTo("10");
        assertThat(fills).singleElement().satisfies(f -> assertThat(f.price()).isEqualByComparingTo("0.48"));
        assertThat(portfolio.size(TOKEN)).isEqualByComparingTo("0");
        assertThat(portfolio.position(TOKEN).orElseThrow().realisedPnl()).isEqualByComparingTo("-0.20");
    }
}
