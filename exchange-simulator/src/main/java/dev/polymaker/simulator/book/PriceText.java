package dev.polymaker.simulator.book;

import java.math.BigDecimal;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Wire text of book prices and of their complements (1 - p), cached: prices sit on a grid of at most a few thousand
 * values, and formatting BigDecimals was the largest cost of every book change.
 */
final class PriceText {
    private static final int MAX_ENTRIES = 50_000;
    private static final ConcurrentHashMap<BigDecimal, String> TEXT = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<BigDecimal, String> MIRROR_TEXT = new ConcurrentHashMap<>();

    private PriceText() {
    }

    static String of(BigDecimal price) {
        String text = TEXT.get(price);
        if (text == null) {
            text = WireJson.number(price);
            if (TEXT.size() < MAX_ENTRIES) {
                TEXT.put(price, text);
            }
        }
        return text;
    }

    /** Text of 1 - price. */
    static String mirror(BigDecimal price) {
        String text = MIRROR_TEXT.get(price);
        if (text == null) {
            text = WireJson.number(BigDecimal.ONE.subtract(price));
            if (MIRROR_TEXT.size() < MAX_ENTRIES) {
                MIRROR_TEXT.put(price, text);
            }
        }
        return text;
    }
}
