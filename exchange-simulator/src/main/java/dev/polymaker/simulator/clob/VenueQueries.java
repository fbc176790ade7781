package dev.polymaker.simulator.clob;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the simulated CLOB answers about an account and a market: {@code /data/orders},
 * {@code /data/trades} (cursor-paged as the CLOB pages them) and a minimal {@code /book}.
 */
final class VenueQueries {

    private final VenueState state;
    private final VenueJson json;
    private final IntSupplier pageSize;

    VenueQueries(VenueState state, VenueJson json, IntSupplier pageSize) {
        this.state = state;
        this.json = json;
        this.pageSize = pageSize;
    }

    ClobResponse orders(ClobCredential cred, Map<String, String> q) {
        String id = q.getOrDefault("id", "");
        String market = q.getOrDefault("market", "");
        String asset = q.getOrDefault("asset_id", "");
        List<JsonNode> rows = new ArrayList<>();
        synchronized (state.lock) {
            for (VenueOrder o : state.orders.values()) {
                if (!o.live() || !o.owner.equals(cred.apiKey())
                        || (!id.isEmpty() && !o.id.equalsIgnoreCase(id))
                        || (!market.isEmpty() && !o.market.conditionId().equalsIgnoreCase(market))
                        || (!asset.isEmpty() && !o.market.tokenId().equals(asset))) {
                    continue;
                }
                ObjectNode n = json.object();
                n.put("id", o.id);
                n.put("status", o.status);
                n.put("owner", o.owner);
                n.put("maker_address", o.maker);
                n.put("market", o.market.conditionId());
                n.put("asset_id", o.market.tokenId());
                n.put("side", o.side);
                n.put("original_size", VenueJson.plain(o.originalSize));
                n.put("size_matched", VenueJson.plain(o.matched));
                n.put("price", VenueJson.plain(o.price));
                n.put("outcome", "");
                n.put("created_at", o.createdAt);
                n.put("expiration", Long.toString(o.expiration));
                n.put("order_type", o.orderType);
                ArrayNode at = n.putArray("associate_trades");
                o.tradeIds.forEach(at::add);
                rows.add(n);
            }
        }
        return page(rows, q.get("next_cursor"));
    }

    ClobResponse trades(ClobCredential cred, Map<String, String> q) {
        String market = q.getOrDefault("market", "");
        String asset = q.getOrDefault("asset_id", "");
        String tradeId = q.getOrDefault("id", "");
        long after = VenueJson.parseLong(q.get("after"), Long.MIN_VALUE);
        long before = VenueJson.parseLong(q.get("before"), Long.MAX_VALUE);
        List<JsonNode> rows = new ArrayList<>();
        synchronized (state.lock) {
            for (ClobTrade t : state.trades) {
                if (!t.owner().equals(cred.apiKey()) || (!market.isEmpty() && !t.market().equalsIgnoreCase(market))
                        || (!asset.isEmpty() && !t.assetId().equals(asset)) || (!tradeId.isEmpty() && !t.id().equals(tradeId))
                        || t.matchTime() < after || t.matchTime() > before) {
                    continue;
                }
                rows.add(trade(t));
            }
        }
        return page(rows, q.get("next_cursor"));
    }

    private ObjectNode trade(ClobTrade t) {
        ObjectNode n = json.object();
        n.put("id", t.id());
        n.put("taker_order_id", t.takerOrderId());
        n.put("market", t.market());
        n.put("asset_id", t.assetId());
        n.put("side", t.side());
        n.put("size", VenueJson.plain(t.size()));
        n.put("fee_rate_bps", "0");
        n.put("price", VenueJson.plain(t.price()));
        n.put("status", "MATCHED");
        n.put("match_time", Long.toString(t.matchTime()));
        n.put("last_update", Long.toString(t.matchTime()));
        n.put("outcome", "");
        n.put("owner", t.owner());
        n.put("maker_address", t.makerAddress());
        n.put("transaction_hash", "0x" + "0".repeat(64));
        n.put("trader_side", t.traderSide());
        ArrayNode makers = n.putArray("maker_orders");
        for (ClobTrade.MakerPart m : t.makerOrders()) {
            makers.addObject().put("order_id", m.orderId()).put("owner", m.owner())
                    .put("maker_address", m.makerAddress()).put("matched_amount", VenueJson.plain(m.matchedAmount()))
                    .put("price", VenueJson.plain(m.price())).put("fee_rate_bps", "0").put("asset_id", m.assetId())
                    .put("outcome", "").put("side", m.side());
        }
        return n;
    }

    /** Cursor pagination as the CLOB does it: base64 of the offset, "MA==" first, "LTE=" after the last page. */
    private ClobResponse page(List<JsonNode> rows, String cursor) {
        int size = pageSize.getAsInt();
        int offset = 0;
        if (cursor != null && !cursor.isEmpty()) {
            try {
                offset = Integer.parseInt(new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                return json.error(400, "invalid next_cursor");
            }
        }
        if (offset < 0) {
            offset = rows.size();
        }
        int end = Math.min(rows.size(), offset + size);
        ObjectNode r = json.object();
        ArrayNode data = r.putArray("data");
        rows.subList(Math.min(offset, rows.size()), end).forEach(data::add);
        String next = end >= rows.size() ? "LTE=" : Base64.getEncoder().encodeToString(
                Integer.toString(end).getBytes(StandardCharsets.UTF_8));
        r.put("next_cursor", next);
        r.put("limit", size);
        r.put("count", data.size());
        return json.ok(r);
    }

    /**
     * A minimal {@code /book} for a venue run without the simulator's books: the market's rules and
     * the best level of each side (sizes are not tracked by {@link Liquidity}'s interface).
     */
    ClobResponse book(ClobMarket m) {
        Liquidity liquidity = state.liquidity;
        ObjectNode n = json.object();
        n.put("market", m.conditionId());
        n.put("asset_id", m.tokenId());
        n.put("timestamp", Long.toString(state.clock.millis()));
        ArrayNode bids = n.putArray("bids");
        BigDecimal bid = liquidity.bestBid(m.tokenId());
        if (bid != null) {
            bids.addObject().put("price", VenueJson.plain(bid))
                    .put("size", VenueJson.plain(liquidity.available(m.tokenId(), "SELL", bid)));
        }
        ArrayNode asks = n.putArray("asks");
        BigDecimal ask = liquidity.bestAsk(m.tokenId());
        if (ask != null) {
            asks.addObject().put("price", VenueJson.plain(ask))
                    .put("size", VenueJson.plain(liquidity.available(m.tokenId(), "BUY", ask)));
        }
        n.put("min_order_size", VenueJson.plain(m.minOrderSize()));
        n.put("tick_size", VenueJson.plain(m.tickSize()));
        n.put("neg_risk", m.negRisk());
        return json.ok(n);
    }
}
