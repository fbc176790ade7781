package dev.polymaker.boot;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** The services' own tests read polymaker_ready at 1 and 0 over HTTP; this pins the auto-configuration. */
class ReadinessGaugeTest {

    @Test
    void anyServiceWithThisModuleHasTheGaugeAndItIsZeroWithoutAHealthEndpoint() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ReadinessGaugeAutoConfiguration.class))
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .run(context -> {
                    assertThat(context).hasSingleBean(ReadinessGauge.class);
                    assertThat(context.getBean(MeterRegistry.class).get("polymaker.ready").gauge().value()).isZero();
                });
    }
}
