package dev.polymaker.polymarket.order;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The CLOB's JSON shapes: the V2 order body out, placements, open orders, trades and API keys in. */
final class ClobWire {

    static final String ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";

    private ClobWire() {
    }

    static ClobException unexpected(String call, String message) {
        return new ClobException.Rejected(call, 0, "unexpected answer: " + message);
    }


    /** The V2 body (clob-client-v2 {@code orderToJsonV2}); {@code salt} is a JSON number. */
    static ObjectNode orderBody(JsonMapper json, OrderPost post, String owner) {
        SignedOrder s = post.order();
        OrderStruct o = s.order();
        ObjectNode root = json.createObjectNode();
        ObjectNode order = root.putObject("order");
        order.put("salt", o.salt());
        order.put("maker", o.maker());
        order.put("signer", o.signer());
        order.put("taker", ZERO_ADDRESS);
        order.put("tokenId", o.tokenId());
        order.put("makerAmount", o.makerAmount().toString());
        order.put("takerAmount", o.takerAmount().toString());
        order.put("side", o.side().name());
        order.put("signatureType", o.signatureType().code());
        order.put("timestamp", Long.toString(o.timestamp()));
        order.put("expiration", Long.toString(s.expiration()));
        order.put("metadata", o.metadata());
        order.put("builder", o.builder());
        order.put("signature", s.signature());
        root.put("owner", owner);
        root.put("orderType", post.type().name());
        root.put("postOnly", post.postOnly());
        root.put("deferExec", false);
        return root;
    }

    static OrderPlacement placement(JsonNode n, boolean reconciled) {
        List<String> trades = new ArrayList<>();
        n.path("tradeIDs").forEach(t -> trades.add(t.asString()));
        List<String> txs = new ArrayList<>();
        n.path("transactionsHashes").forEach(t -> txs.add(t.asString()));
        return new OrderPlacement(n.path("success").asBoolean(false), n.path("errorMsg").asString(""),
                n.path("orderID").asString(""), n.path("status").asString(""), optDecimal(n.path("makingAmount")),
                optDecimal(n.path("takingAmount")), trades, txs, reconciled);
    }

    static OpenOrder openOrder(JsonNode n) {
        List<String> trades = new ArrayList<>();
        n.path("associate_trades").forEach(t -> trades.add(t.asString()));
        return new OpenOrder(n.path("id").asString(""), n.path("status").asString(""), n.path("owner").asString(""),
                n.path("maker_address").asString(""), n.path("market").asString(""),
                n.path("asset_id").asString(""), side(n.path("side")), decimal(n.path("original_size")),
                decimal(n.path("size_matched")), decimal(n.path("price")), n.path("order_type").asString(""),
                longValue(n.path("created_at")), longValue(n.path("expiration")), trades);
    }

    static Trade trade(JsonNode n) {
        List<Trade.MakerFill> makers = new ArrayList<>();
        n.path("maker_orders").forEach(m -> makers.add(new Trade.MakerFill(m.path("order_id").asString(""),
                m.path("owner").asString(""), m.path("maker_address").asString(""),
                decimal(m.path("matched_amount")), decimal(m.path("price")), m.path("asset_id").asString(""),
                m.path("side").isMissingNode() ? null : side(m.path("side")))));
        return new Trade(n.path("id").asString(""), n.path("taker_order_id").asString(""),
                n.path("market").asString(""), n.path("asset_id").asString(""), side(n.path("side")),
                decimal(n.path("size")), decimal(n.path("price")), n.path("status").asString(""),
                longValue(n.path("match_time")), n.path("trader_side").asString(""), n.path("owner").asString(""),
                makers);
    }

    static ApiCredentials credentials(JsonNode n) {
        String apiKey = n.path("apiKey").asString("");
        if (apiKey.isEmpty()) {
            throw unexpected("api key", "no apiKey in the answer");
        }
        return new ApiCredentials(apiKey, n.path("secret").asString(""), n.path("passphrase").asString(""));
    }

    private static OrderSide side(JsonNode n) {
        String s = n.asString("").toUpperCase(Locale.ROOT);
        return switch (s) {
            case "BUY" -> OrderSide.BUY;
            case "SELL" -> OrderSide.SELL;
            default -> throw unexpected("response", "unknown side '" + s + "'");
        };
    }

    static BigDecimal decimal(JsonNode n) {
        if (n.isString()) {
            try {
                return new BigDecimal(n.asString().trim());
            } catch (NumberFormatException e) {
                throw unexpected("response", "not a decimal: '" + n.asString() + "'");
            }
        }
        if (n.isNumber()) {
            return n.decimalValue();
        }
        throw unexpected("response", "missing decimal field");
    }

    private static BigDecimal optDecimal(JsonNode n) {
        return (n.isString() && !n.asString().isBlank()) || n.isNumber() ? decimal(n) : null;
    }

    private static long longValue(JsonNode n) {
        if (n.isNumber()) {
            return n.asLong();
        }
        String s = n.asString("").trim();
        try {
            return s.isEmpty() ? 0 : Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw unexpected("response", "not an integer: '" + s + "'");
        }
    }
}
