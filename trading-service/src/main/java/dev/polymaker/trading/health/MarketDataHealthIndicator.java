package dev.polymaker.trading.health;

import dev.polymaker.marketdata.api.stream.FeedLiveness;
import dev.polymaker.trading.config.TradingSystem;
import dev.polymaker.trading.feed.FeedMode;
import dev.polymaker.trading.feed.MarketDataFeed;
import dev.polymaker.trading.feed.ReplicaView;
import dev.polymaker.trading.feed.TokenFeedView;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Health component {@code marketData}: DOWN in mode NONE (nothing to trade on); details name the
 * source followed ({@code shared:<replica>}, {@code direct}), each replica's health, and every token.
 */
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
        b.withDetail("source", feed.source());
        b.withDetail("reason", feed.lastSwitchReason());
        b.withDetail("modeSince", feed.lastSwitchTime());
        List<ReplicaView> replicas = feed.replicaViews();
        Map<String, Object> replicaDetails = new LinkedHashMap<>();
        for (ReplicaView r : replicas) {
            Map<String, Object> detail = replicaDetail(r);
            replicaDetails.put(r.name(), detail);
            if (r.name().equals(feed.activeReplica())) {
                b.withDetail("shared", detail);
            }
        }
        b.withDetail("replicas", replicaDetails);
        b.withDetail("replicasHealthy", replicas.stream().filter(ReplicaView::healthy).count());
        b.withDetail("directRunning", feed.directRunning());
        Map<String, Object> tokens = new LinkedHashMap<>();
        for (TokenFeedView v : feed.tokens().values()) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("state", v.state());
            t.put("source", v.source());
            t.put("seq", v.seq());
            t.put("ageMs", v.ageMs());
            t.put("tradable", v.tradable());
            t.put("fedEpoch", v.fedEpoch());
            t.put("fedSeq", v.fedSeq());
            tokens.put(v.tokenId(), t);
        }
        b.withDetail("tokens", tokens);
        return b.build();
    }

    private static Map<String, Object> replicaDetail(ReplicaView r) {
        FeedLiveness live = r.liveness();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("replica", r.name());
        d.put("url", r.url().toString());
        d.put("active", r.active());
        d.put("healthy", r.healthy());
        d.put("connected", live.connected());
        d.put("lastFeedStatusTime", live.lastFeedStatusTime());
        d.put("upstream", live.lastStatus() == null ? "UNKNOWN" : live.upstream().name());
        if (r.problem() != null) {
            d.put("problem", r.problem());
        }
        return d;
    }
}
