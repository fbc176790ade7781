package dev.polymaker.trading.health;

import dev.polymaker.marketdata.api.stream.FeedLiveness;
import dev.polymaker.trading.config.TradingSystem;
import dev.polymaker.trading.feed.FeedMode;
import dev.polymaker.trading.feed.MarketDataFeed;
import dev.polymaker.trading.feed.TokenFeedView;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/** Health component {@code marketData}: DOWN in mode NONE (nothing to trade on), with per-token detail. */
@Component
public class MarketDataHealthIndicator implements HealthIndicator {

    private final TradingSystem system;

    public MarketDataHealthIndicator(TradingSystem system) {
        this.system = system;
    }

    @Override
    public Health health() {
        MarketDataFeed feed = system.feed();
        FeedMode mode = feed.mode();
        Health.Builder b = mode == FeedMode.NONE ? Health.down() : Health.up();
        b.withDetail("mode", mode.name());
        b.withDetail("reason", feed.lastSwitchReason());
        b.withDetail("modeSince", feed.lastSwitchTime());
        FeedLiveness shared = feed.sharedLiveness();
        Map<String, Object> sharedDetail = new LinkedHashMap<>();
        sharedDetail.put("connected", shared.connected());
        sharedDetail.put("lastFeedStatusTime", shared.lastFeedStatusTime());
        sharedDetail.put("upstream", shared.lastStatus() == null ? "UNKNOWN" : shared.upstream().name());
        String problem = feed.sharedProblem();
        if (problem != null) {
            sharedDetail.put("problem", problem);
        }
        b.withDetail("shared", sharedDetail);
        b.withDetail("directRunning", feed.directRunning());
        Map<String, Object> tokens = new LinkedHashMap<>();
        for (TokenFeedView v : feed.tokens().values()) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("state", v.state());
            t.put("source", v.source());
            t.put("seq", v.seq());
            t.put("ageMs", v.ageMs());
            t.put("tradable", v.tradable());
            tokens.put(v.tokenId(), t);
        }
        b.withDetail("tokens", tokens);
        return b.build();
    }
}
