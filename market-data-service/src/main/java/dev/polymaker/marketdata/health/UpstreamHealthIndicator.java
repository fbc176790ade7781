package dev.polymaker.marketdata.health;

import dev.polymaker.marketdata.api.UpstreamHealth;
import dev.polymaker.marketdata.upstream.UpstreamMonitor;
import dev.polymaker.marketdata.upstream.UpstreamVerdict;
import dev.polymaker.polymarket.upstream.PoolStatus;
import dev.polymaker.polymarket.upstream.SocketStatus;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Health component {@code upstream} (part of readiness): DOWN when the pool never connected,
 * failed to start, or has had no connected socket for longer than
 * {@code marketdata.health.down-after}. DEGRADED (some sockets not connected, or a reconnect in
 * progress) is reported as UP with detail {@code upstream: DEGRADED}: the connected sockets'
 * tokens are still good, and each token's own state tells consumers which are not.
 */
@Component
public class UpstreamHealthIndicator extends AbstractHealthIndicator {

    private final UpstreamMonitor monitor;
    private final Clock clock;

    public UpstreamHealthIndicator(UpstreamMonitor monitor, Clock clock) {
        super("upstream health check failed");
        this.monitor = monitor;
        this.clock = clock;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        PoolStatus status = monitor.refresh();
        UpstreamVerdict verdict = monitor.verdict(status);
        builder.status(verdict.health() == UpstreamHealth.DOWN ? Status.DOWN : Status.UP);
        long now = clock.millis();
        long reconnects = status.sockets().stream().mapToLong(SocketStatus::reconnects).sum();
        List<Map<String, Object>> sockets = status.sockets().stream().map(s -> socket(s, now)).toList();
        builder.withDetail("upstream", verdict.health().name())
                .withDetail("reason", verdict.reason())
                .withDetail("url", monitor.url())
                .withDetail("sockets", verdict.sockets())
                .withDetail("socketsConnected", verdict.socketsConnected())
                .withDetail("reconnects", reconnects)
                .withDetail("lastDataAgeMs", verdict.lastDataAgeMs())
                .withDetail("socketDetails", sockets);
    }

    private static Map<String, Object> socket(SocketStatus s, long now) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("id", s.id());
        detail.put("state", s.state().name());
        detail.put("tokens", s.tokens());
        detail.put("reconnects", s.reconnects());
        detail.put("connectedForMs", s.connectedSince() > 0 ? now - s.connectedSince() : -1);
        detail.put("lastDataAgeMs", s.lastDataTime() > 0 ? now - s.lastDataTime() : -1);
        if (s.lastError() != null) {
            detail.put("lastError", s.lastError());
        }
        if (s.witnessFailures() > 0) {
            detail.put("witnessFailures", s.witnessFailures());
            detail.put("lastWitnessFailure", s.lastWitnessFailure());
            detail.put("lastWitnessFailureAgeMs", now - s.lastWitnessFailureTime());
        }
        return detail;
    }
}
