package dev.polymaker.polymarket.book;

import java.math.BigDecimal;

/** One price level of an order book side. */
public record PriceLevel(BigDecimal price, BigDecimal size) {
}
