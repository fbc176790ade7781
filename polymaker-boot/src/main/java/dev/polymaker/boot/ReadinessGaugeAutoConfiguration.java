package dev.polymaker.boot;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.context.annotation.Bean;

/** Registers the {@link ReadinessGauge} in every service that has this module (both do). */
@AutoConfiguration
public class ReadinessGaugeAutoConfiguration {

    @Bean
    ReadinessGauge readinessGauge(ObjectProvider<HealthEndpoint> health, MeterRegistry meters) {
        return new ReadinessGauge(health, meters);
    }
}
