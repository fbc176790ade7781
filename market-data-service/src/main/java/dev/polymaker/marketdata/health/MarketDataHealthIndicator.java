package dev.polymaker.marketdata.health;

import dev.polymaker.marketdata.config.MarketDataProperties;
import dev.polymaker.marketdata.demand.TokenDemand;
import dev.polymaker.marketdata.api.tokens.TokenFileStatus;
import dev.polymaker.marketdata.api.tokens.TokenFileWatcher;
import dev.polymaker.marketdata.sequencing.Epoch;
import dev.polymaker.marketdata.stomp.BrokerAvailability;
import dev.polymaker.marketdata.upstream.UpstreamMonitor;
import dev.polymaker.polymarket.upstream.PoolStatus;
import dev.polymaker.polymarket.upstream.TokenState;
import dev.polymaker.polymarket.upstream.TokenStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Health component {@code marketData}: token counts per state, and the ids of tokens pending
 * longer than the first-book timeout, desynced or failed (at most 50 of each), plus the token
 * file's status and whether the STOMP broker is available. Always UP: per-token problems are data
 * for consumers and operators, not a reason to take the whole service out of rotation (that is
 * {@code upstream}'s job).
 */
@Component
public class MarketDataHealthIndicator extends AbstractHealthIndicator {

    private static final int MAX_IDS = 50;

    private final UpstreamMonitor monitor;
    private final TokenDemand demand;
    private final ObjectProvider<TokenFileWatcher> tokenFile;
    private final BrokerAvailability broker;
    private final Epoch epoch;
    private final Clock clock;
    private final long pendingTooLongMs;

    public MarketDataHealthIndicator(UpstreamMonitor monitor, TokenDemand demand, ObjectProvider<TokenFileWatcher> tokenFile,
                                     BrokerAvailability broker, Epoch epoch, Clock clock, MarketDataProperties props) {
        super("market data health check failed");
        this.monitor = monitor;
        this.demand = demand;
        this.tokenFile = tokenFile;
        this.broker = broker;
        this.epoch = epoch;
        this.clock = clock;
        this.pendingTooLongMs = props.getUpstream().getFirstBookTimeout().toMillis();
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        PoolStatus status = monitor.refresh();
        long now = clock.millis();
        Map<TokenState, Integer> counts = new EnumMap<>(TokenState.class);
        for (TokenState state : TokenState.values()) {
            counts.put(state, 0);
        }
        List<String> pendingTooLong = new ArrayList<>();
        List<String> desynced = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (TokenStatus token : status.tokens().values()) {
            counts.merge(token.state(), 1, Integer::sum);
            switch (token.state()) {
                case PENDING -> {
                    if (now - token.stateSince() > pendingTooLongMs) {
                        add(pendingTooLong, token.tokenId());
                    }
                }
                case DESYNCED -> add(desynced, token.tokenId());
                case FAILED -> add(failed, token.tokenId());
                default -> {
                }
            }
        }
        builder.up()
                .withDetail("epoch", epoch.value())
                .withDetail("tokens", status.tokens().size())
                .withDetail("demanded", demand.size())
                .withDetail("maxTokens", demand.maxTokens())
                .withDetail("states", counts)
                .withDetail("pendingTooLong", pendingTooLong)
                .withDetail("desynced", desynced)
                .withDetail("failed", failed)
                .withDetail("broker", Map.of("mode", broker.mode(), "available", broker.available()));
        TokenFileWatcher watcher = tokenFile.getIfAvailable();
        if (watcher != null) {
            TokenFileStatus file = watcher.status();
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("path", file.path());
            detail.put("tokens", file.tokens());
            detail.put("lastLoaded", file.lastLoaded());
            detail.put("errors", file.errors());
            if (file.lastError() != null) {
                detail.put("lastError", file.lastError());
            }
            builder.withDetail("tokenFile", detail);
        }
    }

    private static void add(List<String> ids, String id) {
        if (ids.size() < MAX_IDS) {
            ids.add(id);
        }
    }
}
