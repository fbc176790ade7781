package dev.polymaker.trading.strategy;

import dev.polymaker.marketdata.api.Tick;
import dev.polymaker.marketdata.api.TickState;
import dev.polymaker.trading.orders.OrderStatus;
import dev.polymaker.trading.orders.OrderType;
import dev.polymaker.trading.orders.OrderView;
import dev.polymaker.trading.orders.Portfolio;
import dev.polymaker.trading.orders.paper.PaperOrderGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A stop-loss carried out by the token's trader on the paper venue: logged once, counted, FAK exit. */
@ExtendWith(OutputCaptureExtension.class)
class TokenTraderStopLossTest {

    private static final String TOKEN = "55";
    private long now = 10_000;
    private long seq;
    private final List<String> events = new ArrayList<>();
    private final List<StopLoss.Trigger> triggers = new ArrayList<>();

    private Tick tick(String bid, String ask) {
        now += 1000;
        return new Tick(TOKEN, "m", "e", ++seq, TickState.LIVE, "price_change", new BigDecimal(bid),
                new BigDecimal(ask), null, new BigDecimal("0.01"), now, now, now);
    }

    @Test
    void aConfirmedFallCancelsTheTakeProfitAndSellsEverythingWithAFakOrder(CapturedOutput output) {
        Portfolio portfolio = new Portfolio();
        PaperOrderGateway paper = new PaperOrderGateway(portfolio, () -> now);
        StopLossParameters d = StopLossParameters.defaults();
        StopLossParameters noGrace = new StopLossParameters(true, d.baseDrawdownPct(), d.minDrawdownTicks(),
                d.referenceTickSize(), d.stepPerCycleTicks(), d.confirmRounds(), d.confirmInterval(), d.wideSpreadPct(),
                d.wideSpreadConfirmRounds(), d.wideSpreadConfirmWindow(), Duration.ZERO, d.cooldown(),
                d.reentryWindow(), d.exitFloorPrice(), d.exitRetryInterval(), d.checkInterval());
        TokenTrader trader = new TokenTrader(TOKEN, new VolArbStrategy(TOKEN, StrategyParameters.defaults(), noGrace),
                paper, (side, status) -> events.add(side + " " + status), () -> now, triggers::add);
        paper.onFill(trader::onFill);
        for (Tick t : List.of(tick("0.60", "0.62"), tick("0.59", "0.61"), tick("0.58", "0.59"))) {
            paper.onMarket(t);
            trader.onTick(t);
        }
        assertThat(events).containsExactly("BUY OPEN", "BUY FILLED", "SELL OPEN");

        // 0.55 <= 0.59 - 3 ticks: first round; the quiet book is judged again by the timer 5 s later.
        Tick fall = tick("0.55", "0.56");
        paper.onMarket(fall);
        trader.onTick(fall);
        assertThat(trader.view().stopLoss().label()).isEqualTo("CONFIRMING 1 of 2");
        now += 2000;
        trader.checkStopLoss();
        assertThat(triggers).isEmpty();
        now += 3000;
        trader.checkStopLoss();

        assertThat(triggers).hasSize(1);
        assertThat(events).containsExactly("BUY OPEN", "BUY FILLED", "SELL OPEN", "SELL CANCELLED", "SELL FILLED");
        OrderView exit = paper.orders().get(0);
        assertThat(exit.type()).isEqualTo(OrderType.FAK);
        assertThat(exit.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(exit.price()).isEqualByComparingTo("0.55");
        assertThat(portfolio.size(TOKEN)).isEqualByComparingTo("0");
        assertThat(portfolio.position(TOKEN).orElseThrow().realisedPnl()).isEqualByComparingTo("-0.20");
        StrategyView view = trader.view();
        assertThat(view.state()).isEqualTo(StrategyState.FLAT);
        assertThat(view.stopLoss().state()).isEqualTo(StopLossState.COOLDOWN);
        assertThat(view.stopLoss().lastTriggerPrice()).isEqualByComparingTo("0.55");
        assertThat(view.lastActions()).extracting(TraderAction::what)
                .anyMatch(a -> a.startsWith("SELL 5.00 @ 0.55 filled"))
                .anyMatch(a -> a.startsWith("STOP-LOSS at bid 0.55 <= 0.56"))
                .anyMatch(a -> a.startsWith("SELL FAK 5.00 @ 0.55 -> FILLED"));
        assertThat(output).containsOnlyOnce("STOP-LOSS triggered")
                .contains("token 55: STOP-LOSS triggered: cost 0.5900, bid 0.55 <= threshold 0.56 (3 ticks: 3 base + 0"
                        + " repeat + 0 spread; spread 0.0180), confirmed in 2 of 2 rounds over 5000 ms; position 5.00")
                .contains("token 55: stop-loss exit done: sold 5 of 5 in 1 FAK order(s), 0 left");
    }
}
