package dev.polymaker.simulator.clob;

import java.math.BigDecimal;

/** A read-only view of one order the simulated CLOB holds; status is LIVE, MATCHED or CANCELED. */
public record ClobOrder(String id, String owner, String tokenId, String side, BigDecimal price, BigDecimal originalSize,
                        BigDecimal sizeMatched, String orderType, String status, String cancelReason) {
}
