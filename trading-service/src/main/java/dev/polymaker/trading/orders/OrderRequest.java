package dev.polymaker.trading.orders;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What a strategy wants placed. {@code price} and {@code size} are already rounded to the
 * token's tick size and to 2 dp; {@code clientOrderId} is unique per request and lets a gateway
 * reconcile an order whose placement answer was lost.
 */
public record OrderRequest(String clientOrderId, String tokenId, Side side, BigDecimal price, BigDecimal size,
                           OrderType type, boolean postOnly, BigDecimal tickSize, boolean negRisk) {

    public OrderRequest {
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(type, "type");
        if (price.signum() <= 0 || size.signum() <= 0) {
            throw new IllegalArgumentException("token " + tokenId + ": price and size must be positive, were "
                    + price + " and " + size);
        }
    }
}
