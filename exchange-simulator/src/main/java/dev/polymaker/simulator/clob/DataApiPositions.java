package dev.polymaker.simulator.clob;

import dev.polymaker.simulator.ExchangeSimulator;
import dev.polymaker.simulator.SimBook;
import dev.polymaker.simulator.SimMarket;
import dev.polymaker.simulator.http.RouteRequest;
import dev.polymaker.simulator.http.RouteResponse;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Polymarket's data API {@code GET /positions?user=&limit=&offset=} (polymarket-protocol.md §9)
 * computed from the venue's fills: for every token the account (the {@code maker}/funder address
 * of its orders) traded, shares bought less shares sold and the average price of what it holds.
 * Numbers are JSON numbers, as on the real API; positions of size zero are left out.
 */
final class DataApiPositions {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DataApiPositions() {
    }

    static RouteResponse serve(ClobVenue venue, ExchangeSimulator sim, RouteRequest request) {
        String user = request.requireParam("user");
        int limit = Integer.parseInt(request.param("limit").orElse("100"));
        int offset = Integer.parseInt(request.param("offset").orElse("0"));
        Map<String, BigDecimal[]> held = new LinkedHashMap<>(); // token -> {size, cost}
        for (ClobTrade trade : venue.trades()) {
            if (!user.equalsIgnoreCase(trade.makerAddress())) {
                continue;
            }
            String side = "TAKER".equals(trade.traderSide()) ? trade.side() : trade.makerOrders().get(0).side();
            BigDecimal price = "TAKER".equals(trade.traderSide()) ? trade.price() : trade.makerOrders().get(0).price();
            BigDecimal[] p = held.computeIfAbsent(trade.assetId(), id -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
            if ("BUY".equals(side)) {
                p[0] = p[0].add(trade.size());
                p[1] = p[1].add(trade.size().multiply(price));
            } else if (p[0].signum() > 0) {
                BigDecimal average = p[1].divide(p[0], MathContext.DECIMAL64);
                BigDecimal sold = trade.size().min(p[0]);
                p[0] = p[0].subtract(sold);
                p[1] = p[1].subtract(average.multiply(sold));
            }
        }
        ArrayNode out = JSON.createArrayNode();
        List<Map.Entry<String, BigDecimal[]>> rows = held.entrySet().stream().filter(e -> e.getValue()[0].signum() > 0)
                .toList();
        for (Map.Entry<String, BigDecimal[]> row : rows.subList(Math.min(offset, rows.size()),
                Math.min(rows.size(), offset + limit))) {
            String token = row.getKey();
            BigDecimal size = row.getValue()[0];
            BigDecimal average = row.getValue()[1].divide(size, MathContext.DECIMAL64);
            SimMarket market = sim.exchange().marketOf(token).orElse(null);
            SimBook book = market == null ? null : sim.exchange().book(token);
            BigDecimal current = book == null || book.bestBid() == null ? BigDecimal.ZERO : book.bestBid();
            ObjectNode n = out.addObject();
            n.put("proxyWallet", user).put("asset", token)
                    .put("conditionId", market == null ? "" : market.conditionId())
                    .put("size", size).put("avgPrice", average)
                    .put("initialValue", size.multiply(average)).put("currentValue", size.multiply(current))
                    .put("cashPnl", size.multiply(current.subtract(average))).put("percentPnl", 0)
                    .put("totalBought", size).put("realizedPnl", 0).put("curPrice", current)
                    .put("redeemable", false).put("mergeable", false)
                    .put("title", market == null ? "" : "Simulated market " + market.conditionId().substring(0, 10) + "?")
                    .put("slug", "").put("outcome", market != null && token.equals(market.yesTokenId()) ? "Yes" : "No")
                    .put("outcomeIndex", market != null && token.equals(market.yesTokenId()) ? 0 : 1);
        }
        return RouteResponse.ok(JSON.writeValueAsString(out));
    }
}
