package dev.polymaker.marketdata.health;

import dev.polymaker.marketdata.stomp.BrokerAvailability;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

import java.time.Clock;

/**
 * Health component {@code broker} (part of readiness): DOWN while ticks cannot reach consumers
 * because the external STOMP broker of the relay is unavailable, with the reason (connection lost,
 * namespace held by another instance, ...). Always UP with the embedded simple broker.
 */
@Component
public class BrokerHealthIndicator extends AbstractHealthIndicator {

    private final BrokerAvailability broker;
    private final Clock clock;

    public BrokerHealthIndicator(BrokerAvailability broker, Clock clock) {
        super("broker health check failed");
        this.broker = broker;
        this.clock = clock;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean available = broker.available() || !broker.external();
        builder.status(available ? Status.UP : Status.DOWN)
                .withDetail("mode", broker.mode())
                .withDetail("available", broker.available());
        if (broker.changedAt() > 0) {
            builder.withDetail("sinceMs", clock.millis() - broker.changedAt());
        }
        if (!broker.available() && broker.reason() != null) {
            builder.withDetail("reason", broker.reason());
        }
    }
}
