package dev.polymaker.trading.web;

import dev.polymaker.trading.positions.PositionReconciler;
import dev.polymaker.marketdata.api.stream.FeedLiveness;
import dev.polymaker.trading.config.TradingProperties;
import dev.polymaker.trading.config.TradingSystem;
import dev.polymaker.trading.feed.MarketDataFeed;
import dev.polymaker.trading.feed.TokenFeedView;
import dev.polymaker.trading.orders.OrderView;
import dev.polymaker.trading.orders.PositionView;
import dev.polymaker.trading.strategy.StrategyView;
import dev.polymaker.trading.tokens.TokenRegistry;
import dev.polymaker.trading.tokens.TokenSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The trading REST API: status and orders for anyone, halt/resume and token changes for the admin. */
@RestController
@RequestMapping("/api")
public class TradingApiController {

    private final TradingSystem system;
    private final TradingProperties props;

    public TradingApiController(TradingSystem system, TradingProperties props) {
        this.system = system;
        this.props = props;
    }

    @GetMapping("/status")
    public StatusResponse status() {
        MarketDataFeed feed = system.feed();
        Map<String, TokenFeedView> feedViews = feed.tokens();
        Map<String, StrategyView> strategies = system.dispatcher().views();
        Map<String, PositionView> positions = system.portfolio().all();
        Map<String, StatusResponse.TokenStatus> tokens = new TreeMap<>();
        BigDecimal unrealised = BigDecimal.ZERO;
        for (String id : system.registry().ids()) {
            TokenFeedView v = feedViews.get(id);
            PositionView p = positions.get(id);
            List<String> sources = system.registry().sources(id).stream().map(Enum::name).sorted().toList();
            BigDecimal tokenUnrealised = p == null ? BigDecimal.ZERO
                    : StatusResponse.TokenStatus.unrealised(p.size(), p.averageCost(), v == null ? null : v.bestBid());
            unrealised = tokenUnrealised == null || unrealised == null ? null : unrealised.add(tokenUnrealised);
            tokens.put(id, new StatusResponse.TokenStatus(id, sources, v == null ? "UNKNOWN" : v.state(),
                    v == null ? null : v.source(), v == null ? null : v.epoch(), v == null ? 0 : v.seq(),
                    v == null ? -1 : v.ageMs(), v != null && v.tradable(), v == null ? null : v.reason(),
                    v == null ? null : v.bestBid(), v == null ? null : v.bestAsk(),
                    v == null ? null : v.lastTradePrice(), p == null ? BigDecimal.ZERO : p.size(),
                    p == null ? null : p.averageCost(), p == null ? BigDecimal.ZERO : p.realisedPnl(),
                    strategies.get(id), tokenUnrealised, v == null ? null : v.fedEpoch(), v == null ? 0 : v.fedSeq(),
                    v == null ? 0 : v.fedExchangeTime()));
        }
        String followed = feed.activeReplica();
        List<StatusResponse.Shared> replicas = feed.replicaViews().stream().map(r -> {
            FeedLiveness live = r.liveness();
            return new StatusResponse.Shared(r.name(), r.url().toString(), r.active(), r.healthy(), live.connected(),
                    live.lastFeedStatusTime(), live.lastStatus() == null ? "UNKNOWN" : live.upstream().name(),
                    r.problem());
        }).toList();
        StatusResponse.Shared shared = replicas.stream().filter(r -> r.replica().equals(followed)).findFirst()
                .orElse(replicas.get(0));
        StatusResponse.TokenFile file = system.tokenFile() == null ? null
                : new StatusResponse.TokenFile(system.tokenFile().file().toString(), system.tokenFile().current().size(),
                system.tokenFile().lastError());
        return new StatusResponse(feed.mode().name(), feed.source(), feed.lastSwitchReason(), feed.lastSwitchTime(),
                system.dispatcher().halted(), system.dispatcher().haltReason(),
                props.getOrders().getMode().name().toLowerCase(Locale.ROOT), shared, replicas, feed.directRunning(),
                feed.directEpoch().orElse(null), tokens, positions, system.portfolio().totalRealised(),
                system.gateway().openOrders().size(), file, account(), unrealised);
    }

    private StatusResponse.Account account() {
        PositionReconciler reconciler = system.reconciler();
        return reconciler == null ? null : new StatusResponse.Account(reconciler.lastRead(), reconciler.lastReadAt(),
                reconciler.lastError());
    }

    @GetMapping("/orders")
    public List<OrderView> orders(@RequestParam(name = "open", defaultValue = "false") boolean open) {
        return open ? system.gateway().openOrders() : system.gateway().orders();
    }

    @PostMapping("/halt")
    public Map<String, Object> halt(@RequestParam(name = "reason", defaultValue = "operator halt") String reason) {
        system.halt(reason);
        return haltState();
    }

    @PostMapping("/resume")
    public Map<String, Object> resume() {
        system.resume();
        return haltState();
    }

    @PutMapping("/tokens/{tokenId}")
    public ResponseEntity<Map<String, Object>> addToken(@PathVariable String tokenId) {
        TokenRegistry.requireValid(tokenId);
        boolean created = system.addToken(tokenId, TokenSource.API);
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(tokenState(tokenId, created));
    }

    @DeleteMapping("/tokens/{tokenId}")
    public Map<String, Object> removeToken(@PathVariable String tokenId) {
        TokenRegistry.requireValid(tokenId);
        if (system.registry().owner(tokenId).isEmpty()) {
            throw new ApiErrors.NotFoundException("token " + tokenId + " is not traded here");
        }
        boolean removed = system.removeToken(tokenId, TokenSource.API);
        Map<String, Object> body = tokenState(tokenId, false);
        body.put("removed", removed);
        if (!removed) {
            body.put("message", "still wanted by " + system.registry().sources(tokenId));
        }
        return body;
    }

    private Map<String, Object> tokenState(String tokenId, boolean created) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tokenId", tokenId);
        body.put("created", created);
        body.put("sources", system.registry().sources(tokenId).stream().map(Enum::name).sorted().toList());
        return body;
    }

    private Map<String, Object> haltState() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("halted", system.dispatcher().halted());
        body.put("reason", system.dispatcher().haltReason());
        return body;
    }
}
