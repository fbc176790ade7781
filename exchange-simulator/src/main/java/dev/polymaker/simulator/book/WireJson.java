package dev.polymaker.simulator.book;

import dev.polymaker.simulator.SimLevel;
import java.math.BigDecimal;
import java.util.List;

/**
 * Writes market-channel events and REST books as compact JSON in Polymarket's field order, every number as a string.
 * Hand-written because it runs once per event on the generator's hot path; values are digits and hex, never escaped.
 */
public final class WireJson {
    private WireJson() {
    }

    /** Polymarket's way to print a decimal: no exponent, no trailing zeros ("0.5", "1016.87", "0"). */
    public static String number(BigDecimal value) {
        if (value.signum() == 0) {
            return "0";
        }
        return value.stripTrailingZeros().toPlainString();
    }

    public static String encode(MarketEvent event) {
        StringBuilder out = new StringBuilder(256);
        if (event instanceof BookEvent book) {
            writeBook(out, book);
        } else if (event instanceof PriceChangeEvent change) {
            writePriceChange(out, change);
        } else if (event instanceof LastTradeEvent trade) {
            writeLastTrade(out, trade);
        } else if (event instanceof TickSizeEvent tick) {
            writeTickSize(out, tick);
        } else if (event instanceof BestBidAskEvent top) {
            writeBestBidAsk(out, top);
        } else if (event instanceof MarketResolvedEvent resolved) {
            writeMarketResolved(out, resolved);
        } else if (event instanceof NewMarketEvent created) {
            writeNewMarket(out, created);
        }
        return out.toString();
    }

    private static void writeBook(StringBuilder out, BookEvent book) {
        out.append("{\"event_type\":\"book\"");
        field(out, "market", book.market());
        field(out, "asset_id", book.assetId());
        field(out, "timestamp", Long.toString(book.timestamp()));
        field(out, "hash", book.hash());
        out.append(",\"bids\":");
        levels(out, book.wireBids());
        out.append(",\"asks\":");
        levels(out, book.wireAsks());
        field(out, "tick_size", number(book.tickSize()));
        // Untraded: the exchange sends "" (polymarket-protocol.md §9), in WebSocket books as in REST.
        field(out, "last_trade_price", book.lastTradePrice() == null ? "" : number(book.lastTradePrice()));
        out.append('}');
    }

    private static void writePriceChange(StringBuilder out, PriceChangeEvent change) {
        out.append("{\"event_type\":\"price_change\"");
        field(out, "market", change.market());
        out.append(",\"price_changes\":[");
        boolean first = true;
        for (PriceChangeEvent.Entry entry : change.entries()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append("{\"asset_id\":\"").append(entry.assetId()).append('"');
            field(out, "price", number(entry.price()));
            field(out, "size", number(entry.size()));
            field(out, "side", entry.side().name());
            field(out, "hash", entry.hash());
            field(out, "best_bid", entry.bestBid() == null ? "0" : number(entry.bestBid()));
            field(out, "best_ask", entry.bestAsk() == null ? "1" : number(entry.bestAsk()));
            out.append('}');
        }
        out.append(']');
        field(out, "timestamp", Long.toString(change.timestamp()));
        out.append('}');
    }

    private static void writeLastTrade(StringBuilder out, LastTradeEvent trade) {
        out.append("{\"event_type\":\"last_trade_price\"");
        field(out, "asset_id", trade.assetId());
        field(out, "market", trade.market());
        field(out, "price", number(trade.price()));
        field(out, "size", number(trade.size()));
        field(out, "fee_rate_bps", "0");
        field(out, "side", trade.side().name());
        field(out, "timestamp", Long.toString(trade.timestamp()));
        field(out, "transaction_hash", trade.transactionHash());
        out.append('}');
    }

    private static void writeTickSize(StringBuilder out, TickSizeEvent tick) {
        out.append("{\"event_type\":\"tick_size_change\"");
        field(out, "asset_id", tick.assetId());
        field(out, "market", tick.market());
        field(out, "old_tick_size", number(tick.oldTickSize()));
        field(out, "new_tick_size", number(tick.newTickSize()));
        field(out, "timestamp", Long.toString(tick.timestamp()));
        out.append('}');
    }

    private static void writeBestBidAsk(StringBuilder out, BestBidAskEvent top) {
        out.append("{\"event_type\":\"best_bid_ask\"");
        field(out, "market", top.market());
        field(out, "asset_id", top.assetId());
        field(out, "best_bid", top.bestBid() == null ? "0" : number(top.bestBid()));
        field(out, "best_ask", top.bestAsk() == null ? "1" : number(top.bestAsk()));
        String spread = top.bestBid() == null || top.bestAsk() == null
                ? "0" : number(top.bestAsk().subtract(top.bestBid()));
        field(out, "spread", spread);
        field(out, "timestamp", Long.toString(top.timestamp()));
        out.append('}');
    }

    private static void writeMarketResolved(StringBuilder out, MarketResolvedEvent event) {
        out.append("{\"id\":\"").append(event.id()).append('"');
        field(out, "market", event.market());
        stringArray(out, "assets_ids", event.assetIds());
        field(out, "winning_asset_id", event.winningAssetId());
        field(out, "winning_outcome", event.winningOutcome());
        out.append(",\"event_message\":null");
        field(out, "timestamp", Long.toString(event.timestamp()));
        field(out, "event_type", "market_resolved");
        out.append(",\"tags\":[]}");
    }

    private static void writeNewMarket(StringBuilder out, NewMarketEvent event) {
        out.append("{\"id\":\"").append(event.id()).append('"');
        field(out, "question", event.question());
        field(out, "market", event.market());
        field(out, "slug", event.slug());
        field(out, "description", "");
        stringArray(out, "assets_ids", event.assetIds());
        stringArray(out, "outcomes", event.outcomes());
        out.append(",\"event_message\":null");
        field(out, "timestamp", Long.toString(event.timestamp()));
        field(out, "event_type", "new_market");
        out.append(",\"active\":false");
        field(out, "game_start_time", "");
        field(out, "order_price_min_tick_size", "0.01");
        field(out, "taker_base_fee", "0");
        out.append(",\"fees_enabled\":false,\"fee_schedule\":{\"exponent\":0,\"rate\":0,\"taker_only\":true,"
                + "\"rebate_rate\":0}}");
    }

    private static void stringArray(StringBuilder out, String name, List<String> values) {
        out.append(",\"").append(name).append("\":[");
        for (int i = 0; i < values.size(); i++) {
            out.append(i > 0 ? ",\"" : "\"").append(values.get(i)).append('"');
        }
        out.append(']');
    }

    private static void levels(StringBuilder out, List<SimLevel> levels) {
        out.append('[');
        for (int i = 0; i < levels.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            SimLevel level = levels.get(i);
            out.append("{\"price\":\"").append(number(level.price())).append("\",\"size\":\"")
                    .append(number(level.size())).append("\"}");
        }
        out.append(']');
    }

    private static void field(StringBuilder out, String name, String value) {
        out.append(",\"").append(name).append("\":\"").append(value).append('"');
    }
}
