package dev.polymaker.polymarket.market;

import dev.polymaker.polymarket.book.BookSide;
import java.math.BigDecimal;

/**
 * One entry of a {@code price_change}: the new total {@code size} at {@code price} (zero deletes
 * the level). {@code bestBid}/{@code bestAsk} are the exchange's top of book after the whole
 * frame, as sent ("0"/"1" mean an empty side); {@code null} when absent.
 */
public record PriceChange(String assetId, BookSide side, BigDecimal price, BigDecimal size, String hash,
                          BigDecimal bestBid, BigDecimal bestAsk) {
}
