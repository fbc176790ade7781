package dev.polymaker.polymarket.market;

import dev.polymaker.polymarket.book.BookSide;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the frame the exchange sends most, one {@code price_change} object, with Jackson's streaming
 * parser instead of a tree: the tree was a third of the service's garbage (docs/performance.md §5).
 * It takes only the plain shape (each field once, of the type the exchange sends, every required one
 * there, nothing after the object) and answers {@code null} for anything else, which
 * {@link MarketFrameParser} then reads as a tree: so every odd, legacy, malformed or hostile frame
 * gets exactly the tree's answer, and a plain one the event the tree would have built. Fields may come
 * in any order; unknown ones are skipped whatever they hold.
 */
final class PriceChangeReader {

    private static final int EVENT_TYPE = 1;
    private static final int MARKET = 2;
    private static final int TIMESTAMP = 4;
    private static final int PRICE_CHANGES = 8;
    private static final int ALL_TOP = EVENT_TYPE | MARKET | TIMESTAMP | PRICE_CHANGES;

    private static final int ASSET_ID = 1;
    private static final int SIDE = 2;
    private static final int PRICE = 4;
    private static final int SIZE = 8;
    private static final int HASH = 16;
    private static final int BEST_BID = 32;
    private static final int BEST_ASK = 64;
    private static final int REQUIRED_ENTRY = ASSET_ID | SIDE | PRICE | SIZE;

    private static final NotPlain NOT_PLAIN = new NotPlain();

    private PriceChangeReader() {
    }

    /** The event, or {@code null} when the frame is not a plain {@code price_change} object. */
    static PriceChangeEvent read(JsonMapper mapper, String text) {
        try (JsonParser p = mapper.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            int seen = 0;
            String market = null;
            long timestamp = 0;
            List<PriceChange> changes = null;
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "event_type" -> {
                        seen = once(seen, EVENT_TYPE);
                        if (value != JsonToken.VALUE_STRING || !is(p, "price_change")) {
                            return null;
                        }
                    }
                    case "market" -> {
                        seen = once(seen, MARKET);
                        market = requiredText(p, value);
                    }
                    case "timestamp" -> {
                        seen = once(seen, TIMESTAMP);
                        timestamp = timestamp(p, value);
                    }
                    case "price_changes" -> {
                        seen = once(seen, PRICE_CHANGES);
                        changes = entries(p, value);
                    }
                    default -> p.skipChildren();
                }
            }
            if (seen != ALL_TOP || p.nextToken() != null) {
                return null;
            }
            return new PriceChangeEvent(market, timestamp, changes);
        } catch (JacksonException | NotPlain | NumberFormatException e) {
            return null;
        }
    }

    private static List<PriceChange> entries(JsonParser p, JsonToken value) {
        if (value != JsonToken.START_ARRAY) {
            throw NOT_PLAIN;
        }
        PriceChange first = null;
        PriceChange second = null;
        List<PriceChange> all = null;
        JsonToken token;
        while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
            if (token != JsonToken.START_OBJECT) {
                throw NOT_PLAIN;
            }
            PriceChange entry = entry(p);
            if (first == null) {
                first = entry;
            } else if (second == null) {
                second = entry;
            } else {
                if (all == null) {
                    all = new ArrayList<>();
                    all.add(first);
                    all.add(second);
                }
                all.add(entry);
            }
        }
        // Immutable lists, so PriceChangeEvent's List.copyOf keeps them as they are.
        if (all != null) {
            return all;
        }
        return first == null ? List.of() : second == null ? List.of(first) : List.of(first, second);
    }

    private static PriceChange entry(JsonParser p) {
        int seen = 0;
        String assetId = null;
        BookSide side = null;
        BigDecimal price = null;
        BigDecimal size = null;
        String hash = null;
        BigDecimal bestBid = null;
        BigDecimal bestAsk = null;
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "asset_id" -> {
                    seen = once(seen, ASSET_ID);
                    assetId = requiredText(p, value);
                }
                case "side" -> {
                    seen = once(seen, SIDE);
                    side = side(p, value);
                }
                case "price" -> {
                    seen = once(seen, PRICE);
                    price = requiredDecimal(p, value);
                }
                case "size" -> {
                    seen = once(seen, SIZE);
                    size = requiredDecimal(p, value);
                }
                case "hash" -> {
                    seen = once(seen, HASH);
                    hash = optionalText(p, value);
                }
                case "best_bid" -> {
                    seen = once(seen, BEST_BID);
                    bestBid = optionalDecimal(p, value);
                }
                case "best_ask" -> {
                    seen = once(seen, BEST_ASK);
                    bestAsk = optionalDecimal(p, value);
                }
                default -> p.skipChildren();
            }
        }
        if ((seen & REQUIRED_ENTRY) != REQUIRED_ENTRY) {
            throw NOT_PLAIN;
        }
        return new PriceChange(assetId, side, price, size, hash, bestBid, bestAsk);
    }

    /** A field seen twice: the tree keeps the last, so let the tree decide. */
    private static int once(int seen, int field) {
        if ((seen & field) != 0) {
            throw NOT_PLAIN;
        }
        return seen | field;
    }

    private static String requiredText(JsonParser p, JsonToken value) {
        if (value != JsonToken.VALUE_STRING || p.getStringLength() == 0) {
            throw NOT_PLAIN;
        }
        return p.getString();
    }

    private static String optionalText(JsonParser p, JsonToken value) {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value != JsonToken.VALUE_STRING) {
            throw NOT_PLAIN;
        }
        return p.getStringLength() == 0 ? null : p.getString();
    }

    private static BookSide side(JsonParser p, JsonToken value) {
        if (value != JsonToken.VALUE_STRING || p.getStringLength() == 0) {
            throw NOT_PLAIN;
        }
        if (is(p, "BUY")) {
            return BookSide.BID;
        }
        if (is(p, "SELL")) {
            return BookSide.ASK;
        }
        BookSide side = BookSide.fromWire(p.getString());
        if (side == null) {
            throw NOT_PLAIN;
        }
        return side;
    }

    private static BigDecimal requiredDecimal(JsonParser p, JsonToken value) {
        BigDecimal decimal = optionalDecimal(p, value);
        if (decimal == null) {
            throw NOT_PLAIN;
        }
        return decimal;
    }

    /** A decimal sent as a string, read from the parser's characters (no String); "" and null are absent. */
    private static BigDecimal optionalDecimal(JsonParser p, JsonToken value) {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value != JsonToken.VALUE_STRING) {
            throw NOT_PLAIN; // a JSON number: the tree's own conversion decides
        }
        char[] chars = p.getStringCharacters();
        int start = p.getStringOffset();
        int end = start + p.getStringLength();
        // String.strip() on the tree's side: whitespace is all in the BMP, so per char is the same.
        while (start < end && Character.isWhitespace(chars[start])) {
            start++;
        }
        while (end > start && Character.isWhitespace(chars[end - 1])) {
            end--;
        }
        return start == end ? null : new BigDecimal(chars, start, end - start);
    }

    /** Epoch milliseconds as the exchange sends them: a string of digits, or a JSON integer. */
    private static long timestamp(JsonParser p, JsonToken value) {
        if (value == JsonToken.VALUE_NUMBER_INT) {
            JsonParser.NumberType type = p.getNumberType();
            if (type != JsonParser.NumberType.INT && type != JsonParser.NumberType.LONG) {
                throw NOT_PLAIN;
            }
            return p.getLongValue();
        }
        if (value != JsonToken.VALUE_STRING) {
            throw NOT_PLAIN;
        }
        char[] chars = p.getStringCharacters();
        int start = p.getStringOffset();
        int length = p.getStringLength();
        if (length == 0 || length > 18) {
            throw NOT_PLAIN; // signs, spaces, ISO text, overflow: the tree's rules
        }
        long millis = 0;
        for (int i = start; i < start + length; i++) {
            char c = chars[i];
            if (c < '0' || c > '9') {
                throw NOT_PLAIN;
            }
            millis = millis * 10 + (c - '0');
        }
        return millis;
    }

    private static boolean is(JsonParser p, String expected) {
        if (p.getStringLength() != expected.length()) {
            return false;
        }
        char[] chars = p.getStringCharacters();
        int offset = p.getStringOffset();
        for (int i = 0; i < expected.length(); i++) {
            if (chars[offset + i] != expected.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The frame is not the plain shape; thrown without a stack trace, caught in {@link #read}. */
    private static final class NotPlain extends RuntimeException {
        NotPlain() {
            super("not a plain price_change", null, false, false);
        }
    }
}
