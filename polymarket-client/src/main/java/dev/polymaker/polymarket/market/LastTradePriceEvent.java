package dev.polymaker.polymarket.market;

import dev.polymaker.polymarket.book.BookSide;
import java.math.BigDecimal;

/**
 * A maker and a taker matched. {@code side} is the taker's; {@code size}, {@code side},
 * {@code feeRateBps} and {@code transactionHash} are {@code null} when absent.
 */
public record LastTradePriceEvent(String market, String assetId, BigDecimal price, BigDecimal size, BookSide side,
                                  BigDecimal feeRateBps, long timestamp, String transactionHash)
        implements MarketEvent {

    @Override
    public FrameType type() {
        return FrameType.LAST_TRADE_PRICE;
    }
}
