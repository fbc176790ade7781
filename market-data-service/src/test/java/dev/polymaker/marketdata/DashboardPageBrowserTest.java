package dev.polymaker.marketdata;

import dev.polymaker.marketdata.api.TickState;
import dev.polymaker.marketdata.support.Http;
import dev.polymaker.simulator.ExchangeSimulator;
import dev.polymaker.simulator.SimBook;
import dev.polymaker.simulator.SimulatorConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The operator dashboard at {@code /} in a real headless Chromium: its script fetches health,
 * ticks and subscriptions and renders them. `.ci/run` installs Debian's chromium.
 */
class DashboardPageBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @Test
    void dashboardRendersUpstreamStateAndLiveTicks(@TempDir Path profile) throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "Debian chromium is not installed (.ci/run installs it)");
        try (ExchangeSimulator sim = ExchangeSimulator.start(SimulatorConfig.builder().host("127.0.0.1").httpPort(0)
                .wsPort(0).markets(1).seed(3).eventsPerSecond(0).build())) {
            String token = sim.markets().get(0).yesTokenId();
            try (ConfigurableApplicationContext app = new SpringApplicationBuilder(MarketDataApplication.class).run(
                    "--server.port=0", "--spring.jmx.enabled=false",
                    "--marketdata.upstream.url=" + sim.marketUrl(),
                    "--marketdata.upstream.rest-url=" + sim.restUrl(),
                    "--marketdata.gamma.url=" + sim.restUrl(), "--marketdata.gamma.check-interval=200ms",
                    "--marketdata.tokens=" + token)) {
                int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
                JsonMapper json = JsonMapper.builder().build();
                await().atMost(Duration.ofSeconds(20)).until(() -> json.readTree(
                        Http.get(port, "/api/ticks/" + token).body()).path("state").asString()
                        .equals(TickState.LIVE.name()));
                await().atMost(Duration.ofSeconds(20)).until(() -> Http.get(port, "/api/subscriptions").body()
                        .contains("\"outcome\":\"Yes\""));
                SimBook book = sim.book(token);

                String dom = dumpDom("http://127.0.0.1:" + port + "/", profile);

                assertThat(dom).contains("<span id=\"upstream\" class=\"status UP\">UP</span>");
                assertThat(dom).contains(token.substring(0, 8) + "…" + token.substring(token.length() - 6));
                assertThat(dom).contains("<td class=\"LIVE\">LIVE</td>");
                assertThat(dom).contains("<td>" + book.bestBid().toPlainString() + "</td>",
                        "<td>" + book.bestAsk().toPlainString() + "</td>");
                assertThat(dom).contains("<td>CONFIG:1</td>");
                // Operators read the market's question and outcome (from Gamma), not only the id.
                assertThat(dom).containsPattern("<td class=\"market\">Simulated market 0x[0-9a-f]+\\? — Yes</td>");
            }
        }
    }

    /** The page's DOM after its scripts ran, as headless Chromium renders it. */
    private static String dumpDom(String url, Path profile) throws IOException, InterruptedException {
        Process chromium = new ProcessBuilder(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--user-data-dir=" + profile,
                "--virtual-time-budget=5000", "--dump-dom", url))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = chromium.getInputStream().readAllBytes();
        assertThat(chromium.waitFor(60, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        assertThat(chromium.exitValue()).as("chromium exit code").isZero();
        return new String(out, StandardCharsets.UTF_8);
    }
}
