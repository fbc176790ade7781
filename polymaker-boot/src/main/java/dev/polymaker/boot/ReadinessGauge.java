package dev.polymaker.boot;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;

/**
 * {@code polymaker_ready}: 1 while the readiness group is UP, else 0. Lets Prometheus alert on
 * readiness without scraping the health endpoint itself (docs/architecture.md §4, both services).
 */
public final class ReadinessGauge {

    public ReadinessGauge(ObjectProvider<HealthEndpoint> health, MeterRegistry meters) {
        Gauge.builder("polymaker.ready", health, ReadinessGauge::ready)
                .description("1 while /actuator/health/readiness is UP").strongReference(true).register(meters);
    }

    static double ready(ObjectProvider<HealthEndpoint> health) {
        HealthEndpoint endpoint = health.getIfAvailable();
        if (endpoint == null) {
            return 0;
        }
        HealthDescriptor readiness = endpoint.healthForPath("readiness");
        return readiness != null && Status.UP.equals(readiness.getStatus()) ? 1 : 0;
    }
}
