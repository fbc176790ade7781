package dev.polymaker.trading.strategy;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The stop-loss policy alone, with time passed in: threshold maths, confirmation, grace, cooldown, repeats. */
class StopLossTest {

    private static final long T0 = 1_000_000_000L;
    private static final BigDecimal COST = d("0.59");

    private static BigDecimal d(String v) {
        return v == null ? null : new BigDecimal(v);
    }

    /** Defaults, without the grace period unless a test wants it. */
    private static StopLossParameters params(Duration grace) {
        StopLossParameters p = StopLossParameters.defaults();
        return new StopLossParameters(true, p.baseDrawdownPct(), p.minDrawdownTicks(), p.referenceTickSize(),
                p.stepPerCycleTicks(), p.confirmRounds(), p.confirmInterval(), p.wideSpreadPct(),
                p.wideSpreadConfirmRounds(), p.wideSpreadConfirmWindow(), grace, p.cooldown(), p.reentryWindow(),
                p.exitFloorPrice(), p.exitRetryInterval(), p.checkInterval());
    }

    private static Optional<StopLoss.Trigger> look(StopLoss s, String bid, String ask, long at) {
        return s.evaluate(true, COST, d(bid), d(ask), at);
    }

    private static long sec(long s) {
        return T0 + s * 1000;
    }

    @Test
    void theThresholdIsFivePercentOfTheCostInWholeTicksAndAtLeastTwoTicks() {
        StopLoss s = new StopLoss(params(Duration.ZERO));
        // 0.59 x 5 % = 0.0295 -> 3 ticks -> 0.56 (a tight book adds nothing).
        StopLoss.Threshold t = s.threshold(d("0.59"), d("0.55"), d("0.56"), T0);
        assertThat(t.ticks()).isEqualTo(3);
        assertThat(t.price()).isEqualByComparingTo("0.56");
        assertThat(t.spreadTicks()).isZero();
        assertThat(t.wideSpread()).isFalse();
        // 0.20 x 5 % = 1 tick: at least 2.
        assertThat(s.threshold(d("0.20"), d("0.199"), d("0.200"), T0).price()).isEqualByComparingTo("0.18");
        // 0.90 x 5 % = 4.5 -> 5 ticks.
        assertThat(s.threshold(d("0.90"), d("0.89"), d("0.90"), T0).price()).isEqualByComparingTo("0.85");
    }

    @Test
    void wideSpreadsAddOneTwoOrThreeTicks() {
        StopLoss s = new StopLoss(params(Duration.ZERO));
        // spread / mid: 0.01 / 0.495 = 2.0 % -> +1
        StopLoss.Threshold two = s.threshold(COST, d("0.49"), d("0.50"), T0);
        assertThat(two.spreadTicks()).isEqualTo(1);
        assertThat(two.price()).isEqualByComparingTo("0.55");
        assertThat(two.wideSpread()).isFalse();
        // 0.02 / 0.49 = 4.1 % -> +2, and wide (>= 3.5 %)
        StopLoss.Threshold four = s.threshold(COST, d("0.48"), d("0.50"), T0);
        assertThat(four.spreadTicks()).isEqualTo(2);
        assertThat(four.wideSpread()).isTrue();
        // 0.03 / 0.485 = 6.2 % -> +3
        assertThat(s.threshold(COST, d("0.47"), d("0.50"), T0).spreadTicks()).isEqualTo(3);
        assertThat(s.threshold(COST, d("0.47"), d("0.50"), T0).price()).isEqualByComparingTo("0.53");
        // No ask at all: the widest tier.
        StopLoss.Threshold none = s.threshold(COST, d("0.47"), null, T0);
        assertThat(none.spreadTicks()).isEqualTo(3);
        assertThat(none.wideSpread()).isTrue();
        assertThat(none.spreadPct()).isNull();
    }

    @Test
    void twoConsecutiveRoundsAtLeastTheConfirmIntervalApartTrigger() {
        StopLoss s = new StopLoss(params(Duration.ZERO));
        assertThat(look(s, "0.58", "0.59", sec(0))).isEmpty();
        assertThat(s.view(true, sec(0), null).state()).isEqualTo(StopLossState.ARMED);
        assertThat(s.view(true, sec(0), null).thresholdPrice()).isEqualByComparingTo("0.56");

        assertThat(look(s, "0.56", "0.57", sec(1))).isEmpty();
        StopLossView confirming = s.view(true, sec(1), null);
        assertThat(confirming.label()).isEqualTo("CONFIRMING 1 of 2");
        assertThat(confirming.confirmingSince()).isEqualTo(sec(1));
        // A burst of ticks is one round.
        assertThat(look(s, "0.55", "0.56", sec(3))).isEmpty();
        assertThat(s.view(true, sec(3), null).rounds()).isEqualTo(1);

        StopLoss.Trigger t = look(s, "0.55", "0.56", sec(6)).orElseThrow();
        assertThat(t.rounds()).isEqualTo(2);
        assertThat(t.confirmedOverMs()).isEqualTo(5000);
        assertThat(t.bid()).isEqualByComparingTo("0.55");
        assertThat(t.threshold().price()).isEqualByComparingTo("0.56");
        assertThat(s.exiting()).isTrue();
        assertThat(s.view(true, sec(6), "sold 0 of 5").state()).isEqualTo(StopLossState.EXITING);
        assertThat(s.view(true, sec(6), null).lastTriggerPrice()).isEqualByComparingTo("0.55");
        assertThat(s.view(true, sec(6), null).triggers()).isEqualTo(1);
        // While the exit runs nothing triggers again.
        assertThat(look(s, "0.40", "0.41", sec(20))).isEmpty();
    }

    @Test
    void aDipThatRecoversInsideTheConfirmationDoesNotTrigger() {
        StopLoss s = new StopLoss(params(Duration.ZERO));
        assertThat(look(s, "0.55", "0.56", sec(0))).isEmpty();
        assertThat(look(s, "0.57", "0.58", sec(3))).isEmpty();
        assertThat(s.view(true, sec(3), null).state()).isEqualTo(StopLossState.ARMED);
        // Hit again: the count starts over.
        assertThat(look(s, "0.55", "0.56", sec(6))).isEmpty();
        assertThat(s.view(true, sec(6), null).rounds()).isEqualTo(1);
        assertThat(look(s, "0.55", "0.56", sec(11))).isPresent();
    }

    @Test
    void aWideSpreadMarketNeedsThreeRoundsOverThirtySeconds() {
        StopLoss s = new StopLoss(params(Duration.ZERO));
        // 0.53 / 0.57: 7.3 % spread, +3 ticks: threshold 0.53.
        assertThat(look(s, "0.53", "0.57", sec(0))).isEmpty();
        assertThat(s.view(true, sec(0), null).label()).isEqualTo("CONFIRMING 1 of 3");
        assertThat(look(s, "0.53", "0.57", sec(5))).isEmpty();
        // Three rounds, but only 10 s: a tight market would have fired at the second.
        assertThat(look(s, "0.53", "0.57", sec(10))).isEmpty();
        assertThat(s.view(true, sec(10), null).rounds()).isEqualTo(3);
        assertThat(look(s, "0.53", "0.57", sec(29))).isEmpty();
        StopLoss.Trigger t = look(s, "0.53", "0.57", sec(30)).orElseThrow();
        assertThat(t.roundsRequired()).isEqualTo(3);
        assertThat(t.confirmedOverMs()).isEqualTo(30_000);
        assertThat(t.threshold().spreadTicks()).isEqualTo(3);
    }

    @Test
    void aNewPositionIsNotJudgedDuringItsGracePeriod() {
        StopLoss s = new StopLoss(params(Duration.ofMinutes(5)));
        assertThat(look(s, "0.50", "0.51", sec(0))).isEmpty();
        StopLossView grace = s.view(true, sec(0), null);
        assertThat(grace.state()).isEqualTo(StopLossState.GRACE);
        assertThat(grace.until()).isEqualTo(sec(300));
        assertThat(look(s, "0.50", "0.51", sec(200))).isEmpty();
        assertThat(look(s, "0.50", "0.51", sec(299))).isEmpty();
        assertThat(s.view(true, sec(299), null).rounds()).isZero();
        // Grace over: the confirmation starts only now.
        assertThat(look(s, "0.50", "0.51", sec(300))).isEmpty();
        assertThat(look(s, "0.50", "0.51", sec(305))).isPresent();
        // Flat again, then a new position: a new grace period.
        s.exitDone();
        assertThat(s.evaluate(false, null, d("0.50"), d("0.51"), sec(306))).isEmpty();
        assertThat(s.view(false, sec(306), null).state()).isEqualTo(StopLossState.COOLDOWN);
    }

    @Test
    void cooldownBlocksBuysAndStopLossesThenRepeatsWithinTheReentryWindowGetOneTickMore() {
        StopLoss s = new StopLoss(params(Duration.ZERO));
        look(s, "0.55", "0.56", sec(0));
        assertThat(look(s, "0.55", "0.56", sec(5))).isPresent();
        assertThat(s.buyAllowed(sec(5))).isFalse();
        s.exitDone();
        assertThat(s.buyAllowed(sec(6))).isFalse();
        StopLossView cooldown = s.view(false, sec(6), null);
        assertThat(cooldown.state()).isEqualTo(StopLossState.COOLDOWN);
        assertThat(cooldown.until()).isEqualTo(sec(5 + 1800));
        // A position during the cooldown (e.g. adopted) is not cut.
        assertThat(look(s, "0.40", "0.41", sec(100))).isEmpty();
        assertThat(look(s, "0.40", "0.41", sec(200))).isEmpty();
        assertThat(s.buyAllowed(sec(1804))).isFalse();
        assertThat(s.buyAllowed(sec(1805))).isTrue();

        // 40 min after the first stop-loss (within 120 min): 3 + 1 ticks.
        StopLoss.Threshold repeat = s.threshold(COST, d("0.55"), d("0.56"), sec(2400));
        assertThat(repeat.cycleTicks()).isEqualTo(1);
        assertThat(repeat.price()).isEqualByComparingTo("0.55");
        assertThat(look(s, "0.56", "0.57", sec(2400))).isEmpty();
        assertThat(s.view(true, sec(2400), null).state()).isEqualTo(StopLossState.ARMED);
        look(s, "0.55", "0.56", sec(2401));
        assertThat(look(s, "0.55", "0.56", sec(2406))).isPresent();
        s.exitDone();
        // A third one within the window of the second: +2 ticks.
        assertThat(s.threshold(COST, d("0.55"), d("0.56"), sec(2406 + 1800)).cycleTicks()).isEqualTo(2);
        // More than 120 min after the last: back to the base threshold.
        assertThat(s.threshold(COST, d("0.55"), d("0.56"), sec(2406 + 7201)).cycleTicks()).isZero();
    }

    @Test
    void switchedOffItNeverTriggers() {
        StopLoss s = new StopLoss(params(Duration.ZERO).withEnabled(false));
        for (int i = 0; i < 10; i++) {
            assertThat(look(s, "0.10", "0.11", sec(i * 10L))).isEmpty();
        }
        assertThat(s.view(true, sec(100), null).state()).isEqualTo(StopLossState.DISABLED);
        assertThat(s.buyAllowed(sec(100))).isTrue();
    }

    @Test
    void withoutABidNothingCountsAndFlatResetsTheConfirmation() {
        StopLoss s = new StopLoss(params(Duration.ZERO));
        assertThat(look(s, null, "0.56", sec(0))).isEmpty();
        assertThat(s.view(true, sec(0), null).state()).isEqualTo(StopLossState.ARMED);
        look(s, "0.55", "0.56", sec(1));
        assertThat(s.evaluate(false, null, d("0.55"), d("0.56"), sec(3))).isEmpty();
        assertThat(s.view(false, sec(3), null).state()).isEqualTo(StopLossState.IDLE);
        assertThat(look(s, "0.55", "0.56", sec(6))).isEmpty();
        assertThat(s.view(true, sec(6), null).rounds()).isEqualTo(1);
    }
}
