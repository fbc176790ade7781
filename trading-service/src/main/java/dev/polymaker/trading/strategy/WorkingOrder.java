package dev.polymaker.trading.strategy;

import dev.polymaker.trading.orders.Side;

import java.math.BigDecimal;

/**
 * An order {@link VolArbStrategy} placed that is not terminal; id is null while unconfirmed. Kept
 * after a terminal answer until its fills have arrived ({@code finalFilled}), or a flat book could
 * trigger a second BUY.
 */
record WorkingOrder(String orderId, Side side, BigDecimal price, BigDecimal size, BigDecimal filled,
                    boolean cancelRequested, BigDecimal finalFilled) {

    WorkingOrder cancelling() {
        return new WorkingOrder(orderId, side, price, size, filled, true, finalFilled);
    }

    WorkingOrder withId(String id) {
        return new WorkingOrder(id, side, price, size, filled, cancelRequested, finalFilled);
    }

    WorkingOrder plusFill(BigDecimal qty) {
        return new WorkingOrder(orderId, side, price, size, filled.add(qty), cancelRequested, finalFilled);
    }

    /** Terminal at the venue, but fills up to {@code total} not yet seen here. */
    WorkingOrder endedAt(BigDecimal total) {
        return new WorkingOrder(orderId, side, price, size, filled, true, total);
    }

    boolean done() {
        return filled.compareTo(size) >= 0 || (finalFilled != null && filled.compareTo(finalFilled) >= 0);
    }
}
