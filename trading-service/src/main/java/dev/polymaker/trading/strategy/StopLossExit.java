package dev.polymaker.trading.strategy;

import dev.polymaker.trading.orders.OrderView;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One stop-loss exit (original-system.md §3.4 "IOC exits"): FAK SELLs walked down a price ladder
 * (best bid, -0.3 %, -0.8 %, -1.5 %, the floor) until the position is gone; a partial fill goes on
 * down with the remainder, and a ladder that reaches the floor unsold starts again from the then best
 * bid after {@code exitRetryInterval}. One order at a time. Pure: its strategy feeds it answers and
 * fills, and asks it for the next order.
 */
final class StopLossExit {

    /** How far below the base each rung after the first is (§3.4). */
    private static final BigDecimal[] STEPS = {new BigDecimal("0.003"), new BigDecimal("0.008"),
            new BigDecimal("0.015")};

    private final StopLossParameters params;
    private final BigDecimal minOrderSize;
    private final BigDecimal startSize;
    private List<BigDecimal> ladder = List.of();
    private int rung;
    private long walkEndedAt = -1;
    private int walks;
    private int orders;
    private boolean inFlight;
    private String inFlightId;
    private long placedAt;
    /** Shares the exit orders' answers say were sold, and those whose fills have arrived. */
    private BigDecimal reported = BigDecimal.ZERO;
    private BigDecimal seen = BigDecimal.ZERO;

    StopLossExit(StopLossParameters params, BigDecimal minOrderSize, BigDecimal startSize) {
        this.params = Objects.requireNonNull(params, "params");
        this.minOrderSize = Objects.requireNonNull(minOrderSize, "minOrderSize");
        this.startSize = Objects.requireNonNull(startSize, "startSize");
    }

    /**
     * The ladder from {@code bid}: base = the bid on the tick grid, then 0.3 %, 0.8 % and 1.5 % below
     * it, then the floor (at least one tick); every rung on the grid, each below the one before.
     */
    static List<BigDecimal> ladder(BigDecimal bid, BigDecimal tick, BigDecimal floorPrice) {
        BigDecimal floor = PriceGrid.up(floorPrice.max(tick), tick);
        BigDecimal base = PriceGrid.down(bid, tick);
        if (base.compareTo(floor) <= 0) {
            return List.of(base.max(tick));
        }
        List<BigDecimal> out = new ArrayList<>(List.of(base));
        for (BigDecimal step : STEPS) {
            BigDecimal price = PriceGrid.down(base.multiply(BigDecimal.ONE.subtract(step)), tick);
            if (price.compareTo(out.get(out.size() - 1)) < 0 && price.compareTo(floor) > 0) {
                out.add(price);
            }
        }
        out.add(floor);
        return List.copyOf(out);
    }

    /** Done: no order in flight and what is still held is below the exchange minimum (dust). */
    boolean finished(BigDecimal position) {
        return !inFlight && position.compareTo(minOrderSize) < 0;
    }

    /**
     * The next FAK SELL, or null to wait (an order in flight, fills still to arrive, no bid, or the
     * pause after a ladder reached the floor).
     */
    StrategyAction.TakerSell next(BigDecimal position, BigDecimal bid, BigDecimal tick, long now) {
        if (inFlight) {
            if (inFlightId == null || now - placedAt < params.exitRetryInterval().toMillis()) {
                return null;
            }
            // Answered but never settled (e.g. delayed by the exchange): its fills still count when they come.
            inFlight = false;
            rung++;
        }
        BigDecimal unconfirmed = reported.subtract(seen).max(BigDecimal.ZERO);
        BigDecimal remainder = PriceGrid.sizeDown(position.subtract(unconfirmed).max(BigDecimal.ZERO));
        if (remainder.compareTo(minOrderSize) < 0) {
            return null;
        }
        if (rung >= ladder.size()) {
            if (walks > 0 && walkEndedAt < 0) {
                walkEndedAt = now;
            }
            if (bid == null || (walkEndedAt >= 0 && now - walkEndedAt < params.exitRetryInterval().toMillis())) {
                return null;
            }
            ladder = ladder(bid, tick, params.exitFloorPrice());
            rung = 0;
            walks++;
            walkEndedAt = -1;
        }
        BigDecimal price = ladder.get(rung);
        inFlight = true;
        inFlightId = null;
        placedAt = now;
        orders++;
        return new StrategyAction.TakerSell(price, remainder, tick, "stop-loss exit, rung " + (rung + 1) + " of "
                + ladder.size() + (walks > 1 ? " (walk " + walks + ")" : ""));
    }

    /** The answer to the order in flight (or a later status of it). */
    void onAnswer(OrderView view) {
        if (!inFlight || (inFlightId != null && !inFlightId.equals(view.orderId()))) {
            return;
        }
        inFlightId = view.orderId();
        if (view.status().terminal()) {
            reported = reported.add(view.filled() == null ? BigDecimal.ZERO : view.filled());
            inFlight = false;
            rung++;
        }
    }

    void onFill(BigDecimal size) {
        seen = seen.add(size);
    }

    boolean inFlight() {
        return inFlight;
    }

    /** How far the exit got, for the status API. */
    String progress() {
        return "sold " + reported.max(seen).stripTrailingZeros().toPlainString() + " of "
                + startSize.stripTrailingZeros().toPlainString() + " in " + orders + " FAK order(s)"
                + (walks > 1 ? ", ladder walk " + walks : "") + (inFlight ? ", order in flight" : "");
    }
}
