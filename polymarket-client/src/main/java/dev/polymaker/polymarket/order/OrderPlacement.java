package dev.polymaker.polymarket.order;

import java.math.BigDecimal;
import java.util.List;

/**
 * The CLOB's answer to one order post. {@code status} is the wire name ({@code live},
 * {@code matched}, {@code delayed} or {@code unmatched}); {@link #placementStatus()} reads it. {@code reconciled} is true when the answer was lost and the
 * order was found again through {@code /data/orders} or {@code /data/trades}.
 */
public record OrderPlacement(boolean success, String errorMsg, String orderId, String status,
                             BigDecimal makingAmount, BigDecimal takingAmount, List<String> tradeIds,
                             List<String> transactionHashes, boolean reconciled) {

    public OrderPlacement {
        tradeIds = tradeIds == null ? List.of() : List.copyOf(tradeIds);
        transactionHashes = transactionHashes == null ? List.of() : List.copyOf(transactionHashes);
    }

    /** {@link #status()} as a {@link PlacementStatus}. */
    public PlacementStatus placementStatus() {
        return PlacementStatus.fromWire(status);
    }
}
