package dev.polymaker.trading.orders;

import java.math.BigDecimal;

/** One order as the gateway currently knows it. Times are epoch milliseconds. */
public record OrderView(String orderId, String clientOrderId, String tokenId, Side side, BigDecimal price,
                        BigDecimal size, BigDecimal filled, OrderType type, OrderStatus status, String reason,
                        long createdTime, long updatedTime) {
}
