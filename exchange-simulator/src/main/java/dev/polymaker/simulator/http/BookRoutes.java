package dev.polymaker.simulator.http;

import dev.polymaker.simulator.SimBook;
import dev.polymaker.simulator.SimMarket;
import dev.polymaker.simulator.book.Exchange;
import dev.polymaker.simulator.book.WireJson;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** Polymarket's public CLOB market-data REST routes (protocol doc §4.1), served from the same state as the WS. */
public final class BookRoutes {
    static final String NO_BOOK = "No orderbook exists for the requested token id";
    static final int MAX_BATCH = 500;

    private final Exchange exchange;
    private final Clock clock;
    private final IntSupplier failureStatus;
    private final Predicate<String> stalled;
    private final ObjectMapper json = JsonMapper.builder().build();

    /**
     * failureStatus: the HTTP status every route answers with instead (a fault), 0 to answer normally; stalled:
     * tokens the exchange cannot serve at all (the stall fault): 503 on GET /book, left out of POST /books.
     */
    public BookRoutes(Exchange exchange, Clock clock, IntSupplier failureStatus, Predicate<String> stalled) {
        this.exchange = exchange;
        this.clock = clock;
        this.failureStatus = failureStatus;
        this.stalled = stalled;
    }

    private RouteHandler guarded(RouteHandler handler) {
        return request -> {
            int status = failureStatus.getAsInt();
            return status > 0 ? RouteResponse.error(status, "simulated failure (HTTP " + status + ")")
                    : handler.handle(request);
        };
    }

    public void register(SimHttpServer http) {
        http.route("GET", "/book", guarded(this::book))
                .route("POST", "/books", guarded(this::books))
                .route("GET", "/tick-size", guarded(this::tickSize))
                .route("GET", "/neg-risk", guarded(this::negRisk))
                .route("GET", "/price", guarded(this::price))
                .route("GET", "/midpoint", guarded(this::midpoint))
                .route("GET", "/spread", guarded(this::spread))
                .route("GET", "/ok", guarded(r -> RouteResponse.ok("\"OK\"")))
                .route("GET", "/time", guarded(r -> RouteResponse.ok(Long.toString(clock.millis() / 1000))));
    }

    private RouteResponse book(RouteRequest request) {
        String tokenId = request.requireParam("token_id");
        if (stalled.test(tokenId)) {
            return RouteResponse.error(503, "simulated failure: token stalled");
        }
        return exchange.restBook(tokenId).map(RouteResponse::ok)
                .orElseGet(() -> RouteResponse.error(404, NO_BOOK));
    }

    private RouteResponse books(RouteRequest request) {
        JsonNode body;
        try {
            body = json.readTree(request.body());
        } catch (JacksonException e) {
            throw new IllegalArgumentException("body must be a JSON array of {\"token_id\": ...}");
        }
        if (body == null || !body.isArray()) {
            throw new IllegalArgumentException("body must be a JSON array of {\"token_id\": ...}");
        }
        if (body.size() > MAX_BATCH) {
            throw new IllegalArgumentException("at most " + MAX_BATCH + " token ids per request, got " + body.size());
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : body.values()) {
            JsonNode id = item.get("token_id");
            if (id == null || !id.isString()) {
                throw new IllegalArgumentException("every element needs a string token_id");
            }
            if (!stalled.test(id.stringValue())) {
                exchange.restBook(id.stringValue()).ifPresent(out::add);
            }
        }
        return RouteResponse.ok("[" + String.join(",", out) + "]");
    }

    private RouteResponse tickSize(RouteRequest request) {
        return known(request).map(book -> RouteResponse.ok("{\"minimum_tick_size\":"
                + WireJson.number(book.tickSize()) + "}")).orElseGet(() -> RouteResponse.error(404, NO_BOOK));
    }

    private RouteResponse negRisk(RouteRequest request) {
        String tokenId = request.requireParam("token_id");
        Optional<SimMarket> market = exchange.marketOf(tokenId);
        return market.map(m -> RouteResponse.ok("{\"neg_risk\":" + m.negRisk() + "}"))
                .orElseGet(() -> RouteResponse.error(404, NO_BOOK));
    }

    /** side=BUY gives the best ask (what a buyer pays), SELL the best bid, as the docs describe. */
    private RouteResponse price(RouteRequest request) {
        String side = request.requireParam("side").toUpperCase(java.util.Locale.ROOT);
        if (!side.equals("BUY") && !side.equals("SELL")) {
            throw new IllegalArgumentException("side must be BUY or SELL");
        }
        return known(request).map(book -> {
            BigDecimal price = side.equals("BUY") ? book.bestAsk() : book.bestBid();
            return RouteResponse.ok("{\"price\":\"" + (price == null ? "0" : WireJson.number(price)) + "\"}");
        }).orElseGet(() -> RouteResponse.error(404, NO_BOOK));
    }

    private RouteResponse midpoint(RouteRequest request) {
        return known(request).map(book -> {
            if (book.bestBid() == null || book.bestAsk() == null) {
                return RouteResponse.error(404, "No orderbook exists for the requested token id");
            }
            BigDecimal mid = book.bestBid().add(book.bestAsk()).divide(BigDecimal.valueOf(2));
            return RouteResponse.ok("{\"mid\":\"" + WireJson.number(mid) + "\"}");
        }).orElseGet(() -> RouteResponse.error(404, NO_BOOK));
    }

    private RouteResponse spread(RouteRequest request) {
        return known(request).map(book -> {
            BigDecimal spread = book.bestBid() == null || book.bestAsk() == null
                    ? BigDecimal.ZERO : book.bestAsk().subtract(book.bestBid());
            return RouteResponse.ok("{\"spread\":\"" + WireJson.number(spread) + "\"}");
        }).orElseGet(() -> RouteResponse.error(404, NO_BOOK));
    }

    private Optional<SimBook> known(RouteRequest request) {
        String tokenId = request.requireParam("token_id");
        return exchange.knows(tokenId) ? Optional.of(exchange.book(tokenId)) : Optional.empty();
    }
}
