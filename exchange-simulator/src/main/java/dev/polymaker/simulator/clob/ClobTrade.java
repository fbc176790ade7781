package dev.polymaker.simulator.clob;

import java.math.BigDecimal;
import java.util.List;

/**
 * One trade as {@code /data/trades} reports it to {@code owner}: side, size and price are the
 * taker's; {@code traderSide} says whether the owner was the taker or a maker.
 */
public record ClobTrade(String id, String takerOrderId, String market, String assetId, String side, BigDecimal size,
                        BigDecimal price, long matchTime, String owner, String makerAddress, String traderSide,
                        List<MakerPart> makerOrders) {

    public ClobTrade {
        makerOrders = List.copyOf(makerOrders);
    }

    /** A resting order's part of the trade. */
    public record MakerPart(String orderId, String owner, String makerAddress, BigDecimal matchedAmount,
                            BigDecimal price, String assetId, String side) {
    }
}
