package dev.polymaker.simulator;

import java.math.BigDecimal;

/** One fill produced when a taker takes resting liquidity: the level's price and the size taken there. */
public record SimFill(BigDecimal price, BigDecimal size) {
}
