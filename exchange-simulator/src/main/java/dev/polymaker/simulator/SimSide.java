package dev.polymaker.simulator;

/** Side of a book level or of a taker: BUY is a bid, SELL is an ask (Polymarket's wording). */
public enum SimSide {
    BUY,
    SELL;

    public SimSide opposite() {
        return this == BUY ? SELL : BUY;
    }
}
