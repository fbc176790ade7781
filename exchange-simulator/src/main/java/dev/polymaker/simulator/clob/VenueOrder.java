package dev.polymaker.simulator.clob;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** One order on the simulated venue; mutable, guarded by the {@link VenueState} lock. */
final class VenueOrder {

    final String id;
    final String owner;
    final String maker;
    final ClobMarket market;
    final String side;
    final BigDecimal price;
    final BigDecimal originalSize;
    final String orderType;
    final long createdAt;
    final long expiration;
    final List<String> tradeIds = new ArrayList<>();
    BigDecimal matched = BigDecimal.ZERO;
    String status = "LIVE";
    String cancelReason = "";

    VenueOrder(String id, String owner, String maker, ClobMarket market, String side, BigDecimal price,
               BigDecimal originalSize, String orderType, long createdAt, long expiration) {
        this.id = id;
        this.owner = owner;
        this.maker = maker;
        this.market = market;
        this.side = side;
        this.price = price;
        this.originalSize = originalSize;
        this.orderType = orderType;
        this.createdAt = createdAt;
        this.expiration = expiration;
    }

    BigDecimal remaining() {
        return originalSize.subtract(matched);
    }

    boolean live() {
        return "LIVE".equals(status);
    }

    ClobOrder view() {
        return new ClobOrder(id, owner, market.tokenId(), side, price, originalSize, matched, orderType, status,
                cancelReason);
    }
}
