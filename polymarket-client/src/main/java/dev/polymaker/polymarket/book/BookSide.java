package dev.polymaker.polymarket.book;

/** A side of an order book. On the wire a {@code BUY} level is a bid and a {@code SELL} level an ask. */
public enum BookSide {
    BID,
    ASK;

    /** Maps the wire's {@code BUY}/{@code SELL} (any case); {@code null} when it is neither. */
    public static BookSide fromWire(String side) {
        if (side == null) {
            return null;
        }
        if (side.equalsIgnoreCase("BUY")) {
            return BID;
        }
        if (side.equalsIgnoreCase("SELL")) {
            return ASK;
        }
        return null;
    }
}
