package dev.polymaker.polymarket.market;

import java.math.BigDecimal;

/** The token's minimum tick changed; orders on the old tick are rejected from now on. */
public record TickSizeChangeEvent(String market, String assetId, BigDecimal oldTickSize, BigDecimal newTickSize,
                                  long timestamp) implements MarketEvent {

    @Override
    public FrameType type() {
        return FrameType.TICK_SIZE_CHANGE;
    }
}
