package dev.polymaker.trading.orders;

import java.math.BigDecimal;

/** Part or all of an order traded. */
public record Fill(String orderId, String tokenId, Side side, BigDecimal price, BigDecimal size, long time) {
}
