package dev.polymaker.simulator.http;

import dev.polymaker.simulator.SimMarket;
import dev.polymaker.simulator.book.Exchange;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Polymarket's Gamma market lookup (protocol doc §4.2) for the simulated markets: {@code GET /markets/keyset}
 * answers {@code {"markets":[...]}} (the last page, so no {@code next_cursor}). A "v1" market lists its tokens in
 * {@code clobTokenIds} (JSON-encoded text); a "v2" market in {@code positionIds} (a real array) only, so a client
 * that ignores {@code version} does not find them. Assumed, not known: that Gamma's {@code clob_token_ids} filter
 * also matches a v2 market's position ids.
 */
public final class GammaRoutes {
    /** Gamma's keyset page limit. */
    static final int MAX_PAGE = 100;

    private final Exchange exchange;
    private final IntSupplier failureStatus;
    private final JsonMapper json = JsonMapper.builder().build();

    /** failureStatus: the HTTP status every route answers with instead (a fault), 0 to answer normally. */
    public GammaRoutes(Exchange exchange, IntSupplier failureStatus) {
        this.exchange = exchange;
        this.failureStatus = failureStatus;
    }

    public void register(SimHttpServer http) {
        http.route("GET", "/markets/keyset", request -> {
            int status = failureStatus.getAsInt();
            return status > 0 ? RouteResponse.error(status, "simulated failure (HTTP " + status + ")")
                    : keyset(request);
        });
    }

    /** clob_token_ids: one id or a comma-separated list; without it, the first page of every market. */
    private RouteResponse keyset(RouteRequest request) {
        Set<String> wanted = request.param("clob_token_ids")
                .map(ids -> Arrays.stream(ids.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                        .collect(Collectors.toSet()))
                .orElse(null);
        List<SimMarket> markets = exchange.markets().stream()
                .filter(m -> wanted == null || wanted.contains(m.yesTokenId()) || wanted.contains(m.noTokenId()))
                .limit(MAX_PAGE).toList();
        ObjectNode root = json.createObjectNode();
        ArrayNode out = root.putArray("markets");
        for (SimMarket m : markets) {
            ObjectNode node = out.addObject();
            node.put("id", Integer.toString(exchange.markets().indexOf(m) + 1))
                    .put("conditionId", m.conditionId())
                    .put("question", "Simulated market " + m.conditionId().substring(0, 10) + "?")
                    .put("version", m.version())
                    .put("outcomes", "[\"Yes\", \"No\"]")
                    .put("negRisk", m.negRisk())
                    .put("orderPriceMinTickSize", exchange.tickSize(m.yesTokenId()))
                    .put("enableOrderBook", true);
            // Resolved: closed with binary outcome prices; "active" lags, as on the real Gamma (protocol §9).
            String winner = exchange.winner(m.conditionId()).orElse(null);
            if (winner != null) {
                boolean yesWon = winner.equals(m.yesTokenId());
                node.put("active", true).put("closed", true).put("acceptingOrders", false)
                        .put("outcomePrices", yesWon ? "[\"1\", \"0\"]" : "[\"0\", \"1\"]");
            } else {
                node.put("active", true).put("closed", false).put("acceptingOrders", true)
                        .put("outcomePrices", outcomePrices(m));
            }
            if (m.protocolV2()) {
                node.putArray("positionIds").add(m.yesTokenId()).add(m.noTokenId());
            } else {
                node.put("clobTokenIds", "[\"" + m.yesTokenId() + "\", \"" + m.noTokenId() + "\"]");
            }
        }
        return RouteResponse.ok(json.writeValueAsString(root));
    }

    /** While trading: the YES mid (or last trade) and its complement, as Gamma's JSON-in-a-string. */
    private String outcomePrices(SimMarket m) {
        var book = exchange.book(m.yesTokenId());
        java.math.BigDecimal yes = book.bestBid() != null && book.bestAsk() != null
                ? book.bestBid().add(book.bestAsk()).divide(java.math.BigDecimal.valueOf(2))
                : book.lastTradePrice() != null ? book.lastTradePrice() : new java.math.BigDecimal("0.5");
        return "[\"" + yes.stripTrailingZeros().toPlainString() + "\", \""
                + java.math.BigDecimal.ONE.subtract(yes).stripTrailingZeros().toPlainString() + "\"]";
    }
}
