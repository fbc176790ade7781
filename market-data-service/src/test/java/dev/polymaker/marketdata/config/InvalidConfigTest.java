package dev.polymaker.marketdata.config;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import dev.polymaker.marketdata.MarketDataApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(OutputCaptureExtension.class)
class InvalidConfigTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(MarketDataProperties.class)
    static class PropertiesOnly {
    }

    final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(PropertiesOnly.class);

    @Test
    void defaultsAreValid() {
        runner.run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void settingsTheExchangeDoesNotTolerateAreRefused() {
        runner.withPropertyValues("marketdata.upstream.ping-interval=30s",
                        "marketdata.upstream.max-tokens-per-socket=1000")
                .run(context -> {
                    assertThat(context).hasFailed();
                    FailureAnalysis analysis = new InvalidMarketDataConfigFailureAnalyzer()
                            .analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription())
                            .contains("marketdata.upstream.ping-interval: is longer than 10 s, was PT30S")
                            .contains("marketdata.upstream.max-tokens-per-socket: must be at most 500, was 1000");
                    assertThat(analysis.getAction()).contains("use 10s or less").contains("use 200 (the default)");
                });
        runner.withPropertyValues("marketdata.upstream.ping-interval=10s",
                "marketdata.upstream.max-tokens-per-socket=500").run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void everyProblemIsListedWithTheKeyAndTheFix() {
        runner.withPropertyValues("marketdata.upstream.url=http://example.com/ws",
                        "marketdata.upstream.rest-url=not a url",
                        "marketdata.upstream.ping-interval=0s",
                        "marketdata.upstream.max-tokens-per-socket=0",
                        "marketdata.token-file=/nonexistent/tokens_from_copytrade.json",
                        "marketdata.tokens=123,abc",
                        "marketdata.status-interval=-1s",
                        "marketdata.relay.enabled=true", "marketdata.relay.namespace=mds.a",
                        "marketdata.relay.batch-interval=1s")
                .run(context -> {
                    assertThat(context).hasFailed();
                    Throwable failure = context.getStartupFailure();
                    FailureAnalysis analysis = new InvalidMarketDataConfigFailureAnalyzer().analyze(failure);
                    assertThat(analysis).isNotNull();
                    assertThat(analysis.getDescription())
                            .contains("marketdata.upstream.url: 'http://example.com/ws' has scheme 'http', expected ws or wss")
                            .contains("marketdata.upstream.rest-url: 'not a url' is not a valid URL")
                            .contains("marketdata.upstream.ping-interval: must be a positive duration")
                            .contains("marketdata.upstream.max-tokens-per-socket: must be at least 1, was 0")
                            .contains("marketdata.token-file: '/nonexistent/tokens_from_copytrade.json' does not exist")
                            .contains("marketdata.tokens[1]: 'abc' is not a token id")
                            .contains("marketdata.status-interval: must be a positive duration")
                            .contains("marketdata.relay.namespace: 'mds.a' is not a namespace")
                            .contains("marketdata.relay.batch-interval: must be 0-50ms, was PT1S");
                    assertThat(analysis.getAction()).contains("marketdata.token-file: point it at the copy-trade")
                            .contains("marketdata.relay.namespace: use 1-40 characters");
                });
    }

    @Test
    void theApplicationRefusesToStartAndPrintsTheAnalysis(CapturedOutput output) {
        SpringApplication app = new SpringApplication(MarketDataApplication.class);
        assertThatThrownBy(() -> app.run("--server.port=0", "--spring.jmx.enabled=false",
                "--marketdata.upstream.url=ftp://example.com/ws", "--marketdata.upstream.reconnect.max-backoff=0s"))
                .hasRootCauseInstanceOf(InvalidMarketDataConfigException.class);
        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("market-data-service cannot start: its configuration is invalid")
                .contains("marketdata.upstream.url: 'ftp://example.com/ws' has scheme 'ftp', expected ws or wss")
                .contains("marketdata.upstream.reconnect.max-backoff: must be a positive duration");
    }
}
