package dev.polymaker.simulator;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/** What a correct client builds from the feed: books from snapshots and deltas, checked against best_bid/best_ask. */
final class ClientBooks {
    private final Map<String, TreeMap<BigDecimal, BigDecimal>> bids = new HashMap<>();
    private final Map<String, TreeMap<BigDecimal, BigDecimal>> asks = new HashMap<>();
    int priceChanges;
    int mismatches;

    void apply(JsonNode event) {
        String type = event.path("event_type").asString("");
        if (type.equals("book")) {
            String asset = event.get("asset_id").asString();
            bids.put(asset, levels(event.get("bids")));
            asks.put(asset, levels(event.get("asks")));
        } else if (type.equals("price_change")) {
            priceChanges++;
            for (JsonNode entry : event.get("price_changes").values()) {
                String asset = entry.get("asset_id").asString();
                TreeMap<BigDecimal, BigDecimal> side = entry.get("side").asString().equals("BUY")
                        ? bids.get(asset) : asks.get(asset);
                if (side == null) {
                    continue;
                }
                BigDecimal price = new BigDecimal(entry.get("price").asString());
                BigDecimal size = new BigDecimal(entry.get("size").asString());
                if (size.signum() == 0) {
                    side.remove(price);
                } else {
                    side.put(price, size);
                }
            }
            for (JsonNode entry : event.get("price_changes").values()) {
                String asset = entry.get("asset_id").asString();
                if (bids.containsKey(asset) && !topMatches(asset, entry)) {
                    mismatches++;
                }
            }
        }
    }

    private boolean topMatches(String asset, JsonNode entry) {
        TreeMap<BigDecimal, BigDecimal> b = bids.get(asset);
        TreeMap<BigDecimal, BigDecimal> a = asks.get(asset);
        BigDecimal bestBid = b.isEmpty() ? BigDecimal.ZERO : b.lastKey();
        BigDecimal bestAsk = a.isEmpty() ? BigDecimal.ONE : a.firstKey();
        return bestBid.compareTo(new BigDecimal(entry.get("best_bid").asString())) == 0
                && bestAsk.compareTo(new BigDecimal(entry.get("best_ask").asString())) == 0;
    }

    BigDecimal bestBid(String asset) {
        TreeMap<BigDecimal, BigDecimal> b = bids.get(asset);
        return b == null || b.isEmpty() ? null : b.lastKey();
    }

    BigDecimal bestAsk(String asset) {
        TreeMap<BigDecimal, BigDecimal> a = asks.get(asset);
        return a == null || a.isEmpty() ? null : a.firstKey();
    }

    private static TreeMap<BigDecimal, BigDecimal> levels(JsonNode array) {
        TreeMap<BigDecimal, BigDecimal> out = new TreeMap<>();
        for (JsonNode level : array.values()) {
            BigDecimal size = new BigDecimal(level.get("size").asString());
            if (size.signum() != 0) {
                out.put(new BigDecimal(level.get("price").asString()), size);
            }
        }
        return out;
    }
}
