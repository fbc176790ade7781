package dev.polymaker.polymarket.market;

import dev.polymaker.polymarket.book.BookSide;
import dev.polymaker.polymarket.book.PriceLevel;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns one market-channel text frame into events (polymarket-protocol.md §1.5, §2). Pure and
 * thread-safe; never throws on bad input: it says what it found in a {@link ParseResult}. The plain
 * {@code price_change} object, most of the traffic, is read by {@link PriceChangeReader} without a
 * tree; everything else, and any frame that reader does not take, as a tree here.
 */
public final class MarketFrameParser {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    public ParseResult parse(String frame) {
        if (frame == null) {
            return new ParseResult.Rejected("null frame");
        }
        String text = frame.strip();
        if (text.equals("PONG")) {
            return new ParseResult.Pong();
        }
        if (text.isEmpty()) {
            return new ParseResult.Rejected("empty frame");
        }
        char first = text.charAt(0);
        if (first != '{' && first != '[') {
            return new ParseResult.ErrorText(frame);
        }
        if (first == '{') {
            PriceChangeEvent priceChange = PriceChangeReader.read(MAPPER, text);
            if (priceChange != null) {
                return new ParseResult.Events(List.of(priceChange), List.of());
            }
        }
        return parseTree(text);
    }

    /**
     * A stripped JSON frame read as a tree: every frame {@link PriceChangeReader} does not take, and
     * the reference its tests hold it to.
     */
    static ParseResult parseTree(String text) {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JacksonException e) {
            return new ParseResult.Rejected("malformed JSON: " + e.getOriginalMessage());
        }
        List<MarketEvent> events = new ArrayList<>();
        List<ParseResult.Skipped> skipped = new ArrayList<>();
        if (root.isArray() && root.isEmpty()) {
            return new ParseResult.EmptyAnswer();
        }
        if (root.isArray()) {
            for (JsonNode element : root.values()) {
                parseEvent(element, events, skipped);
            }
        } else {
            parseEvent(root, events, skipped);
        }
        return new ParseResult.Events(events, skipped);
    }

    private static void parseEvent(JsonNode node, List<MarketEvent> events, List<ParseResult.Skipped> skipped) {
        if (!node.isObject()) {
            skipped.add(new ParseResult.Skipped(ParseResult.Kind.MALFORMED, "not an object: " + abbreviate(node)));
            return;
        }
        JsonNode typeNode = node.get("event_type");
        if (typeNode == null || !typeNode.isString()) {
            skipped.add(new ParseResult.Skipped(ParseResult.Kind.MALFORMED, "no event_type"));
            return;
        }
        String type = typeNode.stringValue();
        try {
            switch (type) {
                case "book" -> events.add(book(node));
                case "price_change" -> {
                    if (!node.has("price_changes") && node.has("changes")) {
                        skipped.add(new ParseResult.Skipped(ParseResult.Kind.LEGACY_PRICE_CHANGE,
                                "legacy changes[] price_change for asset " + node.path("asset_id").asString("?")));
                    } else {
                        events.add(priceChange(node));
                    }
                }
                case "tick_size_change" -> events.add(new TickSizeChangeEvent(text(node, "market"),
                        text(node, "asset_id"), optionalDecimal(node, "old_tick_size"), decimal(node, "new_tick_size"),
                        timestamp(node)));
                case "last_trade_price" -> events.add(new LastTradePriceEvent(text(node, "market"),
                        text(node, "asset_id"), decimal(node, "price"), optionalDecimal(node, "size"),
                        optionalSide(node), optionalDecimal(node, "fee_rate_bps"), timestamp(node),
                        optionalText(node, "transaction_hash")));
                case "best_bid_ask" -> events.add(new BestBidAskEvent(text(node, "market"), text(node, "asset_id"),
                        optionalDecimal(node, "best_bid"), optionalDecimal(node, "best_ask"),
                        optionalDecimal(node, "spread"),
                        timestamp(node)));
                case "new_market" -> events.add(new NewMarketEvent(optionalText(node, "id"),
                        optionalText(node, "question"), text(node, "market"), optionalText(node, "slug"),
                        strings(node, "assets_ids"), optionalStrings(node, "outcomes"), timestamp(node),
                        optionalDecimal(node, "order_price_min_tick_size")));
                case "market_resolved" -> events.add(new MarketResolvedEvent(optionalText(node, "id"),
                        text(node, "market"), strings(node, "assets_ids"), text(node, "winning_asset_id"),
                        optionalText(node, "winning_outcome"), timestamp(node)));
                default -> skipped.add(new ParseResult.Skipped(ParseResult.Kind.UNKNOWN,
                        "unknown event_type " + abbreviate(typeNode)));
            }
        } catch (BadFieldException e) {
            skipped.add(new ParseResult.Skipped(ParseResult.Kind.MALFORMED, type + ": " + e.getMessage()));
        }
    }

    private static BookEvent book(JsonNode node) {
        return new BookEvent(text(node, "market"), text(node, "asset_id"), timestamp(node),
                optionalText(node, "hash"), levels(node, "bids"), levels(node, "asks"),
                optionalDecimal(node, "tick_size"), optionalDecimal(node, "last_trade_price"));
    }

    private static PriceChangeEvent priceChange(JsonNode node) {
        JsonNode entries = node.get("price_changes");
        if (entries == null || !entries.isArray()) {
            throw new BadFieldException("price_changes is missing or not an array");
        }
        List<PriceChange> changes = new ArrayList<>(entries.size());
        for (JsonNode entry : entries.values()) {
            if (!entry.isObject()) {
                throw new BadFieldException("price_changes entry is not an object");
            }
            BookSide side = BookSide.fromWire(text(entry, "side"));
            if (side == null) {
                throw new BadFieldException("side is neither BUY nor SELL: " + abbreviate(entry.get("side")));
            }
            changes.add(new PriceChange(text(entry, "asset_id"), side, decimal(entry, "price"),
                    decimal(entry, "size"), optionalText(entry, "hash"), optionalDecimal(entry, "best_bid"),
                    optionalDecimal(entry, "best_ask")));
        }
        // Older frames carried market and timestamp only at top level; both are required there.
        return new PriceChangeEvent(text(node, "market"), timestamp(node), changes);
    }

    private static List<PriceLevel> levels(JsonNode node, String field) {
        JsonNode array = node.get(field);
        if (array == null || !array.isArray()) {
            throw new BadFieldException(field + " is missing or not an array");
        }
        List<PriceLevel> levels = new ArrayList<>(array.size());
        for (JsonNode level : array.values()) {
            if (!level.isObject()) {
                throw new BadFieldException(field + " level is not an object");
            }
            levels.add(new PriceLevel(decimal(level, "price"), decimal(level, "size")));
        }
        return levels;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isString() || value.stringValue().isEmpty()) {
            throw new BadFieldException("missing " + field);
        }
        return value.stringValue();
    }

    private static String optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isString() || value.stringValue().isEmpty() ? null : value.stringValue();
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        BigDecimal value = optionalDecimal(node, field);
        if (value == null) {
            throw new BadFieldException("missing " + field);
        }
        return value;
    }

    private static BigDecimal optionalDecimal(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isString()) {
            String s = value.stringValue().strip();
            if (s.isEmpty()) {
                return null;
            }
            try {
                return new BigDecimal(s);
            } catch (NumberFormatException e) {
                throw new BadFieldException(field + " is not a number: " + abbreviate(value));
            }
        }
        throw new BadFieldException(field + " is not a number: " + abbreviate(value));
    }

    private static BookSide optionalSide(JsonNode node) {
        String side = optionalText(node, "side");
        return side == null ? null : BookSide.fromWire(side);
    }

    private static List<String> strings(JsonNode node, String field) {
        JsonNode array = node.get(field);
        if (array == null || !array.isArray()) {
            throw new BadFieldException(field + " is missing or not an array");
        }
        List<String> out = new ArrayList<>(array.size());
        for (JsonNode value : array.values()) {
            if (!value.isString()) {
                throw new BadFieldException(field + " holds a non-string");
            }
            out.add(value.stringValue());
        }
        return out;
    }

    private static List<String> optionalStrings(JsonNode node, String field) {
        JsonNode array = node.get(field);
        return array == null || array.isNull() ? List.of() : strings(node, field);
    }

    /** Epoch milliseconds, sent as a string, sometimes as a number; ISO text is accepted too. */
    static long timestamp(JsonNode node) {
        JsonNode value = node.get("timestamp");
        if (value == null || value.isNull()) {
            throw new BadFieldException("missing timestamp");
        }
        return parseTimestamp(value);
    }

    static long parseTimestamp(JsonNode value) {
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.asLong();
        }
        if (value.isNumber()) {
            return value.decimalValue().longValue();
        }
        if (value.isString()) {
            String s = value.stringValue().strip();
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException notMillis) {
                try {
                    return Instant.parse(s).toEpochMilli();
                } catch (DateTimeParseException notIso) {
                    throw new BadFieldException("timestamp is not epoch millis: " + abbreviate(value));
                }
            }
        }
        throw new BadFieldException("timestamp is not epoch millis: " + abbreviate(value));
    }

    private static String abbreviate(JsonNode node) {
        String s = String.valueOf(node);
        return s.length() <= 80 ? s : s.substring(0, 80) + "…";
    }

    /** A required field is missing or has the wrong shape. */
    static final class BadFieldException extends RuntimeException {
        BadFieldException(String message) {
            super(message, null, false, false);
        }
    }
}
