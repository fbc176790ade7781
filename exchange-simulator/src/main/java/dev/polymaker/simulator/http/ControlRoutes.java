package dev.polymaker.simulator.http;

import dev.polymaker.simulator.ConnectionInfo;
import dev.polymaker.simulator.ExchangeSimulator;
import dev.polymaker.simulator.Faults;
import dev.polymaker.simulator.SimMarket;
import dev.polymaker.simulator.SimSide;
import dev.polymaker.simulator.book.WireJson;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;

/** The /control routes: switch faults, drive the books and inspect connections over HTTP (see README). */
public final class ControlRoutes {
    private final ExchangeSimulator sim;

    public ControlRoutes(ExchangeSimulator sim) {
        this.sim = sim;
    }

    public void register(SimHttpServer http) {
        Faults faults = sim.faults();
        http.route("GET", "/control/faults", r -> RouteResponse.ok(faults.toJson()))
                .route("POST", "/control/faults/reset", r -> done(faults::reset))
                .route("POST", "/control/faults/freeze", r -> done(() -> faults.freeze(on(r))))
                .route("POST", "/control/faults/bookless-resubscribe",
                        r -> done(() -> faults.booklessResubscribe(on(r))))
                .route("POST", "/control/faults/drop", r -> done(faults::dropAllConnections))
                .route("POST", "/control/faults/close", r -> done(() -> faults.closeAllConnections(
                        intParam(r, "code", 1001), r.param("reason").orElse("closed by simulator"))))
                .route("POST", "/control/faults/refuse", r -> done(() -> {
                    if (on(r)) {
                        faults.refuseConnections(intParam(r, "status", 429));
                    } else {
                        faults.acceptConnections();
                    }
                }))
                .route("POST", "/control/faults/accept-then-close", r -> done(() -> faults.acceptThenClose(on(r))))
                .route("POST", "/control/faults/raw", r -> done(() -> faults.sendRaw(rawText(r))))
                .route("POST", "/control/faults/stall", r -> done(() ->
                        faults.stallToken(knownToken(r), on(r))))
                .route("POST", "/control/faults/drop-updates", r -> done(() ->
                        faults.dropUpdates(knownToken(r), intParam(r, "n", 1))))
                .route("POST", "/control/faults/delay", r -> done(() ->
                        faults.delayFrames(Duration.ofMillis(intParam(r, "ms", 0)))))
                .route("POST", "/control/faults/rest", r -> done(() -> faults.failRest(on(r)
                        ? intParam(r, "status", 503) : 0)))
                .route("GET", "/control/markets", r -> RouteResponse.ok(markets()))
                .route("GET", "/control/connections", r -> RouteResponse.ok(connections()))
                .route("POST", "/control/generator", r -> done(() -> sim.startGenerator(
                        Double.parseDouble(r.requireParam("rate")))))
                .route("POST", "/control/step", r -> done(() -> sim.step(intParam(r, "n", 1))))
                .route("POST", "/control/level", r -> done(() -> sim.setLevel(knownToken(r), side(r, "side"),
                        decimal(r, "price"), decimal(r, "size"))))
                .route("POST", "/control/trade", r -> done(() -> sim.trade(knownToken(r), decimal(r, "price"),
                        decimal(r, "size"), side(r, "side"))))
                .route("POST", "/control/tick-size", r -> done(() -> sim.setTickSize(knownToken(r),
                        decimal(r, "tick"))))
                .route("POST", "/control/sweep", r -> done(() -> sim.sweep(knownToken(r), side(r, "side"),
                        decimal(r, "price"), decimal(r, "size"))))
                .route("POST", "/control/resolve", r -> done(() -> {
                    String winner = knownToken(r);
                    sim.resolve(sim.market(winner).conditionId(), winner);
                }))
                .route("POST", "/control/new-market", r -> done(() -> sim.announceNewMarket(
                        r.param("question").orElse("Will a new market be listed?"))));
    }

    private static RouteResponse done(Runnable action) {
        action.run();
        return RouteResponse.ok("{\"ok\":true}");
    }

    private static boolean on(RouteRequest request) {
        String value = request.param("on").orElse("true").toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true", "1", "on", "yes" -> true;
            case "false", "0", "off", "no" -> false;
            default -> throw new IllegalArgumentException("on must be true or false, got " + value);
        };
    }

    private static int intParam(RouteRequest request, String name, int fallback) {
        String value = request.param(name).orElse(null);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, got " + value);
        }
    }

    private static BigDecimal decimal(RouteRequest request, String name) {
        String value = request.requireParam(name);
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a decimal number, got " + value);
        }
    }

    private static SimSide side(RouteRequest request, String name) {
        String value = request.requireParam(name).toUpperCase(Locale.ROOT);
        try {
            return SimSide.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " must be BUY or SELL, got " + value);
        }
    }

    private String knownToken(RouteRequest request) {
        String token = request.requireParam("token_id");
        sim.market(token);
        return token;
    }

    /** The body as-is, or a canned fault: kind=garbage (not JSON) or kind=truncated (cut-off JSON). */
    private static String rawText(RouteRequest request) {
        String kind = request.param("kind").orElse("");
        return switch (kind) {
            case "garbage" -> "\u0000garbage{{not json";
            case "truncated" -> "{\"event_type\":\"price_change\",\"market\":\"0x12\",\"price_changes\":[{\"asset_id\":\"";
            case "" -> {
                if (request.body().isEmpty()) {
                    throw new IllegalArgumentException("give a body or kind=garbage|truncated");
                }
                yield request.body();
            }
            default -> throw new IllegalArgumentException("kind must be garbage or truncated, got " + kind);
        };
    }

    private String markets() {
        StringBuilder out = new StringBuilder("[");
        boolean first = true;
        for (SimMarket market : sim.markets()) {
            out.append(first ? "" : ",");
            first = false;
            out.append("{\"condition_id\":\"").append(market.conditionId())
                    .append("\",\"yes_token_id\":\"").append(market.yesTokenId())
                    .append("\",\"no_token_id\":\"").append(market.noTokenId())
                    .append("\",\"tick_size\":\"").append(WireJson.number(sim.book(market.yesTokenId()).tickSize()))
                    .append("\",\"neg_risk\":").append(market.negRisk()).append('}');
        }
        return out.append(']').toString();
    }

    private String connections() {
        StringBuilder out = new StringBuilder("{\"attempts\":").append(sim.connectionAttempts())
                .append(",\"open\":[");
        boolean first = true;
        for (ConnectionInfo info : sim.connections()) {
            out.append(first ? "" : ",");
            first = false;
            out.append("{\"id\":").append(info.id())
                    .append(",\"opened_at\":\"").append(info.openedAt())
                    .append("\",\"subscribed\":").append(info.subscribed())
                    .append(",\"custom_feature_enabled\":").append(info.customFeatureEnabled())
                    .append(",\"tokens\":").append(info.subscribedTokens().size())
                    .append(",\"frames_received\":").append(info.received().size()).append('}');
        }
        return out.append("]}").toString();
    }
}
