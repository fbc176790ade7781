package dev.polymaker.polymarket.order;

import java.math.BigDecimal;
import java.util.List;

/**
 * One trade from {@code GET /data/trades}. {@code side}, {@code size} and {@code price} are the
 * taker's; each maker's part is in {@code makerOrders}. {@code traderSide} says which one we were.
 */
public record Trade(String id, String takerOrderId, String market, String assetId, OrderSide side, BigDecimal size,
                    BigDecimal price, String status, long matchTime, String traderSide, String owner,
                    List<MakerFill> makerOrders) {

    public Trade {
        makerOrders = makerOrders == null ? List.of() : List.copyOf(makerOrders);
    }

    /** One resting order's part of a trade. */
    public record MakerFill(String orderId, String owner, String makerAddress, BigDecimal matchedAmount,
                            BigDecimal price, String assetId, OrderSide side) {
    }
}
