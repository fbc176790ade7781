package dev.polymaker.trading.health;

import dev.polymaker.trading.config.TradingSystem;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Health component {@code orders}: whether the order gateway accepts our orders. */
@Component
public class OrdersHealthIndicator implements HealthIndicator {

    private final TradingSystem system;

    public OrdersHealthIndicator(TradingSystem system) {
        this.system = system;
    }

    @Override
    public Health health() {
        boolean healthy = system.gateway().healthy();
        Health.Builder b = healthy ? Health.up() : Health.down();
        return b.withDetail("gateway", system.gateway().getClass().getSimpleName())
                .withDetail("reason", system.gateway().healthReason())
                .withDetail("openOrders", system.gateway().openOrders().size())
                .withDetail("halted", system.dispatcher().halted())
                .build();
    }
}
