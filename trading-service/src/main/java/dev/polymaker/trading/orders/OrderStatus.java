package dev.polymaker.trading.orders;

/** Life cycle of one order as this service knows it. */
public enum OrderStatus {
    /** Sent, no answer yet (or the answer was lost: reconcile before retrying). */
    PENDING,
    /** Resting on the book. */
    OPEN,
    PARTIALLY_FILLED,
    FILLED,
    CANCELLED,
    REJECTED;

    public boolean terminal() {
        return this == FILLED || this == CANCELLED || this == REJECTED;
    }
}
