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

/**
 * The strategy with its stop-loss: the trigger cancels the take-profit SELL first, then FAK SELLs
 * walk down the exit ladder until the position is gone, whether fills come before their order's
 * answer (paper) or after it (live); no BUY during the cooldown.
 */
class VolArbStopLossTest {

    private static final String TOKEN = "123";
    private long now = 1_000_000;
    private long seq;

    private static BigDecimal d(String v) {
        return new BigDecimal(v);
    }

    /** Order size 10, grace 0, 1 confirmation round (the policy's own test covers confirmation). */
    private static VolArbStrategy strategy() {
        StrategyParameters p = StrategyParameters.defaults();
        StrategyParameters ten = new StrategyParameters(p.dropWindow(), p.dropPct(), p.profitPct(), p.minBuyPrice(),
                p.maxBuyPrice(), d("10"), p.incrementalDropPct(), p.incrementalDropPctStep(), p.maxDropPct(),
                p.sellOnly(), p.historyCap(), p.minOrderSize(), p.minNotional(), p.defaultTickSize(),
                p.repriceInterval());
        StopLossParameters s = StopLossParameters.defaults();
        StopLossParameters fast = new StopLossParameters(true, s.baseDrawdownPct(), s.minDrawdownTicks(),
                s.referenceTickSize(), s.stepPerCycleTicks(), 1, s.confirmInterval(), s.wideSpreadPct(), 1,
                Duration.ZERO, Duration.ZERO, s.cooldown(), s.reentryWindow(), s.exitFloorPrice(),
                Duration.ofSeconds(5), s.checkInterval());
        return new VolArbStrategy(TOKEN, ten, fast);
    }

    private Tick tick(String bid, String ask) {
        now += 1000;
        return new Tick(TOKEN, "m", "e", ++seq, TickState.LIVE, "price_change", d(bid), d(ask), null, d("0.01"), now,
                now, now);
    }

    private static OrderView view(String id, Side side, String price, String size, String filled, OrderType type,
                                  OrderStatus status) {
        return new OrderView(id, "c-" + id, TOKEN, side, d(price), d(size), d(filled), type, status, null, 0, 0);
    }

    /** Buys 10 at 0.59 and leaves the take-profit SELL resting as "tp". */
    private VolArbStrategy holdingTen() {
        VolArbStrategy s = strategy();
        s.onTick(tick("0.60", "0.62"), now);
        StrategyAction.Place buy = (StrategyAction.Place) s.onTick(tick("0.59", "0.61"), now).get(0);
        s.onOrder(view("b1", Side.BUY, "0.59", "10", "0", OrderType.GTC, OrderStatus.OPEN));
        s.onFill(new Fill("b1", TOKEN, Side.BUY, buy.price(), d("10"), now));
        StrategyAction.Place tp = (StrategyAction.Place) s.decide(now).get(0);
        assertThat(tp.side()).isEqualTo(Side.SELL);
        s.onOrder(view("tp", Side.SELL, tp.price().toPlainString(), "10", "0", OrderType.GTC, OrderStatus.OPEN));
        return s;
    }

    private static StrategyAction.TakerSell onlyTakerSell(List<StrategyAction> actions) {
        assertThat(actions).hasSize(1).first().isInstanceOf(StrategyAction.TakerSell.class);
        return (StrategyAction.TakerSell) actions.get(0);
    }

    @Test
    void theLadderIsTheBidThenThreeStepsBelowThenTheFloorOnTheTickGrid() {
        assertThat(StopLossExit.ladder(d("0.550"), d("0.001"), d("0.01")))
                .containsExactly(d("0.550"), d("0.548"), d("0.545"), d("0.541"), d("0.010"));
        // On a 0.01 grid the three steps below 0.55 all round to 0.54.
        assertThat(StopLossExit.ladder(d("0.55"), d("0.01"), d("0.01"))).containsExactly(d("0.55"), d("0.54"), d("0.01"));
        // The floor is at least one tick, and a bid at the floor is the only rung.
        assertThat(StopLossExit.ladder(d("0.30"), d("0.01"), d("0.001"))).endsWith(d("0.01"));
        assertThat(StopLossExit.ladder(d("0.01"), d("0.01"), d("0.01"))).containsExactly(d("0.01"));
    }

    @Test
    void aTriggerCancelsTheTakeProfitThenWalksDownTheLadderWithTheRemainderUntilTheFillsConfirm() {
        VolArbStrategy s = holdingTen();
        List<StrategyAction> trigger = s.onTick(tick("0.55", "0.56"), now);
        assertThat(trigger).hasSize(2);
        assertThat(trigger.get(0)).isInstanceOf(StrategyAction.StopLossTriggered.class);
        assertThat(((StrategyAction.StopLossTriggered) trigger.get(0)).trigger().threshold().price())
                .isEqualByComparingTo("0.56");
        assertThat(trigger.get(1)).isEqualTo(new StrategyAction.Cancel("tp", Side.SELL, "stop-loss"));
        assertThat(s.state()).isEqualTo(StrategyState.EXITING);
        // Nothing is sold while the take-profit still holds the shares.
        assertThat(s.decide(now)).isEmpty();
        s.onOrder(view("tp", Side.SELL, "0.61", "10", "0", OrderType.GTC, OrderStatus.CANCELLED));

        StrategyAction.TakerSell first = onlyTakerSell(s.decide(now));
        assertThat(first.price()).isEqualByComparingTo("0.55");
        assertThat(first.size()).isEqualByComparingTo("10");
        assertThat(s.decide(now)).as("one exit order at a time").isEmpty();
        // Live: the answer says 4 sold (the rest killed); the fills come later from the trade poll.
        s.onOrder(view("x1", Side.SELL, "0.55", "10", "4", OrderType.FAK, OrderStatus.CANCELLED));
        StrategyAction.TakerSell second = onlyTakerSell(s.decide(now));
        assertThat(second.price()).isEqualByComparingTo("0.54");
        assertThat(second.size()).isEqualByComparingTo("6");
        s.onOrder(view("x2", Side.SELL, "0.54", "6", "0", OrderType.FAK, OrderStatus.CANCELLED));
        StrategyAction.TakerSell floor = onlyTakerSell(s.decide(now));
        assertThat(floor.price()).isEqualByComparingTo("0.01");
        assertThat(floor.size()).isEqualByComparingTo("6");
        s.onOrder(view("x3", Side.SELL, "0.01", "6", "6", OrderType.FAK, OrderStatus.FILLED));
        // Everything is sold as far as the answers go, but the fills have not come: still exiting, no new order.
        assertThat(s.decide(now)).isEmpty();
        assertThat(s.state()).isEqualTo(StrategyState.EXITING);
        assertThat(s.view(now).stopLoss().exit()).contains("sold 10 of 10 in 3 FAK order(s)");

        s.onFill(new Fill("x1", TOKEN, Side.SELL, d("0.55"), d("4"), now));
        assertThat(s.decide(now)).isEmpty();
        s.onFill(new Fill("x3", TOKEN, Side.SELL, d("0.53"), d("6"), now));
        assertThat(s.decide(now)).isEmpty();
        assertThat(s.state()).isEqualTo(StrategyState.FLAT);
        assertThat(s.view(now).stopLoss().state()).isEqualTo(StopLossState.COOLDOWN);
        assertThat(s.view(now).lastSignal()).startsWith("stop-loss exit done");
        // A drop that would buy does not during the cooldown.
        s.onTick(tick("0.60", "0.62"), now);
        assertThat(s.onTick(tick("0.50", "0.52"), now)).isEmpty();
    }

    @Test
    void aFillBeforeItsOrdersAnswerCountsOnceAndALadderThatReachesTheFloorStartsAgainFromTheNewBid() {
        VolArbStrategy s = holdingTen();
        s.onTick(tick("0.55", "0.56"), now);
        s.onOrder(view("tp", Side.SELL, "0.61", "10", "0", OrderType.GTC, OrderStatus.CANCELLED));
        onlyTakerSell(s.decide(now));
        // Paper: the fill is reported inside the placement call, before its answer.
        s.onFill(new Fill("x1", TOKEN, Side.SELL, d("0.55"), d("5"), now));
        assertThat(s.decide(now)).isEmpty();
        s.onOrder(view("x1", Side.SELL, "0.55", "10", "5", OrderType.FAK, OrderStatus.CANCELLED));
        StrategyAction.TakerSell rest = onlyTakerSell(s.decide(now));
        assertThat(rest.size()).as("5 sold once, not twice").isEqualByComparingTo("5");
        s.onOrder(view("x2", Side.SELL, rest.price().toPlainString(), "5", "0", OrderType.FAK, OrderStatus.CANCELLED));
        s.onOrder(view("x3", Side.SELL, onlyTakerSell(s.decide(now)).price().toPlainString(), "5", "0", OrderType.FAK,
                OrderStatus.REJECTED));
        // The floor did not sell either: the next walk waits for the retry interval, then starts at the bid then.
        assertThat(s.decide(now)).isEmpty();
        assertThat(s.onTick(tick("0.50", "0.51"), now)).isEmpty();
        now += 4000;
        StrategyAction.TakerSell again = onlyTakerSell(s.checkStopLoss(now));
        assertThat(again.price()).isEqualByComparingTo("0.50");
        assertThat(again.reason()).contains("walk 2");
        s.onOrder(view("x4", Side.SELL, "0.50", "5", "5", OrderType.FAK, OrderStatus.FILLED));
        s.onFill(new Fill("x4", TOKEN, Side.SELL, d("0.50"), d("5"), now));
        assertThat(s.checkStopLoss(now)).isEmpty();
        assertThat(s.state()).isEqualTo(StrategyState.FLAT);
    }

    @Test
    void aHaltPausesTheExitAndResumeCarriesItOn() {
        VolArbStrategy s = holdingTen();
        s.onTick(tick("0.55", "0.56"), now);
        s.onOrder(view("tp", Side.SELL, "0.61", "10", "0", OrderType.GTC, OrderStatus.CANCELLED));
        s.halt("operator");
        assertThat(s.decide(now)).isEmpty();
        assertThat(s.checkStopLoss(now)).isEmpty();
        s.resume();
        assertThat(onlyTakerSell(s.decide(now)).size()).isEqualByComparingTo("10");
    }

    @Test
    void withoutStopLossSettingsTheStrategyNeverCuts() {
        VolArbStrategy s = new VolArbStrategy(TOKEN, StrategyParameters.defaults());
        s.onTick(tick("0.60", "0.62"), now);
        s.onTick(tick("0.59", "0.61"), now);
        s.onOrder(view("b1", Side.BUY, "0.59", "5", "0", OrderType.GTC, OrderStatus.OPEN));
        s.onFill(new Fill("b1", TOKEN, Side.BUY, d("0.59"), d("5"), now));
        s.decide(now);
        s.onOrder(view("tp", Side.SELL, "0.61", "5", "0", OrderType.GTC, OrderStatus.OPEN));
        assertThat(s.onTick(tick("0.20", "0.21"), now)).isEmpty();
        assertThat(s.view(now).stopLoss().state()).isEqualTo(StopLossState.DISABLED);
    }
}
