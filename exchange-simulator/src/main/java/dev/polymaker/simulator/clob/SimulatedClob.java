package dev.polymaker.simulator.clob;

import dev.polymaker.simulator.ExchangeSimulator;
import dev.polymaker.simulator.SimBook;
import dev.polymaker.simulator.http.RouteRequest;
import dev.polymaker.simulator.http.RouteResponse;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * Mounts the simulated CLOB trading API on a running {@link ExchangeSimulator}: orders trade
 * against the simulator's books, and {@code /control/clob/*} routes register credentials and
 * script faults for demos and black-box tests.
 */
public final class SimulatedClob {

    /** The trading routes served by {@link ClobVenue} (public market-data routes stay the simulator's). */
    static final List<String[]> ROUTES = List.of(
            new String[] {"GET", "/version"},
            new String[] {"POST", "/auth/api-key"},
            new String[] {"GET", "/auth/derive-api-key"},
            new String[] {"POST", "/order"},
            new String[] {"POST", "/orders"},
            new String[] {"DELETE", "/order"},
            new String[] {"DELETE", "/orders"},
            new String[] {"DELETE", "/cancel-all"},
            new String[] {"DELETE", "/cancel-market-orders"},
            new String[] {"GET", "/data/orders"},
            new String[] {"GET", "/data/trades"},
            new String[] {"POST", "/v1/heartbeats"},
            new String[] {"GET", "/v1/user/rate-limit-tier"});

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SimulatedClob() {
    }

    /**
     * Creates the venue over the simulator's books (every token listed; orders of "v2" markets verified on the
     * ExchangeV3 domain "3", the others on CTF Exchange V2's "2"), mounts its
     * routes and closes it with the simulator.
     */
    public static ClobVenue attach(ExchangeSimulator sim, Duration heartbeatTimeout) {
        ClobVenue venue = new ClobVenue(new ExchangeLiquidity(sim.exchange()), sim.config().clock(), heartbeatTimeout);
        venue.marketLookup(tokenId -> sim.exchange().marketOf(tokenId).map(m -> {
            SimBook book = sim.exchange().book(tokenId);
            return new ClobMarket(tokenId, m.conditionId(), book.tickSize(), book.minOrderSize(), m.negRisk(),
                    m.protocolV2() ? "3" : "2");
        }));
        for (String[] route : ROUTES) {
            sim.http().route(route[0], route[1], r -> serve(venue, r));
        }
        // The data API (data-api.polymarket.com) on the same port: the account's positions from its fills.
        sim.http().route("GET", "/positions", r -> DataApiPositions.serve(venue, sim, r));
        sim.http().route("POST", "/control/clob/credentials", r -> {
            JsonNode b = JSON.readTree(r.body());
            venue.registerCredentials(new ClobCredential(text(b, "address"), text(b, "apiKey"), text(b, "secret"),
                    text(b, "passphrase")));
            return RouteResponse.ok("{\"ok\":true}");
        });
        sim.http().route("POST", "/control/clob/geoblock", r -> {
            venue.faults().geoblock(Boolean.parseBoolean(r.param("on").orElse("true")));
            return RouteResponse.ok("{\"ok\":true}");
        });
        sim.http().route("POST", "/control/clob/fail", r -> {
            venue.faults().failNext(r.requireParam("method"), r.requireParam("path"),
                    Integer.parseInt(r.requireParam("status")), Integer.parseInt(r.param("times").orElse("1")));
            return RouteResponse.ok("{\"ok\":true}");
        });
        sim.http().route("POST", "/control/clob/answer-late", r -> {
            venue.faults().answerLate(r.requireParam("method"), r.requireParam("path"),
                    Duration.ofMillis(Long.parseLong(r.requireParam("ms"))), Integer.parseInt(r.param("times").orElse("1")));
            return RouteResponse.ok("{\"ok\":true}");
        });
        // Rate limits per signing address: on with ordersPerSecond, orderBurst, cancelsPerSecond, cancelBurst; on=false: off.
        sim.http().route("POST", "/control/clob/rate-limits", r -> {
            if (!Boolean.parseBoolean(r.param("on").orElse("true"))) {
                venue.rateLimitsOff();
            } else {
                venue.rateLimits(Double.parseDouble(r.param("ordersPerSecond").orElse("40")),
                        Integer.parseInt(r.param("orderBurst").orElse("60")),
                        Double.parseDouble(r.param("cancelsPerSecond").orElse("80")),
                        Integer.parseInt(r.param("cancelBurst").orElse("120")));
            }
            return RouteResponse.ok("{\"ok\":true}");
        });
        sim.http().route("POST", "/control/clob/reset", r -> {
            venue.faults().clear();
            return RouteResponse.ok("{\"ok\":true}");
        });
        sim.http().route("GET", "/control/clob/orders", r -> {
            ArrayNode out = JSON.createArrayNode();
            for (ClobOrder o : venue.orders()) {
                out.addObject().put("id", o.id()).put("owner", o.owner()).put("tokenId", o.tokenId())
                        .put("side", o.side()).put("price", plain(o.price())).put("originalSize", plain(o.originalSize()))
                        .put("sizeMatched", plain(o.sizeMatched())).put("orderType", o.orderType())
                        .put("status", o.status()).put("cancelReason", o.cancelReason());
            }
            return RouteResponse.ok(JSON.writeValueAsString(out));
        });
        sim.onClose(venue);
        return venue;
    }

    static RouteResponse serve(ClobVenue venue, RouteRequest r) throws InterruptedException {
        Map<String, String> headers = new LinkedHashMap<>();
        r.headers().forEach((k, v) -> {
            if (!v.isEmpty()) {
                headers.put(k, v.get(0));
            }
        });
        ClobResponse response = venue.handle(new ClobRequest(r.method(), r.path(), r.query(), headers, r.body()));
        if (response.delayMillis() > 0) {
            // A simulated lost answer: the request was (or was not) processed, the reply comes late.
            Thread.sleep(response.delayMillis());
        }
        return new RouteResponse(response.status(), response.body(), response.contentType(), response.headers());
    }

    private static String text(JsonNode b, String field) {
        String v = b.path(field).asString("");
        if (v.isBlank()) {
            throw new IllegalArgumentException("missing " + field);
        }
        return v;
    }

    private static String plain(BigDecimal d) {
        return d.stripTrailingZeros().toPlainString();
    }

}
