package dev.polymaker.polymarket.order;

import java.util.Objects;

/** One signed order with how to place it, for {@code POST /order} and {@code POST /orders}. */
public record OrderPost(SignedOrder order, ClobOrderType type, boolean postOnly) {

    public OrderPost {
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(type, "type");
        if (postOnly && type.immediate()) {
            throw new InvalidOrderException("postOnly is only allowed with GTC or GTD, not " + type);
        }
        if (type == ClobOrderType.GTD && order.expiration() <= 0) {
            throw new InvalidOrderException("GTD order needs an expiration");
        }
    }
}
