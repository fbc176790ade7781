package dev.polymaker.trading.strategy;

import dev.polymaker.marketdata.api.Tick;
import dev.polymaker.marketdata.api.TickState;
import dev.polymaker.trading.orders.Fill;
import dev.polymaker.trading.orders.OrderStatus;
import dev.polymaker.trading.orders.OrderType;
import dev.polymaker.trading.orders.OrderView;
import dev.polymaker.trading.orders.Side;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class VolArbStrategyTest {

    private static final String TOKEN = "123";
    private long now = 1_000_000;
    private long seq;

    private static BigDecimal d(String v) {
        return new BigDecimal(v);
    }

    private Tick tick(String bid, String ask) {
        return tick(bid, ask, "0.01");
    }

    private Tick tick(String bid, String ask, String tickSize) {
        now += 1000;
        return new Tick(TOKEN, "m", "e", ++seq, TickState.LIVE, "price_change", bid == null ? null : d(bid),
                ask == null ? null : d(ask), null, d(tickSize), now, now, now);
    }

    private static OrderView view(String id, StrategyAction.Place p, OrderStatus status, String filled) {
        return new OrderView(id, "c", TOKEN, p.side(), p.price(), p.size(), d(filled), OrderType.GTC, status, null, 0, 0);
    }

    private static StrategyAction.Place onlyPlace(List<StrategyAction> actions) {
        assertThat(actions).hasSize(1);
        assertThat(actions.get(0)).isInstanceOf(StrategyAction.Place.class);
        return (StrategyAction.Place) actions.get(0);
    }

    /** Feeds a 0.60/0.62 book then one that puts the mid {@code dropPct} lower. */
    private List<StrategyAction> dropFrom61(VolArbStrategy s, String bid, String ask) {
        assertThat(s.onTick(tick("0.60", "0.62"), now)).isEmpty();
        return s.onTick(tick(bid, ask), now);
    }

    /** Buys 5 at 0.59 and returns the strategy LONG with its SELL placed. */
    private StrategyAction.Place buyAndFill(VolArbStrategy s) {
        StrategyAction.Place buy = onlyPlace(dropFrom61(s, "0.59", "0.61"));
        s.onOrder(view("b1", buy, OrderStatus.OPEN, "0"));
        s.onFill(new Fill("b1", TOKEN, Side.BUY, buy.price(), buy.size(), now));
        return onlyPlace(s.decide(now));
    }

    @Test
    void smallDropGivesNoSignal() {
        VolArbStrategy s = new VolArbStrategy(TOKEN, StrategyParameters.defaults());
        // mid 0.61 -> 0.605: 0.8 % < 1 %
        assertThat(dropFrom61(s, "0.60", "0.61")).isEmpty();
        assertThat(s.state()).isEqualTo(StrategyState.FLAT);
    }

    @Test
    void dropOfDropPctBuysAtTheBestBidForOrderSize() {
        VolArbStrategy s = new VolArbStrategy(TOKEN, StrategyParameters.defaults());
        // mid 0.61 -> 0.60: 1.64 %
        StrategyAction.Place buy = onlyPlace(dropFrom61(s, "0.59", "0.61"));
        assertThat(buy.side()).isEqualTo(Side.BUY);
        assertThat(buy.price()).isEqualByComparingTo("0.59");
        assertThat(buy.size()).isEqualByComparingTo("5");
        assertThat(s.state()).isEqualTo(StrategyState.BUYING);
        // No second BUY while the first is unconfirmed or open.
        assertThat(s.onTick(tick("0.59", "0.61"), now)).isEmpty();
        s.onOrder(view("b1", buy, OrderStatus.OPEN, "0"));
        assertThat(s.onTick(tick("0.59", "0.60"), now)).isEmpty();
    }

    @Test
    void bidAtOrAboveMaxBuyPriceDoesNotBuy() {
        VolArbStrategy s = new VolArbStrategy(TOKEN, StrategyParameters.defaults());
        assertThat(s.onTick(tick("0.98", "0.99"), now)).isEmpty();
        assertThat(s.onTick(tick("0.96", "0.97"), now)).isEmpty();
        assertThat(s.view(now).lastSignal()).contains("outside");
        assertThat(s.onTick(tick("0.95", "0.96"), now)).hasSize(1);
    }

    @Test
    void bidBelowMinBuyPriceDoesNotBuy() {
        VolArbStrategy s = new VolArbStrategy(TOKEN, StrategyParameters.defaults());
        assertThat(s.onTick(tick("0.05", "0.07"), now)).isEmpty();
        // mid drop 0.06 -> 0.045 with bid 0.02: below min-buy-price, not even recorded
        assertThat(s.onTick(tick("0.02", "0.07"), now)).isEmpty();
        assertThat(s.onTick(tick("0.03", "0.05"), now)).hasSize(1);
    }

    @Test
    void cheapTokensBuyAtLeastOneDollarNotional() {
        VolArbStrategy s = new VolArbStrategy(TOKEN, StrategyParameters.defaults());
        s.onTick(tick("0.12", "0.13"), now);
        StrategyAction.Place buy = onlyPlace(s.onTick(tick("0.09", "0.10"), now));
        assertThat(buy.price()).isEqualByComparingTo("0.09");
        assertThat(buy.size()).isEqualByComparingTo("11.12");
    }

    @Test
    void theWindowHighExpiresAfterTheDropWindow() {
        assertThat(afterHighOf71(Duration.ofMinutes(31))).isEmpty();
        assertThat(afterHighOf71(Duration.ofMinutes(29))).hasSize(1);
    }

    /** Mid 0.71 then 0.61 (recorded in sell-only so nothing is bought), then {@code later} a 0.61 book again. */
    private List<StrategyAction> afterHighOf71(Duration later) {
        VolArbStrategy s = new VolArbStrategy(TOKEN, StrategyParameters.defaults().withSellOnly(true));
        s.onTick(tick("0.70", "0.72"), now);
        s.onTick(tick("0.60", "0.62"), now);
        now += later.toMillis();
        s.sellOnly(false);
        return s.onTick(tick("0.60", "0.62"), now);
    }

    @Test
    void aQuietMarketKeepsItsHighWithoutNewTicks() {
        VolArbStrategy s = new VolArbStrategy(TOKEN, StrategyParameters.defaults());
        s.onTick(tick("0.60", "0.62"), now);
        now += Duration.ofMinutes(20).toMillis();
        assertThat(s.onTick(tick("0.59", "0.61"), now)).hasSize(1);
    }

    @Test
    void historyIsCappedAtHistoryCapPoints() {
        VolArbStrategy s = new VolArbStrategy(TOKEN, StrategyParameters.defaults().withSellOnly(true));
        for (int i = 0; i < 700; i++) {
            s.onTick(tick(i % 2 == 0 ? "0.50" : "0.51", "0.52"), now);
        }
        assertThat(s.view(now).historyPoints()).isEqualTo(600);
    }

    @Test
    void filledBuyIsSoldAtEntryPlusTwoTicksWhenThatIsTheHighestFloor() {
        VolArbStrategy s = new VolArbStrategy(TOKEN, StrategyParameters.defaults());
        StrategyAction.Place sell = buyAndFill(s);
        // entry 0.59: x 1.005 = 0.59295 -> 0.60; + 2 ticks = 0.61; ask 0.61
        assertThat(sell.side()).isEqualTo(Side.SELL);
        assertThat(sell.price()).isEqualByComparingTo("0.61");
        assertThat(sell.size()).isEqualByComparingTo("5");
        assertThat(s.state()).isEqualTo(StrategyState.SELLING);
    }

    @Test
    void sellPriceIsTheMaximumOfAskProfitAndTwoTicks() {
        BigDecimal profit = d("0.005");
        // 2-tick floor wins: 0.50 + 0.02
        assertThat(VolArbStrategy.sellPrice(d("0.50"), d("0.49"), d("0.01"), profit)).isEqualByComparingTo("0.52");
        // profit floor wins with a fine tick: 0.80 x 1.005 = 0.804 > 0.802
        assertThat(VolArbStrategy.sellPrice(d("0.80"), d("0.79"), d("0.001"), profit)).isEqualByComparingTo("0.804");
        // the ask wins when it is higher
        assertThat(VolArbStrategy.sellPrice(d("0.80"), d("0.83"), d("0.001"), profit)).isEqualByComparingTo("0.83");
        // profit floor rounded up to the tick: 0.595 x 1.005 = 0.597975 -> 0.598 (> 0.597)
        assertThat(VolArbStrategy.sellPrice(d("0.595"), null, d("0.001"), profit)).isEqualByComparingTo("0.598");
        // never above 0.99
        assertThat(VolArbStrategy.sellPrice(d("0.985"), d("0.995"), d("0.001"), profit)).isEqualByComparingTo("0.99");
    }

    @Test
    void roundTripRaisesDropPctByTheStepUpToTheCap() {
        StrategyParameters p = StrategyParameters.defaults();
        VolArbStrategy s = new VolArbStrategy(TOKEN, p);
        StrategyAction.Place sell = buyAndFill(s);
        s.onOrder(view("s1", sell, OrderStatus.OPEN, "0"));
        s.onFill(new Fill("s1", TOKEN, Side.SELL, sell.price(), sell.size(), now));
        assertThat(s.state()).isEqualTo(StrategyState.FLAT);
        assertThat(s.dropPct()).isEqualByComparingTo("0.012");
        assertThat(s.view(now).roundTrips()).isEqualTo(1);
        // 0.61 -> 0.6 is 1.6 % and still buys at 1.2 %
        assertThat(dropFrom61(s, "0.59", "0.61")).hasSize(1);

        StrategyParameters capped = new StrategyParameters(p.dropWindow(), d("0.199"), p.profitPct(), p.minBuyPrice(),
                p.maxBuyPrice(), p.orderSize(), true, p.incrementalDropPctStep(), p.maxDropPct(), false,
                p.historyCap(), p.minOrderSize(), p.minNotional(), p.defaultTickSize(), p.repriceInterval());
        VolArbStrategy c = new VolArbStrategy(TOKEN, capped);
        c.onTick(tick("0.60", "0.62"), now);
        StrategyAction.Place buy = onlyPlace(c.onTick(tick("0.40", "0.42"), now));
        c.onOrder(view("b", buy, OrderStatus.OPEN, "0"));
        c.onFill(new Fill("b", TOKEN, Side.BUY, buy.price(), buy.size(), now));
        StrategyAction.Place cs = onlyPlace(c.decide(now));
        c.onOrder(view("s", cs, OrderStatus.OPEN, "0"));
        c.onFill(new Fill("s", TOKEN, Side.SELL, cs.price(), cs.size(), now));
        assertThat(c.dropPct()).isEqualByComparingTo("0.20");
    }

    @Test
    void withoutIncrementalDropPctItStaysPut() {
        StrategyParameters p = StrategyParameters.defaults();
        VolArbStrategy s = new VolArbStrategy(TOKEN, new StrategyParameters(p.dropWindow(), p.dropPct(), p.profitPct(),
                p.minBuyPrice(), p.maxBuyPrice(), p.orderSize(), false, p.incrementalDropPctStep(), p.maxDropPct(),
                false, p.historyCap(), p.minOrderSize(), p.minNotional(), p.defaultTickSize(), p.repriceInterval()));
        StrategyAction.Place sell = buyAndFill(s);
        s.onOrder(view("s1", sell, OrderStatus.OPEN, "0"));
        s.onFill(new Fill("s1", TOKEN, Side.SELL, sell.price(), sell.size(), now));
        assertThat(s.dropPct()).isEqualByComparingTo("0.01");
    }

    @Test
    void sellOnlyNeverBuysButStillSells() {
        VolArbStrategy s = new VolArbStrategy(TOKEN, StrategyParameters.defaults().withSellOnly(true));
        assertThat(dropFrom61(s, "0.50", "0.52")).isEmpty();
        VolArbStrategy holding = new VolArbStrategy(TOKEN, StrategyParameters.defaults());
        StrategyAction.Place buy = onlyPlace(dropFrom61(holding, "0.59", "0.61"));
        holding.onOrder(view("b1", buy, OrderStatus.OPEN, "0"));
        holding.sellOnly(true);
        holding.onFill(new Fill("b1", TOKEN, Side.BUY, buy.price(), buy.size(), now));
        assertThat(onlyPlace(holding.decide(now)).side()).isEqualTo(Side.SELL);
    }

    @Test
    void haltCancelsTheRestingBuyAndStopsNewOrders() {
        VolArbStrategy s = new VolArbStrategy(TOKEN, StrategyParameters.defaults());
        StrategyAction.Place buy = onlyPlace(dropFrom61(s, "0.59", "0.61"));
        s.onOrder(view("b1", buy, OrderStatus.OPEN, "0"));
        List<StrategyAction> actions = s.halt("operator");
        assertThat(actions).containsExactly(new StrategyAction.Cancel("b1", Side.BUY, "operator"));
        s.onOrder(view("b1", buy, OrderStatus.CANCELLED, "0"));
        assertThat(s.onTick(tick("0.50", "0.52"), now)).isEmpty();
        s.resume();
        assertThat(onlyPlace(s.onTick(tick("0.50", "0.52"), now)).side()).isEqualTo(Side.BUY);
    }

    @Test
    void haltAlsoPullsTheRestingSellWhichReturnsAfterResume() {
        VolArbStrategy s = new VolArbStrategy(TOKEN, StrategyParameters.defaults());
        StrategyAction.Place buy = onlyPlace(dropFrom61(s, "0.59", "0.61"));
        s.onOrder(view("b1", buy, OrderStatus.OPEN, "0"));
        s.onFill(new Fill("b1", TOKEN, Side.BUY, buy.price(), buy.size(), now));
        s.onOrder(view("b1", buy, OrderStatus.FILLED, buy.size().toPlainString()));
        StrategyAction.Place sell = onlyPlace(s.decide(now));
        assertThat(sell.side()).isEqualTo(Side.SELL);
        s.onOrder(view("s1", sell, OrderStatus.OPEN, "0"));

        assertThat(s.halt("feed NONE")).containsExactly(new StrategyAction.Cancel("s1", Side.SELL, "feed NONE"));
        s.onOrder(view("s1", sell, OrderStatus.CANCELLED, "0"));
        assertThat(s.decide(now)).isEmpty();

        s.resume();
        StrategyAction.Place again = onlyPlace(s.decide(now));
        assertThat(again.side()).isEqualTo(Side.SELL);
        assertThat(again.price()).isEqualByComparingTo(sell.price());
        assertThat(again.size()).isEqualByComparingTo(sell.size());
    }

    @Test
    void restingBuyWaitsTheRepriceIntervalBeforeFollowingTheBid() {
        VolArbStrategy s = new VolArbStrategy(TOKEN, StrategyParameters.defaults());
        StrategyAction.Place buy = onlyPlace(dropFrom61(s, "0.59", "0.61"));
        s.onOrder(view("b1", buy, OrderStatus.OPEN, "0"));
        assertThat(s.onTick(tick("0.58", "0.60"), now)).isEmpty();
        assertThat(s.onTick(tick("0.59", "0.62"), now)).isEmpty();
        now += 14_000;
        assertThat(s.onTick(tick("0.57", "0.60"), now)).singleElement()
                .satisfies(a -> assertThat(((StrategyAction.Cancel) a).reason()).contains("best bid moved"));
    }

    @Test
    void bidReachingMaxBuyPriceCancelsAtOnce() {
        VolArbStrategy s = new VolArbStrategy(TOKEN, StrategyParameters.defaults());
        s.onTick(tick("0.97", "0.99"), now);
        StrategyAction.Place buy = onlyPlace(s.onTick(tick("0.95", "0.96"), now));
        s.onOrder(view("b1", buy, OrderStatus.OPEN, "0"));
        assertThat(s.onTick(tick("0.96", "0.97"), now)).singleElement()
                .satisfies(a -> assertThat(((StrategyAction.Cancel) a).reason()).contains("max-buy-price"));
    }

    @Test
    void restingBuyFollowsTheBid() {
        VolArbStrategy s = new VolArbStrategy(TOKEN, StrategyParameters.defaults().withRepriceInterval(Duration.ZERO));
        StrategyAction.Place buy = onlyPlace(dropFrom61(s, "0.59", "0.61"));
        s.onOrder(view("b1", buy, OrderStatus.OPEN, "0"));
        List<StrategyAction> actions = s.onTick(tick("0.58", "0.60"), now);
        assertThat(actions).hasSize(1);
        assertThat(((StrategyAction.Cancel) actions.get(0)).reason()).contains("best bid moved");
        // still BUYING until the cancel is confirmed
        assertThat(s.onTick(tick("0.58", "0.60"), now)).isEmpty();
        s.onOrder(view("b1", buy, OrderStatus.CANCELLED, "0"));
        assertThat(onlyPlace(s.decide(now)).price()).isEqualByComparingTo("0.58");
    }

    @Test
    void restingBuyIsCancelledWhenTheDropIsGone() {
        VolArbStrategy s = new VolArbStrategy(TOKEN, StrategyParameters.defaults().withRepriceInterval(Duration.ZERO));
        StrategyAction.Place buy = onlyPlace(dropFrom61(s, "0.59", "0.61"));
        s.onOrder(view("b1", buy, OrderStatus.OPEN, "0"));
        List<StrategyAction> actions = s.onTick(tick("0.59", "0.62"), now);
        assertThat(((StrategyAction.Cancel) actions.get(0)).reason()).isEqualTo("drop signal gone");
    }

    @Test
    void aBuyReportedFilledBeforeItsFillArrivesBlocksASecondBuy() {
        VolArbStrategy s = new VolArbStrategy(TOKEN, StrategyParameters.defaults());
        StrategyAction.Place buy = onlyPlace(dropFrom61(s, "0.59", "0.61"));
        s.onOrder(view("b1", buy, OrderStatus.FILLED, "5"));
        assertThat(s.state()).isEqualTo(StrategyState.BUYING);
        assertThat(s.onTick(tick("0.55", "0.57"), now)).isEmpty();
        s.onFill(new Fill("b1", TOKEN, Side.BUY, buy.price(), buy.size(), now));
        assertThat(onlyPlace(s.decide(now)).side()).isEqualTo(Side.SELL);
    }

    @Test
    void rejectedBuyClearsTheLatch() {
        VolArbStrategy s = new VolArbStrategy(TOKEN, StrategyParameters.defaults());
        StrategyAction.Place buy = onlyPlace(dropFrom61(s, "0.59", "0.61"));
        s.onOrder(new OrderView("b1", "c", TOKEN, Side.BUY, buy.price(), buy.size(), BigDecimal.ZERO, OrderType.GTC,
                OrderStatus.REJECTED, "would cross", 0, 0));
        assertThat(s.state()).isEqualTo(StrategyState.FLAT);
        assertThat(s.view(now).lastSignal()).contains("would cross");
    }

    @Test
    void partialFillsAverageTheEntry() {
        VolArbStrategy s = new VolArbStrategy(TOKEN, StrategyParameters.defaults());
        StrategyAction.Place buy = onlyPlace(dropFrom61(s, "0.59", "0.61"));
        s.onOrder(view("b1", buy, OrderStatus.OPEN, "0"));
        s.onFill(new Fill("b1", TOKEN, Side.BUY, d("0.59"), d("2"), now));
        assertThat(s.state()).isEqualTo(StrategyState.BUYING);
        s.onFill(new Fill("b1", TOKEN, Side.BUY, d("0.58"), d("3"), now));
        assertThat(s.view(now).entryPrice()).isEqualByComparingTo("0.584");
        assertThat(s.view(now).position()).isEqualByComparingTo("5");
    }
}
