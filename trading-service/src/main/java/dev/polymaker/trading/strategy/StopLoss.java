package dev.polymaker.trading.strategy;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.Optional;

/**
 * When one token's position is cut (original-system.md §3.5): a drawdown threshold in ticks below
 * the average cost, judged on the best bid of the token's LIVE book, confirmed over several rounds,
 * never during a new position's grace period or the cooldown after the last stop-loss. Pure: no I/O,
 * time passed in; its strategy asks it on every look at the book and carries out the exit.
 */
public final class StopLoss {

    private static final MathContext MC = MathContext.DECIMAL64;
    private static final BigDecimal TWO = BigDecimal.valueOf(2);
    /** Spread / mid tiers and the extra ticks each adds to the threshold (§3.5). */
    private static final BigDecimal[] SPREAD_TIERS = {new BigDecimal("0.05"), new BigDecimal("0.035"),
            new BigDecimal("0.02")};
    private static final int[] SPREAD_TICKS = {3, 2, 1};

    /**
     * The price at or below which the best bid counts as a hit: {@code cost - ticks x reference tick},
     * where {@code ticks = baseTicks + cycleTicks + spreadTicks}. {@code spreadPct} is null when the
     * book has no ask (treated as the widest tier).
     */
    public record Threshold(BigDecimal price, int ticks, int baseTicks, int cycleTicks, int spreadTicks,
                            BigDecimal spreadPct, boolean wideSpread) {
    }

    /** A confirmed stop-loss: what was judged, and how it was confirmed. Times are epoch ms. */
    public record Trigger(BigDecimal cost, BigDecimal bid, BigDecimal ask, Threshold threshold, int rounds,
                          int roundsRequired, long confirmedOverMs, long time) {
    }

    private final StopLossParameters params;
    /** When this instance first saw the current position (grace starts there); -1 while flat. */
    private long openedAt = -1;
    private int rounds;
    private int roundsRequired;
    private long firstHitAt;
    private long lastRoundAt;
    private boolean exiting;
    private int cycles;
    private int triggers;
    private Trigger lastTrigger;
    private Threshold lastThreshold;

    public StopLoss(StopLossParameters params) {
        this.params = Objects.requireNonNull(params, "params");
        this.roundsRequired = params.confirmRounds();
    }

    /**
     * One look at the book while {@code holding} (a position of at least the minimum order size) at
     * average {@code cost}. Returns the trigger when this look completes the confirmation; from then
     * on the stop-loss is EXITING until {@link #exitDone}.
     */
    public Optional<Trigger> evaluate(boolean holding, BigDecimal cost, BigDecimal bid, BigDecimal ask, long now) {
        if (!params.enabled() || exiting) {
            return Optional.empty();
        }
        if (!holding || cost == null || cost.signum() <= 0) {
            openedAt = -1;
            lastThreshold = null;
            rounds = 0;
            return Optional.empty();
        }
        if (openedAt < 0) {
            openedAt = now;
        }
        Threshold t = threshold(cost, bid, ask, now);
        lastThreshold = t;
        roundsRequired = t.wideSpread() ? params.wideSpreadConfirmRounds() : params.confirmRounds();
        if (inGrace(now) || inCooldown(now) || bid == null || bid.compareTo(t.price()) > 0) {
            // A look above the threshold ends a confirmation: only consecutive hits count.
            rounds = 0;
            return Optional.empty();
        }
        if (rounds == 0) {
            rounds = 1;
            firstHitAt = now;
            lastRoundAt = now;
        } else if (now - lastRoundAt >= Math.max(1, params.confirmInterval().toMillis())) {
            rounds++;
            lastRoundAt = now;
        }
        long window = t.wideSpread() ? params.wideSpreadConfirmWindow().toMillis() : 0;
        if (rounds < roundsRequired || now - firstHitAt < window) {
            return Optional.empty();
        }
        Trigger trigger = new Trigger(cost, bid, ask, t, rounds, roundsRequired, now - firstHitAt, now);
        cycles = priorCycles(now) + 1;
        triggers++;
        lastTrigger = trigger;
        exiting = true;
        rounds = 0;
        return Optional.of(trigger);
    }

    /** The exit sold what it could: the position is gone (dust aside); the cooldown runs from the trigger. */
    public void exitDone() {
        exiting = false;
        openedAt = -1;
        lastThreshold = null;
    }

    public boolean exiting() {
        return exiting;
    }

    /**
     * The re-entry rule: no BUY of this token while its exit runs and until {@code cooldown} after its
     * last stop-loss; after that the strategy's own signal decides, and a further stop-loss within
     * {@code reentryWindow} of this one gets a wider threshold.
     */
    public boolean buyAllowed(long now) {
        return !exiting && !inCooldown(now);
    }

    /** The threshold for a position at {@code cost} on this book, now (prior cycles count). */
    public Threshold threshold(BigDecimal cost, BigDecimal bid, BigDecimal ask, long now) {
        BigDecimal ref = params.referenceTickSize();
        int base = Math.max(params.minDrawdownTicks(),
                cost.multiply(params.baseDrawdownPct(), MC).divide(ref, 0, RoundingMode.CEILING).intValueExact());
        int cycleTicks = params.stepPerCycleTicks() * priorCycles(now);
        BigDecimal spreadPct = null;
        int spreadTicks = SPREAD_TICKS[0];
        if (bid != null && ask != null && ask.compareTo(bid) > 0) {
            BigDecimal mid = bid.add(ask).divide(TWO, MC);
            spreadPct = ask.subtract(bid).divide(mid, MC);
            spreadTicks = 0;
            for (int i = 0; i < SPREAD_TIERS.length; i++) {
                if (spreadPct.compareTo(SPREAD_TIERS[i]) >= 0) {
                    spreadTicks = SPREAD_TICKS[i];
                    break;
                }
            }
        }
        boolean wide = spreadPct == null || spreadPct.compareTo(params.wideSpreadPct()) >= 0;
        int ticks = base + cycleTicks + spreadTicks;
        return new Threshold(cost.subtract(ref.multiply(BigDecimal.valueOf(ticks))), ticks, base, cycleTicks,
                spreadTicks, spreadPct, wide);
    }

    /** For the status API; {@code holding} as in {@link #evaluate}. */
    public StopLossView view(boolean holding, long now, String exit) {
        StopLossState state;
        Long until = null;
        if (!params.enabled()) {
            state = StopLossState.DISABLED;
        } else if (exiting) {
            state = StopLossState.EXITING;
        } else if (inCooldown(now)) {
            state = StopLossState.COOLDOWN;
            until = lastTrigger.time() + params.cooldown().toMillis();
        } else if (!holding) {
            state = StopLossState.IDLE;
        } else if (inGrace(now)) {
            state = StopLossState.GRACE;
            until = openedAt + params.grace().toMillis();
        } else if (rounds > 0) {
            state = StopLossState.CONFIRMING;
        } else {
            state = StopLossState.ARMED;
        }
        String label = state == StopLossState.CONFIRMING ? state + " " + rounds + " of " + roundsRequired
                : state.name();
        Threshold t = holding ? lastThreshold : null;
        return new StopLossView(state, label, state == StopLossState.CONFIRMING ? rounds : 0, roundsRequired,
                state == StopLossState.CONFIRMING ? firstHitAt : null, until, t == null ? null : t.price(),
                t == null ? null : t.ticks(), triggers, lastTrigger == null ? null : lastTrigger.time(),
                lastTrigger == null ? null : lastTrigger.bid(), lastTrigger, state == StopLossState.EXITING ? exit : null);
    }

    private boolean inGrace(long now) {
        return openedAt >= 0 && now - openedAt < params.grace().toMillis();
    }

    private boolean inCooldown(long now) {
        return lastTrigger != null && now - lastTrigger.time() < params.cooldown().toMillis();
    }

    /** Stop-losses in a row, each within the re-entry window of the one before. */
    private int priorCycles(long now) {
        return lastTrigger != null && now - lastTrigger.time() <= params.reentryWindow().toMillis() ? cycles : 0;
    }
}
