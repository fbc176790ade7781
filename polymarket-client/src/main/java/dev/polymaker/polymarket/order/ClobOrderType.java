package dev.polymaker.polymarket.order;

/** CLOB order types: resting (GTC, GTD) or immediate (FOK fill-or-kill, FAK fill-and-kill). */
public enum ClobOrderType {
    GTC, GTD, FOK, FAK;

    /** FOK and FAK are market orders: their amounts are computed with the market-order rules. */
    public boolean immediate() {
        return this == FOK || this == FAK;
    }
}
