package dev.polymaker.trading.orders.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polymaker.trading.config.InvalidTradingConfigException;
import dev.polymaker.trading.config.TradingConfigFailureAnalyzer;
import dev.polymaker.trading.config.TradingProperties;
import dev.polymaker.trading.orders.OrderGateway;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import dev.polymaker.trading.threads.TradingThreads;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class ClobGatewayConfigurationTest {

    static final String KEY = "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a";
    static final String KEY_ADDRESS = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
    static final String SECRET = "Z2F0ZXdheS10ZXN0LXNlY3JldC0wMTIzNDU2Nzg5YWI=";

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(TradingProperties.class)
    static class Base {
        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }

        @Bean
        dev.polymaker.trading.metrics.TradingMetrics tradingMetrics() {
            return new dev.polymaker.trading.metrics.TradingMetrics(
                    new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        }

        @Bean(destroyMethod = "close")
        TradingThreads tradingThreads() {
            return new TradingThreads();
        }
    }

    final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Base.class, ClobGatewayConfiguration.class);

    static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("POLY_PRIVATE_KEY", KEY);
        env.put("POLY_FUNDER", "0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
        env.put("POLY_SIGNATURE_TYPE", "2");
        env.put("POLY_API_KEY", "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee");
        env.put("POLY_API_SECRET", SECRET);
        env.put("POLY_API_PASSPHRASE", "the-passphrase");
        return env;
    }

    static String[] props(Map<String, String> env) {
        return env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
    }

    @Test
    void liveModeWithEverySecretBuildsTheClobGateway() {
        runner.withPropertyValues("trading.orders.mode=live", "trading.clob.url=http://127.0.0.1:9")
                .withPropertyValues(props(env()))
                .run(ctx -> {
                    assertThat(ctx).hasSingleBean(OrderGateway.class);
                    assertThat(ctx.getBean(OrderGateway.class)).isInstanceOf(ClobOrderGateway.class);
                });
    }

    @Test
    void paperModeLeavesItOut() {
        runner.withPropertyValues("trading.orders.mode=paper").withPropertyValues(props(env()))
                .run(ctx -> assertThat(ctx).doesNotHaveBean(ClobOrderGateway.class));
    }

    @Test
    void eachMissingSecretIsNamedByTheFailureAnalysisWithoutLeakingValues() {
        for (String missing : LiveTradingSecretsTest.ALL) {
            Map<String, String> env = env();
            env.remove(missing);
            runner.withPropertyValues("trading.orders.mode=live").withPropertyValues(props(env)).run(ctx -> {
                assertThat(ctx).hasFailed();
                FailureAnalysis analysis = new TradingConfigFailureAnalyzer().analyze(ctx.getStartupFailure());
                assertThat(analysis).isNotNull();
                assertThat(analysis.getDescription()).contains(missing).contains("(missing)");
                assertThat(analysis.getAction()).contains(missing);
                assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain(SECRET)
                        .doesNotContain(KEY.substring(2)).doesNotContain("the-passphrase");
                assertThat(ctx.getStartupFailure()).hasRootCauseInstanceOf(InvalidTradingConfigException.class);
            });
        }
    }
}
