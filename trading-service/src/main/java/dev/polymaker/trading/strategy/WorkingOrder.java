package dev.polymaker.trading.strategy;

import dev.polymaker.trading.orders.Side;

import java.math.BigDecimal;

/**
 * An order {@link VolArbStrategy} placed that is not terminal; id is null while unconfirmed. Kept
 * after a terminal answer until its fills have arrived ({@code finalFilled}), or a flat book could
 * trigger a second BUY. {@code cancelRequested} stays set once a cancel is wanted, until the order
 * ends; {@code cancelUnsent} marks a wanted cancel whose request failed, to be sent again.
 */
record WorkingOrder(String orderId, Side side, BigDecimal price, BigDecimal size, BigDecimal filled,
                    boolean cancelRequested, boolean cancelUnsent, BigDecimal finalFilled) {

    /** A new order, not yet confirmed. */
    static WorkingOrder placed(Side side, BigDecimal price, BigDecimal size) {
        return new WorkingOrder(null, side, price, size, BigDecimal.ZERO, false, false, null);
    }

    /** Its cancel is being sent. */
    WorkingOrder cancelling() {
        return new WorkingOrder(orderId, side, price, size, filled, true, false, finalFilled);
    }

    /** Its cancel could not be sent (the venue failed or refused the request): the order may still rest. */
    WorkingOrder cancelFailed() {
        return new WorkingOrder(orderId, side, price, size, filled, true, true, finalFilled);
    }

    WorkingOrder withId(String id) {
        return new WorkingOrder(id, side, price, size, filled, cancelRequested, cancelUnsent, finalFilled);
    }

    WorkingOrder plusFill(BigDecimal qty) {
        return new WorkingOrder(orderId, side, price, size, filled.add(qty), cancelRequested, cancelUnsent,
                finalFilled);
    }

    /** Terminal at the venue, but fills up to {@code total} not yet seen here. */
    WorkingOrder endedAt(BigDecimal total) {
        return new WorkingOrder(orderId, side, price, size, filled, true, false, total);
    }

    /** True while a cancel that failed must be sent again: confirmed, wanted, unsent and not ended. */
    boolean cancelToResend() {
        return cancelUnsent && orderId != null && finalFilled == null;
    }

    boolean done() {
        return filled.compareTo(size) >= 0 || (finalFilled != null && filled.compareTo(finalFilled) >= 0);
    }
}
