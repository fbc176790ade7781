package dev.polymaker.polymarket.order;

import java.math.BigDecimal;
import java.util.List;

/** One order from {@code GET /data/orders}. Sizes in shares; times in epoch seconds. */
public record OpenOrder(String id, String status, String owner, String makerAddress, String market, String assetId,
                        OrderSide side, BigDecimal originalSize, BigDecimal sizeMatched, BigDecimal price,
                        String orderType, long createdAt, long expiration, List<String> associateTrades) {

    public OpenOrder {
        associateTrades = associateTrades == null ? List.of() : List.copyOf(associateTrades);
    }

    public BigDecimal remaining() {
        return originalSize.subtract(sizeMatched);
    }
}
