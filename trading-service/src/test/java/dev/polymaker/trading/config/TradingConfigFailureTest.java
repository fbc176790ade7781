package dev.polymaker.trading.config;

import dev.polymaker.trading.TradingApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
/** Bad configuration stops the app at start with a report that names the key and the fix. */
class TradingConfigFailureTest {

    private static Throwable startWith(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--spring.main.web-application-type=none", "--spring.main.banner-mode=off"));
        if (all.stream().noneMatch(a -> a.startsWith("--trading.market-data.url"))) {
            all.add("--trading.market-data.url=ws://127.0.0.1:9/ws");
        }
        SpringApplication app = new SpringApplicationBuilder(TradingApplication.class).build();
        try {
            ConfigurableApplicationContext ctx = app.run(all.toArray(String[]::new));
            ctx.close();
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    private static FailureAnalysis analyse(Throwable failure) {
        Throwable t = failure;
        while (t != null && !(t instanceof InvalidTradingConfigException)) {
            t = t.getCause();
        }
        assertThat(t).as("cause chain of %s", failure).isNotNull();
        return new TradingConfigFailureAnalyzer().analyze(failure);
    }

    @Test
    void malformedMarketDataUrl() {
        FailureAnalysis a = analyse(startWith("--trading.market-data.url=http://localhost:8080/ws"));
        assertThat(a.getDescription()).contains("trading.market-data.url").contains("ws/wss");
        assertThat(a.getAction()).contains("Fix 'trading.market-data.url'").contains("ws://localhost:8080/ws");
    }

    @Test
    void anEmptyReplicaList() {
        FailureAnalysis a = analyse(startWith("--trading.market-data.urls="));
        assertThat(a.getDescription()).contains("trading.market-data.urls").contains("empty");
        assertThat(a.getAction()).contains("Fix 'trading.market-data.urls'").contains("ws://mds-a:8080/ws,ws://mds-b:8080/ws");
    }

    @Test
    void aBadEntryInTheReplicaList() {
        FailureAnalysis a = analyse(startWith("--trading.market-data.urls=ws://127.0.0.1:9/ws,http://127.0.0.1:10/ws"));
        assertThat(a.getDescription()).contains("trading.market-data.urls[1]=http://127.0.0.1:10/ws").contains("ws/wss");
        assertThat(a.getAction()).contains("market-data-service STOMP endpoint");
    }

    @Test
    void theSameReplicaListedTwice() {
        FailureAnalysis a = analyse(startWith("--trading.market-data.urls=ws://mds-a:8080/ws,ws://MDS-A:8080/stomp"));
        assertThat(a.getDescription()).contains("trading.market-data.urls")
                .contains("two entries name the same replica mds-a:8080");
        assertThat(a.getAction()).contains("list each market-data-service replica once");
    }

    @Test
    void bothTheOneUrlAndTheList() {
        FailureAnalysis a = analyse(startWith("--trading.market-data.url=ws://127.0.0.1:9/ws",
                "--trading.market-data.urls=ws://127.0.0.1:9/ws,ws://127.0.0.1:10/ws"));
        assertThat(a.getDescription()).contains("set together with trading.market-data.url");
        assertThat(a.getAction()).contains("set only trading.market-data.urls");
    }

    @Test
    void aListOfTwoReplicasStarts() {
        assertThat(startWith("--trading.market-data.urls=ws://127.0.0.1:9/ws, ws://127.0.0.1:10/ws")).isNull();
    }

    @Test
    void negativeMaxTickAge() {
        FailureAnalysis a = analyse(startWith("--trading.feed.max-tick-age=-1s"));
        assertThat(a.getDescription()).contains("trading.feed.max-tick-age").contains("negative");
        assertThat(a.getAction()).contains("0s to turn the check off");
    }

    @Test
    void aZeroReconcileIntervalWouldStopThePositionChecksSilently() {
        FailureAnalysis a = analyse(startWith("--trading.reconcile.interval=0s"));
        assertThat(a.getDescription()).contains("trading.reconcile.interval").contains("must be positive");
        assertThat(a.getAction()).contains("Fix 'trading.reconcile.interval'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"trading.direct.ping-interval=0s", "trading.direct.silence-timeout=-5s",
            "trading.direct.first-book-timeout=0ms", "trading.direct.initial-backoff=0s",
            "trading.market-data.heartbeat=0s", "trading.direct.ping-interval=30s",
            "trading.direct.max-tokens-per-socket=1000",
            "trading.market-data.max-backoff=-1s", "trading.clob.rate-limit.max-wait=-1s",
            "trading.reconcile.dust=-1"})
    void aTimingOrLimitNoTimerOrWatchdogCanRunOnStopsStartUpNamingTheKey(String setting) {
        FailureAnalysis a = analyse(startWith("--" + setting));
        assertThat(a.getDescription()).contains(setting.substring(0, setting.indexOf('=')));
    }

    @Test
    void aMaxBackoffShorterThanTheInitialOne() {
        FailureAnalysis a = analyse(startWith("--trading.direct.initial-backoff=10s", "--trading.direct.max-backoff=2s"));
        assertThat(a.getDescription()).contains("trading.direct.max-backoff").contains("shorter than");
        assertThat(a.getAction()).contains("at least the initial backoff");
    }

    @Test
    void directUrlWithoutHost() {
        FailureAnalysis a = analyse(startWith("--trading.direct.url=wss:///ws/market"));
        assertThat(a.getDescription()).contains("trading.direct.url");
    }

    @Test
    void unreadableTokenFile(@TempDir Path dir, CapturedOutput output) {
        FailureAnalysis a = analyse(startWith("--trading.token-file=" + dir.resolve("missing.json")));
        // Spring Boot found and printed our analysis at start-up.
        assertThat(output).contains("APPLICATION FAILED TO START").contains("Fix 'trading.token-file'");
        assertThat(a.getDescription()).contains("trading.token-file").contains("no such file");
        assertThat(a.getAction()).contains("tokens_from_copytrade.json");
        FailureAnalysis dirAsFile = analyse(startWith("--trading.token-file=" + dir));
        assertThat(dirAsFile.getDescription()).contains("not a readable file");
    }

    @Test
    void liveModeWithoutAGateway() {
        FailureAnalysis a = analyse(startWith("--trading.orders.mode=live"));
        assertThat(a.getDescription()).contains("trading.orders.mode").contains("live trading needs");
        assertThat(a.getAction()).contains("trading.orders.mode=paper");
    }

    @Test
    void unknownOrdersModeIsABindingFailureNamingTheValidValues() {
        Throwable failure = startWith("--trading.orders.mode=yolo");
        assertThat(failure).isNotNull();
        assertThat(failure).hasStackTraceContaining("trading.orders.mode").hasStackTraceContaining("yolo");
    }

    @Test
    void badTokenIdInTheList() {
        FailureAnalysis a = analyse(startWith("--trading.tokens=123,0xdead"));
        assertThat(a.getDescription()).contains("trading.tokens=0xdead");
    }

    @Test
    void inconsistentStrategySettings() {
        FailureAnalysis a = analyse(startWith("--trading.strategy.min-buy-price=0.97"));
        assertThat(a.getDescription()).contains("trading.strategy").contains("minBuyPrice");
    }

    @Test
    void negativeStopLossGracePeriod() {
        FailureAnalysis a = analyse(startWith("--trading.strategy.stop-loss.grace=-1m"));
        assertThat(a.getDescription()).contains("trading.strategy.stop-loss").contains("grace must not be negative");
        assertThat(a.getAction()).contains("trading.strategy.stop-loss.enabled=false");
    }

    @Test
    void stopLossConfirmRoundsBelowOneIsABindingFailureNamingTheKey(CapturedOutput output) {
        Throwable failure = startWith("--trading.strategy.stop-loss.confirm-rounds=0");
        assertThat(failure).isNotNull();
        // Spring Boot's own failure analysis of the bean validation names the key and the rule.
        assertThat(output).contains("APPLICATION FAILED TO START").contains("Property: trading.strategy.stopLoss.confirmRounds")
                .contains("must be greater than or equal to 1");
    }
}
