package dev.polymaker.simulator.book;

import java.math.BigDecimal;
import java.util.Objects;

/** What the exchange accepts as a price and a size; breaking a rule is an {@link IllegalArgumentException}. */
final class BookRules {

    private BookRules() {
    }

    static void requirePrice(String tokenId, BigDecimal price) {
        Objects.requireNonNull(price, "price");
        if (price.signum() <= 0 || price.compareTo(BigDecimal.ONE) >= 0) {
            throw new IllegalArgumentException("price " + price + " for token " + tokenId + " must be in (0, 1)");
        }
    }

    static void requireOnGrid(MarketBook book, String tokenId, BigDecimal price) {
        requirePrice(tokenId, price);
        if (price.remainder(book.tickSize()).signum() != 0) {
            throw new IllegalArgumentException("price " + price + " for token " + tokenId + " is not on tick "
                    + book.tickSize());
        }
    }

    static void requireNonNegative(BigDecimal size, String name) {
        Objects.requireNonNull(size, name);
        if (size.signum() < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + size);
        }
    }
}
