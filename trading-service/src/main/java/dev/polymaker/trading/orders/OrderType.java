package dev.polymaker.trading.orders;

/** Polymarket order types: resting (GTC, GTD) or immediate (FOK fill-or-kill, FAK fill-and-kill). */
public enum OrderType {
    GTC, GTD, FOK, FAK;

    public boolean rests() {
        return this == GTC || this == GTD;
    }
}
