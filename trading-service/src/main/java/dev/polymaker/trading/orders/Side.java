package dev.polymaker.trading.orders;

public enum Side {
    BUY, SELL
}
