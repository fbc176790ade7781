package dev.polymaker.polymarket.order;

/** Order side, with the uint8 the exchange signs (BUY=0, SELL=1); the JSON body carries the name. */
public enum OrderSide {
    BUY(0), SELL(1);

    private final int code;

    OrderSide(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
