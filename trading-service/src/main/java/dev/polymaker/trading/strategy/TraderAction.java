package dev.polymaker.trading.strategy;

/** One thing a token's trader did (an order placed, cancelled or filled, a stop-loss), at epoch ms {@code time}. */
public record TraderAction(long time, String what) {
}
